package io.neighbourgrid.protocol.negotiation;

/**
 * A negotiated trade as the market operator records it at convergence (seed 002, Section 3.2, last step).
 *
 * @param producer   the seller
 * @param consumer   the buyer
 * @param quantity   the traded power, micro-kW ({@code (P_nm - P_mn) / 2})
 * @param price      the pair price, 10^-12 USD/kW: in a private negotiation the proven masked price of the final
 *                   iteration less the mask; in a plain one, the price the pair computed in the clear
 * @param iteration  the final iteration
 * @param mask       the consumer's mask of the final iteration, decimal (opened to the contract); {@code null} for a
 *                   plain negotiation, whose pairs have no price records on the ledger
 * @param salt       the salt of its commitment, hex; {@code null} for a plain negotiation
 */
public record TradeRecord(String producer, String consumer, long quantity, long price, long iteration, String mask,
                          String salt) {
    /** Whether the price is tied to a proven decryption on the ledger (a private negotiation). */
    public boolean proven() {
        return mask != null;
    }
}
