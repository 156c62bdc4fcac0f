package io.neighbourgrid.sim.coalitions;

import io.neighbourgrid.market.HomeInput;
import io.neighbourgrid.market.HomeSettlement;
import io.neighbourgrid.market.ReferenceMarket;
import io.neighbourgrid.market.Role;
import io.neighbourgrid.market.WindowOutcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The coalition game of one block of windows (seed 000, "Privacy Friendly Cooperative Trading Platform": "agents
 * form coalitions together to get better leverage"): the players are the community's homes, a coalition is a group
 * of homes that trades as a market of its own, and a home's payoff in a coalition is what that market gains it
 * over the block against trading its net energy with the grid alone: the sum of its {@link HomeSettlement#savings()}
 * in the coalition's market of every window of the block. The market is PEM's, cleared by the plaintext
 * {@link ReferenceMarket} (Eq. 1, 13, 14, Section III-D, with the market's minimum coalition size), which the
 * private run reproduces to the unit; no price or allocation is computed here.
 *
 * <p>A home alone is never in a market (a market needs sellers and buyers), so its stand-alone payoff is zero. Payoffs
 * are not transferable: a home gets what the market's price and allocation give it, nothing is shared out.
 *
 * <p>Homes are numbered {@code 0 .. n-1} in id order and a coalition is a bit set of them, so the game holds at most
 * {@value #MAX_HOMES} homes: merge-and-split searches every collection of coalitions and every split in two, which
 * grows as {@code 2^n}.
 */
public final class CoalitionGame implements MergeAndSplit.Game {
    /** The most homes a game holds. */
    public static final int MAX_HOMES = 16;

    private final ReferenceMarket market;
    private final List<String> homes;
    private final List<List<HomeInput>> windows;
    private final long firstWindow;
    private final Map<Integer, long[]> payoffs = new HashMap<>();
    private final int traders;
    private long clears;

    /**
     * @param market  the market each coalition runs
     * @param first   index of the block's first window
     * @param windows each window's inputs of every home (the same homes in every window)
     * @throws IllegalArgumentException if there are no windows, more than {@value #MAX_HOMES} homes, or the homes
     *                                  differ between windows
     */
    public CoalitionGame(ReferenceMarket market, long first, List<List<HomeInput>> windows) {
        this.market = Objects.requireNonNull(market, "market");
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("a coalition game needs at least one window");
        }
        List<HomeInput> sorted = sorted(windows.get(0));
        this.homes = sorted.stream().map(HomeInput::homeId).toList();
        if (homes.size() > MAX_HOMES) {
            throw new IllegalArgumentException("coalition formation takes at most " + MAX_HOMES + " homes, got "
                    + homes.size());
        }
        this.windows = new ArrayList<>();
        int active = 0;
        for (List<HomeInput> w : windows) {
            List<HomeInput> s = sorted(w);
            if (!s.stream().map(HomeInput::homeId).toList().equals(homes)) {
                throw new IllegalArgumentException("every window of a block needs the same homes");
            }
            this.windows.add(s);
            for (int i = 0; i < s.size(); i++) {
                if (s.get(i).role() != Role.OFF) {
                    active |= 1 << i;
                }
            }
        }
        this.traders = active;
        this.firstWindow = first;
    }

    private static List<HomeInput> sorted(List<HomeInput> inputs) {
        List<HomeInput> s = new ArrayList<>(inputs);
        s.sort((a, b) -> a.homeId().compareTo(b.homeId()));
        return s;
    }

    /** The homes' ids, in id order: home {@code i} is bit {@code i} of a coalition. */
    public List<String> homeIds() {
        return homes;
    }

    @Override
    public int homes() {
        return homes.size();
    }

    /** All homes as a coalition: the single community. */
    public int grandCoalition() {
        return (1 << homes.size()) - 1;
    }

    /**
     * The homes that trade (are not off market) in some window of the block. A home that never trades gets zero in
     * every coalition and changes no one's payoff, so merge-and-split leaves it alone.
     */
    @Override
    public int traders() {
        return traders;
    }

    /** Windows in the block. */
    public int windows() {
        return windows.size();
    }

    /** Index of the block's first window. */
    public long firstWindow() {
        return firstWindow;
    }

    /**
     * Every home's payoff in {@code coalition}'s market over the block, money units, indexed by home; zero for the
     * homes outside it.
     *
     * @param coalition a non-empty bit set of homes
     * @return the payoffs (do not modify)
     */
    public long[] payoffs(int coalition) {
        if (coalition == 0 || (coalition & ~grandCoalition()) != 0) {
            throw new IllegalArgumentException("no such coalition: " + Integer.toBinaryString(coalition));
        }
        return payoffs.computeIfAbsent(coalition, this::compute);
    }

    /** A home's payoff in a coalition it belongs to. */
    @Override
    public long payoff(int coalition, int home) {
        return payoffs(coalition)[home];
    }

    /** The coalition's welfare: the sum of its members' payoffs. */
    public long welfare(int coalition) {
        long sum = 0;
        for (long p : payoffs(coalition)) {
            sum = Math.addExact(sum, p);
        }
        return sum;
    }

    /** The outcomes of a coalition's market, one per window of the block. */
    public List<WindowOutcome> outcomes(int coalition) {
        List<WindowOutcome> out = new ArrayList<>();
        for (int w = 0; w < windows.size(); w++) {
            out.add(clear(coalition, w));
        }
        return out;
    }

    /** Markets cleared so far (each coalition is cleared once per window and remembered). */
    public long clears() {
        return clears;
    }

    private long[] compute(int coalition) {
        long[] p = new long[homes.size()];
        for (int w = 0; w < windows.size(); w++) {
            for (HomeSettlement s : clear(coalition, w).homes()) {
                int i = homes.indexOf(s.homeId());
                p[i] = Math.addExact(p[i], s.savings());
            }
        }
        return p;
    }

    private WindowOutcome clear(int coalition, int w) {
        List<HomeInput> members = new ArrayList<>();
        List<HomeInput> inputs = windows.get(w);
        for (int i = 0; i < inputs.size(); i++) {
            if ((coalition & (1 << i)) != 0) {
                members.add(inputs.get(i));
            }
        }
        clears++;
        return market.clear(firstWindow + w, members);
    }
}
