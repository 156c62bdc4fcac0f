/**
 * The client side of settlement, billing and disputes ({@code docs/billing.md}): typed calls of the billing
 * transactions ({@link io.neighbourgrid.billing.BillingClient}), a home's part (its settlement records, reading
 * them back, checking its bills: {@link io.neighbourgrid.billing.HomeBilling}), a smart meter
 * ({@link io.neighbourgrid.billing.MeterDevice}), the billing party ({@link io.neighbourgrid.billing.BillingParty}),
 * the billing of a simulated day ({@link io.neighbourgrid.billing.DayBilling}) and the billing benchmark
 * ({@link io.neighbourgrid.billing.BillingBench}).
 */
package io.neighbourgrid.billing;
