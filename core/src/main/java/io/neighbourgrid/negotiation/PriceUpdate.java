package io.neighbourgrid.negotiation;

import java.util.List;

/**
 * How the pairs compute their next prices (seed 002, Eq. 17): in the clear between the two traders
 * ({@link #plain(double)}), or as the two-party computation on Paillier ciphertexts through the contract (the
 * client SDK's private negotiation).
 */
@FunctionalInterface
public interface PriceUpdate {
    /**
     * The next price of every pair.
     *
     * @param iteration      the iteration {@code k} (from 0)
     * @param pairs          the pairs
     * @param prices         their prices {@code lambda^k}, encoded ({@link PriceEncoding#price(double)})
     * @param producerPowers the producers' trades {@code P_nm^k+1}, encoded
     * @param consumerPowers the consumers' trades {@code P_mn^k+1}, encoded
     * @return the prices {@code lambda^k+1}, encoded
     */
    long[] next(int iteration, List<TradePair> pairs, long[] prices, long[] producerPowers, long[] consumerPowers);

    /** Eq. 17 with the public step {@code alpha}, each pair exchanging its two trades in the clear. */
    static PriceUpdate plain(double alpha) {
        long step = PriceEncoding.step(alpha);
        return (iteration, pairs, prices, producer, consumer) -> {
            long[] out = new long[prices.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = PriceEncoding.nextPrice(prices[i], step, producer[i], consumer[i]);
            }
            return out;
        };
    }
}
