package io.neighbourgrid.negotiation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A negotiation to run: the traders, the network they sit on and the line limits. Every producer may trade with
 * every consumer (the neighbour sets of seed 002, Section 2.1); the pairs are listed producer-major in the order of
 * {@link #traders()}.
 *
 * @param name    a short name ({@code uncongested}, {@code congested})
 * @param traders the traders, ids unique
 * @param network the network
 * @param limits  per line, the maximum flow in kW in either direction ({@code Infinity} for an unmonitored line)
 */
public record NegotiationCase(String name, List<Trader> traders, PowerNetwork network, double[] limits) {
    public NegotiationCase {
        Objects.requireNonNull(name, "name");
        traders = List.copyOf(traders);
        Objects.requireNonNull(network, "network");
        limits = limits.clone();
        if (limits.length != network.lines()) {
            throw new IllegalArgumentException("need one limit per line");
        }
        for (double f : limits) {
            if (!(f > 0)) {
                throw new IllegalArgumentException("line limits must be positive");
            }
        }
        if (traders.stream().map(Trader::id).distinct().count() != traders.size()) {
            throw new IllegalArgumentException("trader ids must be unique");
        }
        for (Trader t : traders) {
            if (t.bus() > network.buses()) {
                throw new IllegalArgumentException(t.id() + " is on bus " + t.bus() + ", beyond the network");
            }
        }
    }

    /** The seven traders of seed 002, Table 2 (four producers, three consumers). */
    public static List<Trader> paperTraders() {
        return List.of(
                new Trader("S1", 2, 0.04, 1, 1, 7),
                new Trader("S2", 5, 0.046, 1, 1, 4),
                new Trader("S3", 8, 0.04, 1, 1, 6),
                new Trader("S4", 10, 0.05, 1, 1, 5),
                new Trader("B1", 3, 0.05, 3, -7, -1),
                new Trader("B2", 4, 0.056, 3, -6, -1),
                new Trader("B3", 9, 0.05, 3, -8, -1));
    }

    /** Seed 002's traders on the IEEE 14-bus network with no line limits. */
    public static NegotiationCase uncongested() {
        PowerNetwork net = PowerNetwork.ieee14();
        double[] limits = new double[net.lines()];
        Arrays.fill(limits, Double.POSITIVE_INFINITY);
        return new NegotiationCase("uncongested", paperTraders(), net, limits);
    }

    /** The limit of line 2-3 in {@link #congested()} (kW). */
    public static final double CONGESTED_LINE_2_3_KW = 3;
    /** The limit of line 7-9 in {@link #congested()} (kW). */
    public static final double CONGESTED_LINE_7_9_KW = 3;

    /**
     * Seed 002's traders on the IEEE 14-bus network with two lines limited so that the unconstrained optimum
     * overloads them: line 2-3 (which carries producer S1's power to consumer B1) and line 7-9 (which carries
     * producer S3's power from bus 8 into the network); the seed gives no limits, so these are ours.
     */
    public static NegotiationCase congested() {
        PowerNetwork net = PowerNetwork.ieee14();
        double[] limits = new double[net.lines()];
        Arrays.fill(limits, Double.POSITIVE_INFINITY);
        limits[lineIndex(net, 2, 3)] = CONGESTED_LINE_2_3_KW;
        limits[lineIndex(net, 7, 9)] = CONGESTED_LINE_7_9_KW;
        return new NegotiationCase("congested", paperTraders(), net, limits);
    }

    /** The index of line {@code from-to}. */
    public static int lineIndex(PowerNetwork net, int from, int to) {
        for (int l = 0; l < net.lines(); l++) {
            Branch b = net.branches().get(l);
            if (b.from() == from && b.to() == to) {
                return l;
            }
        }
        throw new IllegalArgumentException("no line " + from + "-" + to);
    }

    /** The producer-consumer pairs, producer-major. */
    public List<TradePair> pairs() {
        List<TradePair> out = new ArrayList<>();
        for (Trader s : traders) {
            if (s.isProducer()) {
                for (Trader b : traders) {
                    if (!b.isProducer()) {
                        out.add(new TradePair(s.id(), b.id()));
                    }
                }
            }
        }
        return out;
    }

    /** The trader of an id. */
    public Trader trader(String id) {
        return traders.stream().filter(t -> t.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no trader " + id));
    }

    /** The ids of a trader's partners (its neighbour set), in the order of {@link #traders()}. */
    public List<String> partners(String id) {
        boolean producer = trader(id).isProducer();
        return traders.stream().filter(t -> t.isProducer() != producer).map(Trader::id).toList();
    }

    /** Flow on line {@code l} per kW sold from {@code producer} to {@code consumer}. */
    public double tradeFactor(int line, String producer, String consumer) {
        return network.tradeFactor(line, trader(producer).bus(), trader(consumer).bus());
    }

    /** Line flows of the traders' injections (kW), in trader order. */
    public double[] flows(double[] injections) {
        double[] perBus = new double[network.buses()];
        for (int i = 0; i < traders.size(); i++) {
            perBus[traders.get(i).bus() - 1] += injections[i];
        }
        return network.flows(perBus);
    }

    @Override
    public double[] limits() {
        return limits.clone();
    }

    /** The limit of line {@code l} (kW). */
    public double limit(int line) {
        return limits[line];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NegotiationCase c && name.equals(c.name) && traders.equals(c.traders)
                && Arrays.equals(limits, c.limits);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, traders, Arrays.hashCode(limits));
    }

    @Override
    public String toString() {
        return "NegotiationCase[" + name + ", " + traders.size() + " traders]";
    }
}
