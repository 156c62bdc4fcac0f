package io.neighbourgrid.ledger;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What one Fabric connection's calls sent and where their time went, summed over every thread that used it:
 * the figures behind {@link FabricLedger#traffic()} and {@link FabricLedger#timings()}.
 */
final class CallCounters {
    final AtomicLong submissions = new AtomicLong();
    final AtomicLong submittedBytes = new AtomicLong();
    final AtomicLong evaluations = new AtomicLong();
    final AtomicLong evaluatedBytes = new AtomicLong();
    final AtomicLong endorseNanos = new AtomicLong();
    final AtomicLong submitNanos = new AtomicLong();
    final AtomicLong commitNanos = new AtomicLong();
    final AtomicLong visibleNanos = new AtomicLong();
    final AtomicLong evaluateNanos = new AtomicLong();
    final AtomicLong barrierTimeouts = new AtomicLong();

    /** Counts a submission of {@code transaction} with {@code args}. */
    void submitted(String transaction, String... args) {
        submissions.incrementAndGet();
        submittedBytes.addAndGet(LedgerTraffic.sizeOf(transaction, args));
    }

    /** Counts an evaluation of {@code transaction} with {@code args}. */
    void evaluated(String transaction, String... args) {
        evaluations.incrementAndGet();
        evaluatedBytes.addAndGet(LedgerTraffic.sizeOf(transaction, args));
    }

    /** Adds the time since {@code startNanos} to {@code stage}. */
    static void since(AtomicLong stage, long startNanos) {
        stage.addAndGet(System.nanoTime() - startNanos);
    }

    LedgerTraffic traffic() {
        return new LedgerTraffic(submissions.get(), submittedBytes.get(), evaluations.get(), evaluatedBytes.get());
    }

    FabricLedger.Timings timings(long retries) {
        return new FabricLedger.Timings(submissions.get(), evaluations.get(), endorseNanos.get(), submitNanos.get(),
                commitNanos.get(), visibleNanos.get(), evaluateNanos.get(), retries, barrierTimeouts.get());
    }
}
