package io.neighbourgrid.sim.coalitions;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Merge-and-split coalition formation (Apt and Witzel, "A generic approach to coalition formation", 2009; Saad, Han,
 * Debbah, Hjorungnes, "Coalitional games for distributed collaborative spectrum sensing", 2009) on a
 * {@link Game} (the market's: {@link CoalitionGame}), with the Pareto order on the homes' own payoffs: a collection of homes prefers arrangement A
 * to arrangement B when no home of it gets less in A and at least one gets more. The game is one of non-transferable
 * payoffs (a home gets what its market gives it), so the comparison is home by home, not on sums.
 *
 * <ul>
 *   <li><b>Start</b>: every home alone (the market as seed 000 leaves it: each home with the grid).
 *   <li><b>Merge</b>: a collection of two or more coalitions {@code {S1, ..., Sk}} becomes their union when the union
 *       is Pareto-preferred by its members. Collections are tried from the smallest up, each size in a fixed order,
 *       and the first preferred one is merged.
 *   <li><b>Split</b>: a coalition {@code S} becomes {@code {A, S \ A}} when its members Pareto-prefer the two parts.
 *   <li><b>Stop</b>: when no merge and no split is preferred. A partition with no preferred merge of any collection
 *       and no preferred split of any coalition into two is what we call stable; it is the D_hp-stability of Apt and
 *       Witzel restricted to splits in two (a split into three or more parts is not searched).
 * </ul>
 *
 * <p><b>Termination.</b> Every merge or split is a Pareto improvement for the homes it moves and leaves the other
 * coalitions (and so their payoffs) as they were; payoffs are integers (money units), so the sum of all payoffs rises
 * by at least one unit per step, and it is bounded by the sum of every home's best payoff over all coalitions. A
 * partition therefore never comes back and the search ends; {@link #MAX_STEPS} guards the bound.
 *
 * <p><b>Splits in PEM's market.</b> A window's surplus over the grid is {@code (ps - pb) min(E_s, E_b)} whatever the
 * price (a general market moves {@code E_s} from the grid's {@code pb} and {@code ps} to {@code p}, an extreme one
 * {@code E_b}), and {@code min} is superadditive, so two parts never have more surplus than their union, up to the
 * floor of each amount. A Pareto-preferred split would raise the sum, so with the market's payoffs the split rule
 * does not fire (save for rounding); it is searched all the same, and tested on a game given by a table.
 *
 * <p>Homes that never trade in the block stay alone: they get zero in every coalition, so no merge with them is a
 * strict improvement, and they do not affect anyone else's market.
 */
public final class MergeAndSplit {
    /** Steps after which formation gives up (reported as not stable); the proof above says it is never reached. */
    public static final int MAX_STEPS = 10_000;

    /** A profitable move: the coalitions it replaces and the coalitions it makes. */
    public record Move(Kind kind, List<Integer> from, List<Integer> to) {
        /** Merge or split. */
        public enum Kind { MERGE, SPLIT }

        public Move {
            Objects.requireNonNull(kind, "kind");
            from = List.copyOf(from);
            to = List.copyOf(to);
        }
    }

    /**
     * What formation did.
     *
     * @param partition       the final coalitions, each a bit set of homes, ordered by their lowest home
     * @param merges          merges made
     * @param splits          splits made
     * @param stable          whether the final partition has no preferred merge and no preferred split in two
     * @param mergesChecked   collections the final check tried
     * @param splitsChecked   splits in two the final check tried
     */
    public record Result(List<Integer> partition, int merges, int splits, boolean stable, long mergesChecked,
                         long splitsChecked) {
        public Result {
            partition = List.copyOf(partition);
        }

        /** Merge and split steps made. */
        public int steps() {
            return merges + splits;
        }
    }

    /** What merge-and-split needs of a game: its homes, those that trade, and each home's payoff in a coalition. */
    public interface Game {
        /** Homes in the game, numbered {@code 0 .. homes() - 1}; at most {@value CoalitionGame#MAX_HOMES}. */
        int homes();

        /** The homes whose payoff can differ from zero, as a bit set. */
        int traders();

        /** Home {@code home}'s payoff in {@code coalition}, a bit set that contains it. */
        long payoff(int coalition, int home);
    }

    private final Game game;
    private long mergesChecked;
    private long splitsChecked;

    private MergeAndSplit(Game game) {
        this.game = Objects.requireNonNull(game, "game");
    }

    /**
     * Forms coalitions in a game.
     *
     * @param game the game
     * @return the final partition and what it took
     */
    public static Result form(Game game) {
        MergeAndSplit m = new MergeAndSplit(game);
        List<Integer> partition = new ArrayList<>();
        for (int i = 0; i < game.homes(); i++) {
            partition.add(1 << i);
        }
        int merges = 0;
        int splits = 0;
        for (int step = 0; step < MAX_STEPS; step++) {
            Optional<Move> move = m.search(partition);
            if (move.isEmpty()) {
                return new Result(partition, merges, splits, true, m.mergesChecked, m.splitsChecked);
            }
            partition = apply(partition, move.get());
            if (move.get().kind() == Move.Kind.MERGE) {
                merges++;
            } else {
                splits++;
            }
        }
        return new Result(partition, merges, splits, false, m.mergesChecked, m.splitsChecked);
    }

    /**
     * The first profitable move from a partition, merges before splits, or empty when the partition is stable.
     *
     * @param game      the game
     * @param partition coalitions (bit sets) that cover every home once
     * @return the move, if any
     */
    public static Optional<Move> profitableMove(Game game, List<Integer> partition) {
        return new MergeAndSplit(game).search(partition);
    }

    private Optional<Move> search(List<Integer> partition) {
        mergesChecked = 0;
        splitsChecked = 0;
        Optional<Move> merge = merge(partition);
        return merge.isPresent() ? merge : split(partition);
    }

    private Optional<Move> merge(List<Integer> partition) {
        List<Integer> trading = new ArrayList<>();
        for (int c : partition) {
            if ((c & game.traders()) != 0) {
                trading.add(c);
            }
        }
        int m = trading.size();
        for (int k = 2; k <= m; k++) {
            // every k-subset of the m trading coalitions, in increasing order of its bit pattern (Gosper's hack)
            for (long pick = (1L << k) - 1; pick < (1L << m); pick = nextWithSameBits(pick)) {
                mergesChecked++;
                List<Integer> from = new ArrayList<>();
                int union = 0;
                for (int i = 0; i < m; i++) {
                    if ((pick & (1L << i)) != 0) {
                        from.add(trading.get(i));
                        union |= trading.get(i);
                    }
                }
                if (preferred(union, List.of(union), from)) {
                    return Optional.of(new Move(Move.Kind.MERGE, from, List.of(union)));
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Move> split(List<Integer> partition) {
        for (int s : partition) {
            int[] members = members(s);
            if (members.length < 2) {
                continue;
            }
            // A holds the lowest member; B is every non-empty subset of the others
            int others = members.length - 1;
            for (int pick = 1; pick < (1 << others); pick++) {
                splitsChecked++;
                int b = 0;
                for (int i = 0; i < others; i++) {
                    if ((pick & (1 << i)) != 0) {
                        b |= 1 << members[i + 1];
                    }
                }
                int a = s & ~b;
                if (preferred(s, List.of(a, b), List.of(s))) {
                    return Optional.of(new Move(Move.Kind.SPLIT, List.of(s), List.of(a, b)));
                }
            }
        }
        return Optional.empty();
    }

    /** Whether the homes of {@code homes} Pareto-prefer the coalitions {@code after} to {@code before}. */
    private boolean preferred(int homes, List<Integer> after, List<Integer> before) {
        boolean better = false;
        for (int i : members(homes)) {
            long now = game.payoff(containing(after, i), i);
            long was = game.payoff(containing(before, i), i);
            if (now < was) {
                return false;
            }
            better |= now > was;
        }
        return better;
    }

    private static int containing(List<Integer> coalitions, int home) {
        for (int c : coalitions) {
            if ((c & (1 << home)) != 0) {
                return c;
            }
        }
        throw new IllegalStateException("home " + home + " is in none of the coalitions");
    }

    private static List<Integer> apply(List<Integer> partition, Move move) {
        List<Integer> next = new ArrayList<>(partition);
        next.removeAll(move.from());
        next.addAll(move.to());
        next.sort((x, y) -> Integer.compare(Integer.numberOfTrailingZeros(x), Integer.numberOfTrailingZeros(y)));
        return next;
    }

    /** The homes of a coalition, in increasing order. */
    static int[] members(int coalition) {
        int[] out = new int[Integer.bitCount(coalition)];
        int j = 0;
        for (int c = coalition; c != 0; c &= c - 1) {
            out[j++] = Integer.numberOfTrailingZeros(c);
        }
        return out;
    }

    private static long nextWithSameBits(long v) {
        long c = v & -v;
        long r = v + c;
        return (((r ^ v) >>> 2) / c) | r;
    }
}
