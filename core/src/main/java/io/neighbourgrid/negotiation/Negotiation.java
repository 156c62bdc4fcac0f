package io.neighbourgrid.negotiation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The negotiation loop of seed 002, Section 3.2, for all traders of a case: each iteration every trader solves its
 * local problem ({@link LocalProblem}, Eq. 15), the pairs update their prices ({@link PriceUpdate}, Eq. 17), the line
 * manager updates the line prices from the flows ({@link LinePrices}, Eq. 18) and the market operator checks the
 * stopping criterion ({@link IterationRecord}, Eq. 19). Trades and prices start at zero.
 *
 * <p>The traders' private data stay with each trader's update; what crosses between parties is what
 * {@code docs/negotiation.md} lists for the variant in use. This class runs the plain variant directly and the
 * private one through a {@link PriceUpdate} that goes through the contract.
 */
public final class Negotiation {
    private final NegotiationCase c;
    private final NegotiationSettings settings;
    private final List<TradePair> pairs;
    private final Map<String, List<Integer>> pairsOf = new HashMap<>();

    /**
     * A negotiation of a case.
     *
     * @param c        the case
     * @param settings the tuning
     */
    public Negotiation(NegotiationCase c, NegotiationSettings settings) {
        this.c = c;
        this.settings = settings;
        this.pairs = c.pairs();
        for (int i = 0; i < pairs.size(); i++) {
            pairsOf.computeIfAbsent(pairs.get(i).producer(), k -> new ArrayList<>()).add(i);
            pairsOf.computeIfAbsent(pairs.get(i).consumer(), k -> new ArrayList<>()).add(i);
        }
    }

    /** The pairs, in the order of every array this class exchanges. */
    public List<TradePair> pairs() {
        return pairs;
    }

    /**
     * Runs the negotiation until the stopping criterion holds or the budget is spent.
     *
     * @param update how the pairs compute their prices
     * @return the outcome
     */
    public NegotiationResult run(PriceUpdate update) {
        return run(update, (k, prices) -> { });
    }

    /**
     * Runs the negotiation, handing the line manager's prices of every iteration to {@code lineManager} (which posts
     * them to the ledger).
     *
     * @param update      how the pairs compute their prices
     * @param lineManager receives iteration {@code k} and the line prices that answer its flows
     * @return the outcome
     */
    public NegotiationResult run(PriceUpdate update, LinePriceListener lineManager) {
        int n = pairs.size();
        double[] producer = new double[n];
        double[] consumer = new double[n];
        long[] prices = new long[n];
        long[] previousPrices = new long[n];
        LinePrices lines = new LinePrices(c.network().lines());
        LinePrices previousLines = lines;
        List<IterationRecord> history = new ArrayList<>();
        List<double[]> priceHistory = new ArrayList<>();
        boolean converged = false;
        int k = 0;
        double[] flows = new double[c.network().lines()];
        while (k < settings.maxIterations() && !converged) {
            double[] nextProducer = producer.clone();
            double[] nextConsumer = consumer.clone();
            LinePrices charges = lines.extrapolate(previousLines);
            double[] offered = extrapolate(prices, previousPrices);
            for (Trader t : c.traders()) {
                primal(t, charges, offered, producer, consumer, nextProducer, nextConsumer);
            }
            long[] nextPrices = update.next(k, pairs, prices, encode(nextProducer), encode(nextConsumer));
            flows = c.flows(injections(nextProducer, nextConsumer));
            LinePrices nextLines = lines.next(flows, c.limits(), settings.gamma());
            lineManager.published(k, nextLines);
            IterationRecord record = record(k + 1, producer, consumer, nextProducer, nextConsumer, flows,
                    nextLines.maxChange(lines));
            history.add(record);
            producer = nextProducer;
            consumer = nextConsumer;
            previousPrices = prices;
            prices = nextPrices;
            previousLines = lines;
            lines = nextLines;
            priceHistory.add(decode(prices));
            converged = record.converged(settings.tolerance(), settings.gamma());
            k++;
        }
        List<NegotiatedTrade> trades = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            trades.add(new NegotiatedTrade(pairs.get(i), producer[i], consumer[i],
                    PriceEncoding.priceValue(prices[i]), prices[i]));
        }
        return new NegotiationResult(c.name(), converged, k, trades, injections(producer, consumer), flows, lines,
                history, priceHistory);
    }

    /** Receives the line prices of each iteration. */
    @FunctionalInterface
    public interface LinePriceListener {
        /**
         * The line prices that answer the flows of iteration {@code k}.
         *
         * @param k      the iteration
         * @param prices the prices
         */
        void published(int k, LinePrices prices);
    }

    private void primal(Trader t, LinePrices lines, double[] prices, double[] producer, double[] consumer,
                        double[] nextProducer, double[] nextConsumer) {
        List<Integer> mine = pairsOf.getOrDefault(t.id(), List.of());
        if (mine.isEmpty()) {
            return;
        }
        boolean isProducer = t.isProducer();
        double[] previous = new double[mine.size()];
        double[] price = new double[mine.size()];
        double[] charge = new double[mine.size()];
        for (int j = 0; j < mine.size(); j++) {
            int p = mine.get(j);
            TradePair pair = pairs.get(p);
            previous[j] = isProducer ? producer[p] : consumer[p];
            price[j] = prices[p];
            charge[j] = lines.charge(c, t.id(), isProducer ? pair.consumer() : pair.producer());
        }
        double[] next = LocalProblem.update(t, previous, price, charge, settings.rho());
        for (int j = 0; j < mine.size(); j++) {
            int p = mine.get(j);
            // The trades leave the trader in their encoded form, so both variants see the same numbers.
            double rounded = PriceEncoding.powerValue(PriceEncoding.power(next[j]));
            if (isProducer) {
                nextProducer[p] = rounded;
            } else {
                nextConsumer[p] = rounded;
            }
        }
    }

    private double[] injections(double[] producer, double[] consumer) {
        double[] out = new double[c.traders().size()];
        for (int i = 0; i < out.length; i++) {
            Trader t = c.traders().get(i);
            for (int p : pairsOf.getOrDefault(t.id(), List.of())) {
                out[i] += t.isProducer() ? producer[p] : consumer[p];
            }
        }
        return out;
    }

    private IterationRecord record(int iteration, double[] producer, double[] consumer, double[] nextProducer,
                                   double[] nextConsumer, double[] flows, double linePriceChange) {
        double reciprocity = 0;
        double change = 0;
        for (int i = 0; i < producer.length; i++) {
            reciprocity = Math.max(reciprocity, Math.abs(nextProducer[i] + nextConsumer[i]));
            change = Math.max(change, Math.max(Math.abs(nextProducer[i] - producer[i]),
                    Math.abs(nextConsumer[i] - consumer[i])));
        }
        double overload = 0;
        for (int l = 0; l < flows.length; l++) {
            overload = Math.max(overload, Math.abs(flows[l]) - c.limit(l));
        }
        return new IterationRecord(iteration, reciprocity, change, overload, linePriceChange);
    }

    /** The extrapolated prices {@code 2 lambda^k - lambda^k-1} the local problems use (USD/kW). */
    static double[] extrapolate(long[] prices, long[] previous) {
        double[] out = new double[prices.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = PriceEncoding.priceValue(Math.subtractExact(Math.multiplyExact(2, prices[i]), previous[i]));
        }
        return out;
    }

    private static long[] encode(double[] kw) {
        long[] out = new long[kw.length];
        for (int i = 0; i < kw.length; i++) {
            out[i] = PriceEncoding.power(kw[i]);
        }
        return out;
    }

    private static double[] decode(long[] prices) {
        double[] out = new double[prices.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = PriceEncoding.priceValue(prices[i]);
        }
        return out;
    }
}
