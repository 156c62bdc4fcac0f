package io.neighbourgrid.negotiation;

import io.neighbourgrid.ledger.LedgerException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The private pair-price update (seed 002, Section 4.3) through the negotiation contract: for every pair and
 * iteration the producer posts its encrypted step and share, the consumer its masked share, the contract combines
 * them, the producer proves the decryption of the masked price, and each side recovers the price (the consumer by
 * subtracting its mask, the producer from the consumer's opening). Each trader's trade goes only to its own
 * {@link TradingAgent}.
 */
public final class LedgerPriceUpdate implements PriceUpdate {
    private final Map<String, TradingAgent> agents;
    private final Map<String, MaskOpening> lastOpenings = new HashMap<>();
    private final Map<String, Double> lastMismatch = new HashMap<>();

    /**
     * @param agents every trader's agent by trader id
     */
    public LedgerPriceUpdate(Map<String, TradingAgent> agents) {
        this.agents = Map.copyOf(agents);
    }

    @Override
    public long[] next(int k, List<TradePair> pairs, long[] prices, long[] producerPowers, long[] consumerPowers) {
        long[] out = new long[prices.length];
        try {
            for (int i = 0; i < pairs.size(); i++) {
                TradePair pair = pairs.get(i);
                TradingAgent producer = agent(pair.producer());
                TradingAgent consumer = agent(pair.consumer());
                producer.postProducerShare(pair.consumer(), k, prices[i], producerPowers[i]);
                MaskOpening opening = consumer.postConsumerShare(pair.producer(), k, prices[i], consumerPowers[i]);
                producer.provePrice(pair.consumer(), k);
                long atConsumer = consumer.priceFromLedger(pair.producer(), k);
                long atProducer = producer.priceFromOpening(pair.consumer(), k, opening);
                if (atConsumer != atProducer) {
                    throw new IllegalStateException("pair " + pair.name() + " disagrees on its price");
                }
                out[i] = atConsumer;
                lastOpenings.put(pair.name(), opening);
                lastMismatch.put(pair.name(), producer.mismatch(pair.consumer(), k, prices[i], atProducer));
            }
        } catch (LedgerException e) {
            throw new NegotiationLedgerException("the pair-price update of iteration " + k, e);
        }
        return out;
    }

    /** Each pair's mask opening of the last iteration, by pair name, for the recording of the trades. */
    public Map<String, MaskOpening> lastOpenings() {
        return Map.copyOf(lastOpenings);
    }

    /** Each pair's mismatch {@code P_nm + P_mn} of the last iteration as its producer read it (kW). */
    public Map<String, Double> lastMismatch() {
        return Map.copyOf(lastMismatch);
    }

    private TradingAgent agent(String id) {
        return Objects.requireNonNull(agents.get(id), () -> "no agent for " + id);
    }
}
