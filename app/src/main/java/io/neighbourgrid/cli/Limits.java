package io.neighbourgrid.cli;

import io.neighbourgrid.protocol.KeyPolicy;
import io.neighbourgrid.protocol.billing.BillLayout;
import io.neighbourgrid.protocol.state.MarketConfig;

/**
 * What the command line accepts for each market and run parameter, in one place. Key sizes follow
 * {@link KeyPolicy} (market keys: even, in [{@value KeyPolicy#MARKET_MIN_BITS}, {@value KeyPolicy#MAX_BITS}]; the
 * billing bench's key: even, in [{@value KeyPolicy#BILLING_MIN_BITS}, {@value KeyPolicy#MAX_BITS}]); the ranges
 * below that the protocol constrains take their bounds from it ({@link MarketConfig}, {@link BillLayout}), the rest
 * are what a simulated run can sensibly do.
 */
final class Limits {
    /** {@code --homes}: at least two homes, so that a market can form. */
    static final Options.Range HOMES = new Options.Range(2, 100_000);
    /** {@code --windows}: trading windows of a run. */
    static final Options.Range WINDOWS = new Options.Range(1, 1_000_000);
    /** {@code --window-seconds}: a window lasts at least a second and at most a day. */
    static final Options.Range WINDOW_SECONDS = new Options.Range(1, 86_400);
    /** {@code --seed}: any 64-bit integer. */
    static final Options.Range SEED = new Options.Range(Long.MIN_VALUE, Long.MAX_VALUE);
    /** {@code --threads}. */
    static final Options.Range THREADS = new Options.Range(1, 256);
    /** {@code --min-coalition}: from the protocol's smallest minimum coalition size. */
    static final Options.Range MIN_COALITION = new Options.Range(MarketConfig.MIN_COALITION_SIZE, HOMES.max());
    /** {@code --epoch-windows}: windows per selection epoch, at least one. */
    static final Options.Range EPOCH_WINDOWS = new Options.Range(1, WINDOWS.max());
    /** {@code --deviation-rate}: a share, in [0, 1]. */
    static final double MIN_DEVIATION_RATE = 0;
    /** See {@link #MIN_DEVIATION_RATE}. */
    static final double MAX_DEVIATION_RATE = 1;
    /** {@code bench-billing --homes}. */
    static final Options.Range BENCH_HOMES = new Options.Range(1, 1_000_000);
    /** {@code bench-billing --windows}: one billing period, at most {@link BillLayout#MAX_PERIOD_WINDOWS}. */
    static final Options.Range BENCH_WINDOWS = new Options.Range(1, BillLayout.MAX_PERIOD_WINDOWS);
    /** {@code bench-market --windows}. */
    static final Options.Range MARKET_BENCH_WINDOWS = new Options.Range(1, 100_000);
    /** {@code audit --window} and the window indices of {@code --period}. */
    static final Options.Range WINDOW_INDEX = new Options.Range(0, Long.MAX_VALUE);

    private Limits() {
    }
}
