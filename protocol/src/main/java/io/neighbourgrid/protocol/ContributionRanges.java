package io.neighbourgrid.protocol;

import io.neighbourgrid.market.Role;
import io.neighbourgrid.market.Scales;
import io.neighbourgrid.protocol.state.MarketConfig;
import java.util.Arrays;

/**
 * The published range of every value a coalition member contributes, and its place in the packed contribution
 * (PEM Protocol 2 lines 2-13 and Protocol 3 lines 2-7: a seller's {@code sn}, {@code k} and
 * {@code d = g + 1 + eps b - b}, a buyer's {@code |sn|}). Each value {@code v} of slot {@code j} is contributed as its
 * offset {@code u = v - lo_j} in {@code [0, span_j]}, and every contribution proves that in zero knowledge
 * ({@code ContributionProof}), so no member can skew the market beyond the ranges, overflow a slot or make the window's
 * totals inconsistent. Chaincode and agents derive the ranges from the window's {@link MarketConfig}, never from a
 * copy.
 *
 * <p>Slots: 0 a seller's net energy {@code sn} in {@code [1, maxE]}; 1 its preference {@code k} in
 * {@code [minPreference, maxPreference]}; 2 its pricing term {@code d} in {@code [ENERGY - maxE, ENERGY + 2 maxE]}
 * (the range of {@code g + ENERGY + floorDiv(eps b, EPSILON) - b} for {@code 0 <= g <= maxE}, {@code |b| <= maxE});
 * 3 a buyer's demand {@code |sn|} in {@code [1, maxE]}. A seller's slot 3 and a buyer's slots 0-2 have span 0 and
 * carry nothing.
 *
 * @param lows  {@code lo_j} of every slot
 * @param spans {@code hi_j - lo_j} of every slot, each below {@code 2^44}
 */
public record ContributionRanges(long[] lows, long[] spans) {
    /** Number of slots. */
    public static final int SLOTS = 4;
    /** Slot of a seller's net energy (E_s once summed). */
    public static final int SUPPLY = 0;
    /** Slot of a seller's preference k (sum k). */
    public static final int PREFERENCE = 1;
    /** Slot of a seller's pricing term d (sum d). */
    public static final int PRICING_TERM = 2;
    /** Slot of a buyer's demand |sn| (E_b). */
    public static final int DEMAND = 3;

    public ContributionRanges {
        lows = lows.clone();
        spans = spans.clone();
        if (lows.length != SLOTS || spans.length != SLOTS) {
            throw new IllegalArgumentException("contribution ranges have " + SLOTS + " slots");
        }
    }

    /**
     * The ranges of a window.
     *
     * @param config the window's configuration
     * @return the ranges
     */
    public static ContributionRanges of(MarketConfig config) {
        long maxE = config.maxEnergyPerWindow();
        long[] lows = {1, config.minPreference(), Math.subtractExact(Scales.ENERGY, maxE), 1};
        long[] spans = {maxE - 1, config.maxPreference() - config.minPreference(), Math.multiplyExact(3, maxE),
                maxE - 1};
        return new ContributionRanges(lows, spans);
    }

    /** {@code lo_j}. */
    public long low(int slot) {
        return lows[slot];
    }

    /** {@code hi_j = lo_j + span_j}. */
    public long high(int slot) {
        return Math.addExact(lows[slot], spans[slot]);
    }

    /**
     * The spans a member of the given role proves: its own slots' spans, zero elsewhere.
     *
     * @param role {@link Role#SELLER} or {@link Role#BUYER}
     * @return four spans
     */
    public long[] spansOf(Role role) {
        long[] out = new long[SLOTS];
        for (int j = 0; j < SLOTS; j++) {
            out[j] = owns(role, j) ? spans[j] : 0;
        }
        return out;
    }

    /**
     * The slot values of a seller: the offsets of {@code sn}, {@code k} and {@code d} from their lower bounds.
     *
     * @throws IllegalArgumentException naming the first value outside its range
     */
    public long[] sellerSlots(long netEnergy, long preference, long pricingTerm) {
        return new long[] {offset(SUPPLY, netEnergy, "net energy sn"), offset(PREFERENCE, preference,
                "preference k"), offset(PRICING_TERM, pricingTerm, "pricing term d"), 0};
    }

    /**
     * The slot values of a buyer: the offset of its demand {@code |sn|}.
     *
     * @throws IllegalArgumentException if the demand is outside its range
     */
    public long[] buyerSlots(long demand) {
        return new long[] {0, 0, 0, offset(DEMAND, demand, "demand |sn|")};
    }

    /** A value clamped into slot {@code j}'s range: what a home whose value lies outside the range contributes. */
    public long clamp(int slot, long value) {
        return Math.max(low(slot), Math.min(high(slot), value));
    }

    /**
     * The most slot {@code j} of the window's aggregate can hold: the members of the slot's role times its span.
     *
     * @param sellers contributing sellers
     * @param buyers  contributing buyers
     * @return four caps
     */
    public long[] caps(int sellers, int buyers) {
        long[] out = new long[SLOTS];
        for (int j = 0; j < SLOTS; j++) {
            out[j] = Math.multiplyExact(j == DEMAND ? buyers : sellers, spans[j]);
        }
        return out;
    }

    /**
     * What the slot sums are offset by: a total is {@code U_j + members * lo_j}.
     *
     * @param sellers contributing sellers
     * @param buyers  contributing buyers
     * @return four offsets
     */
    public long[] offsets(int sellers, int buyers) {
        long[] out = new long[SLOTS];
        for (int j = 0; j < SLOTS; j++) {
            out[j] = Math.multiplyExact(j == DEMAND ? buyers : sellers, lows[j]);
        }
        return out;
    }

    private static boolean owns(Role role, int slot) {
        return switch (role) {
            case SELLER -> slot != DEMAND;
            case BUYER -> slot == DEMAND;
            case OFF -> false;
        };
    }

    private long offset(int slot, long value, String name) {
        if (value < low(slot) || value > high(slot)) {
            throw new IllegalArgumentException(name + " = " + value + " is outside the market's range [" + low(slot)
                    + ", " + high(slot) + "]");
        }
        return value - lows[slot];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ContributionRanges r && Arrays.equals(lows, r.lows) && Arrays.equals(spans, r.spans);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(lows) + Arrays.hashCode(spans);
    }

    @Override
    public String toString() {
        return "ContributionRanges[lows=" + Arrays.toString(lows) + ", spans=" + Arrays.toString(spans) + "]";
    }
}
