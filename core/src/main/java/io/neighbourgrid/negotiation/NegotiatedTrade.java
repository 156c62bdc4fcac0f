package io.neighbourgrid.negotiation;

/**
 * A pair's result: what each side proposes to trade and the pair's price.
 *
 * @param pair         the pair
 * @param producerKw   the producer's trade {@code P_nm} (kW, positive when it sells)
 * @param consumerKw   the consumer's trade {@code P_mn} (kW, negative when it buys)
 * @param price        the pair price {@code lambda_nm} (USD/kW)
 * @param encodedPrice the price as the pair computed it ({@link PriceEncoding#price(double)})
 */
public record NegotiatedTrade(TradePair pair, double producerKw, double consumerKw, double price, long encodedPrice) {
    /** The traded quantity: the average of the two sides' proposals, {@code (P_nm - P_mn) / 2} (kW). */
    public double quantityKw() {
        return (producerKw - consumerKw) / 2;
    }
}
