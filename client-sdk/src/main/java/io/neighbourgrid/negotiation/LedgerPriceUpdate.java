package io.neighbourgrid.negotiation;

import io.neighbourgrid.ledger.LedgerException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The private pair-price update (seed 002, Section 4.3) through the negotiation contract: for every pair and
 * iteration the producer posts its encrypted step and share, the consumer its masked share, the contract combines
 * them, the producer proves the decryption of the masked price, and each side recovers the price (the consumer by
 * subtracting its mask, the producer from the consumer's opening). Each trader's trade goes only to its own
 * {@link TradingAgent}.
 */
public final class LedgerPriceUpdate implements PriceUpdate {
    private final Map<String, TradingAgent> agents;
    private final ExecutorService pool;
    private final Map<String, MaskOpening> lastOpenings = new ConcurrentHashMap<>();
    private final Map<String, Double> lastMismatch = new ConcurrentHashMap<>();

    /**
     * Pairs one after the other.
     *
     * @param agents every trader's agent by trader id
     */
    public LedgerPriceUpdate(Map<String, TradingAgent> agents) {
        this(agents, null);
    }

    /**
     * Pairs in parallel on {@code pool} (their ledger keys are disjoint, so their transactions never conflict).
     *
     * @param agents every trader's agent by trader id
     * @param pool   the threads the pairs run on, or {@code null} for one pair after the other
     */
    public LedgerPriceUpdate(Map<String, TradingAgent> agents, ExecutorService pool) {
        this.agents = Map.copyOf(agents);
        this.pool = pool;
    }

    @Override
    public long[] next(int k, List<TradePair> pairs, long[] prices, long[] producerPowers, long[] consumerPowers) {
        long[] out = new long[prices.length];
        List<Callable<Void>> steps = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            int p = i;
            steps.add(() -> {
                out[p] = pair(k, pairs.get(p), prices[p], producerPowers[p], consumerPowers[p]);
                return null;
            });
        }
        try {
            if (pool == null) {
                for (Callable<Void> step : steps) {
                    step.call();
                }
            } else {
                for (Future<Void> f : pool.invokeAll(steps)) {
                    f.get();
                }
            }
        } catch (ExecutionException e) {
            throw rethrow(k, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted in iteration " + k, e);
        } catch (Exception e) {
            throw rethrow(k, e);
        }
        return out;
    }

    private long pair(int k, TradePair pair, long price, long producerPower, long consumerPower)
            throws LedgerException {
        TradingAgent producer = agent(pair.producer());
        TradingAgent consumer = agent(pair.consumer());
        producer.postProducerShare(pair.consumer(), k, price, producerPower);
        MaskOpening opening = consumer.postConsumerShare(pair.producer(), k, price, consumerPower);
        producer.provePrice(pair.consumer(), k);
        long atConsumer = consumer.priceFromLedger(pair.producer(), k);
        long atProducer = producer.priceFromOpening(pair.consumer(), k, opening);
        if (atConsumer != atProducer) {
            throw new IllegalStateException("pair " + pair.name() + " disagrees on its price");
        }
        lastOpenings.put(pair.name(), opening);
        lastMismatch.put(pair.name(), producer.mismatch(pair.consumer(), k, price, atProducer));
        return atConsumer;
    }

    private static RuntimeException rethrow(int k, Throwable e) {
        if (e instanceof LedgerException le) {
            return new NegotiationLedgerException("the pair-price update of iteration " + k, le);
        }
        if (e instanceof RuntimeException re) {
            return re;
        }
        return new IllegalStateException("the pair-price update of iteration " + k + ": " + e.getMessage(), e);
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
