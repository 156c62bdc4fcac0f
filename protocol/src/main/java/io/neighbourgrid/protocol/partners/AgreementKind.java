package io.neighbourgrid.protocol.partners;

/** What a partner agreement does with the energy it moves ({@code docs/partners.md}, section 2). */
public enum AgreementKind {
    /** The seller sells to its partner at the agreement's price per kWh, above 0. */
    SALE,
    /** The seller gives the energy to the recipient: price 0. */
    DONATION
}
