/**
 * The client side of settlement, billing and disputes ({@code docs/billing.md}): typed calls of the billing
 * transactions ({@link io.neighbourgrid.billing.BillingClient}), a home's part (its settlement records, reading
 * them back, checking its bills: {@link io.neighbourgrid.billing.HomeBilling}), a smart meter
 * ({@link io.neighbourgrid.billing.MeterDevice}) and the billing party ({@link io.neighbourgrid.billing.BillingParty}).
 * The billing of a simulated day and the billing benchmark are in the application module.
 */
package io.neighbourgrid.billing;
