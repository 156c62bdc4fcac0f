package io.neighbourgrid.cli;

import io.neighbourgrid.protocol.KeyPolicy;
import io.neighbourgrid.protocol.billing.BillLayout;
import io.neighbourgrid.protocol.state.MarketConfig;

/**
 * What the command line accepts for each market and run parameter, in one place: the converters of
 * {@link Converters} check against these ranges and the help texts print them. Key sizes follow {@link KeyPolicy}
 * (market keys: even, in [{@value KeyPolicy#MARKET_MIN_BITS}, {@value KeyPolicy#MAX_BITS}]; the billing bench's key:
 * even, in [{@value KeyPolicy#BILLING_MIN_BITS}, {@value KeyPolicy#MAX_BITS}]); the ranges below that the protocol
 * constrains take their bounds from it ({@link MarketConfig}, {@link BillLayout}), the rest are what a simulated run
 * can sensibly do.
 *
 * <p>Each range has its bounds as constants too, so that the help texts (annotation values, which must be
 * constants) print the very bounds the converters check.
 */
final class Limits {
    /** An inclusive range of accepted integers. */
    record Range(long min, long max) {
        Range {
            if (min > max) {
                throw new IllegalArgumentException("empty range [" + min + ", " + max + "]");
            }
        }

        boolean contains(long value) {
            return value >= min && value <= max;
        }

        @Override
        public String toString() {
            return "[" + min + ", " + max + "]";
        }
    }

    static final int PORT_MIN = 0;
    static final int PORT_MAX = 65_535;
    /** The console's port; 0 picks a free port. */
    static final Range PORT = new Range(PORT_MIN, PORT_MAX);

    static final int POLL_MS_MIN = 50;
    static final int POLL_MS_MAX = 60_000;
    /** How often the console reads the ledger. */
    static final Range POLL_MS = new Range(POLL_MS_MIN, POLL_MS_MAX);

    static final int HOMES_MIN = 2;
    static final int HOMES_MAX = 100_000;
    /** {@code --homes}: at least two homes, so that a market can form. */
    static final Range HOMES = new Range(HOMES_MIN, HOMES_MAX);

    static final int WINDOWS_MIN = 1;
    static final int WINDOWS_MAX = 1_000_000;
    /** {@code --windows}: trading windows of a run. */
    static final Range WINDOWS = new Range(WINDOWS_MIN, WINDOWS_MAX);

    static final int WINDOW_SECONDS_MIN = 1;
    static final int WINDOW_SECONDS_MAX = 86_400;
    /** {@code --window-seconds}: a window lasts at least a second and at most a day. */
    static final Range WINDOW_SECONDS = new Range(WINDOW_SECONDS_MIN, WINDOW_SECONDS_MAX);

    /** {@code --seed}: any 64-bit integer. */
    static final Range SEED = new Range(Long.MIN_VALUE, Long.MAX_VALUE);

    static final int THREADS_MIN = 1;
    static final int THREADS_MAX = 256;
    /** {@code --threads}. */
    static final Range THREADS = new Range(THREADS_MIN, THREADS_MAX);

    static final int MIN_COALITION_MIN = MarketConfig.MIN_COALITION_SIZE;
    static final int MIN_COALITION_MAX = HOMES_MAX;
    /** {@code --min-coalition}: from the protocol's smallest minimum coalition size. */
    static final Range MIN_COALITION = new Range(MIN_COALITION_MIN, MIN_COALITION_MAX);

    static final int REPRESENTATIVES_MIN = 0;
    static final int REPRESENTATIVES_MAX = HOMES_MAX;
    /** {@code --representatives}: none, or up to one per home. */
    static final Range REPRESENTATIVES = new Range(REPRESENTATIVES_MIN, REPRESENTATIVES_MAX);

    static final int EPOCH_WINDOWS_MIN = 1;
    static final int EPOCH_WINDOWS_MAX = WINDOWS_MAX;
    /** {@code --epoch-windows}: windows per selection epoch, at least one. */
    static final Range EPOCH_WINDOWS = new Range(EPOCH_WINDOWS_MIN, EPOCH_WINDOWS_MAX);

    /** {@code --deviation-rate}: a share, in [0, 1]. */
    static final double MIN_DEVIATION_RATE = 0;
    /** See {@link #MIN_DEVIATION_RATE}. */
    static final double MAX_DEVIATION_RATE = 1;

    static final int BENCH_HOMES_MIN = 1;
    static final int BENCH_HOMES_MAX = 1_000_000;
    /** {@code bench-billing --homes}. */
    static final Range BENCH_HOMES = new Range(BENCH_HOMES_MIN, BENCH_HOMES_MAX);

    static final int BENCH_WINDOWS_MIN = 1;
    static final int BENCH_WINDOWS_MAX = BillLayout.MAX_PERIOD_WINDOWS;
    /** {@code bench-billing --windows}: one billing period, at most {@link BillLayout#MAX_PERIOD_WINDOWS}. */
    static final Range BENCH_WINDOWS = new Range(BENCH_WINDOWS_MIN, BENCH_WINDOWS_MAX);

    static final int MARKET_BENCH_WINDOWS_MIN = 1;
    static final int MARKET_BENCH_WINDOWS_MAX = 100_000;
    /** {@code bench-market --windows}. */
    static final Range MARKET_BENCH_WINDOWS = new Range(MARKET_BENCH_WINDOWS_MIN, MARKET_BENCH_WINDOWS_MAX);

    /** {@code audit --window} and the window indices of {@code --period}. */
    static final Range WINDOW_INDEX = new Range(0, Long.MAX_VALUE);

    /** The market key sizes, as the help texts print them. */
    static final String MARKET_KEY_BITS_TEXT = "even, " + KeyPolicy.MARKET_MIN_BITS + " to " + KeyPolicy.MAX_BITS;
    /** The billing key sizes, as the help texts print them. */
    static final String BILLING_KEY_BITS_TEXT = "even, " + KeyPolicy.BILLING_MIN_BITS + " to " + KeyPolicy.MAX_BITS;

    private Limits() {
    }
}
