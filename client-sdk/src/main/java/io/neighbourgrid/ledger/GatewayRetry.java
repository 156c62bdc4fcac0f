package io.neighbourgrid.ledger;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Repeats a gateway call that failed transiently after a growing pause, until the connection's patience runs out;
 * any other failure is thrown at once. Transient: {@code UNAVAILABLE} (a peer, a chaincode service or the ordering
 * service could not be reached, or discovery has not yet learnt the endorsers after a restart) and
 * {@code DEADLINE_EXCEEDED} (the answer did not come in time). Only idempotent calls are retried: endorsements and
 * evaluations (an endorsement is never ordered by itself), the submission of one signed transaction (its id commits
 * at most once, so a second submission of the same transaction is invalidated as a duplicate if the first got
 * through) and the commit-status query (a read). Every failure names the component that failed
 * ({@link GatewayErrors.Component}).
 */
final class GatewayRetry {
    private static final long FIRST_PAUSE_MILLIS = 200;
    private static final long LONGEST_PAUSE_MILLIS = 2_000;

    /** One attempt of a call. */
    @FunctionalInterface
    interface Call<T> {
        T attempt() throws Exception;
    }

    private final long patienceNanos;
    private final String target;
    private final AtomicLong retries = new AtomicLong();

    /**
     * @param patience how long a call is retried; zero reports the first failure
     */
    GatewayRetry(Duration patience) {
        this(patience, "?");
    }

    /**
     * @param patience how long a call is retried; zero reports the first failure
     * @param target   the gateway peer ({@code host:port}), named in failures
     */
    GatewayRetry(Duration patience, String target) {
        this.patienceNanos = patience.toNanos();
        this.target = target;
    }

    /** Attempts {@code call} of the gateway peer until it succeeds, fails other than transiently, or patience ends. */
    <T> T call(Call<T> call) throws LedgerException {
        return call(GatewayErrors.Component.GATEWAY_PEER, call);
    }

    /**
     * Attempts {@code call}, a call to {@code component}, until it succeeds, fails other than transiently, or the
     * patience is used up.
     */
    <T> T call(GatewayErrors.Component component, Call<T> call) throws LedgerException {
        long start = System.nanoTime();
        for (int attempt = 0; ; attempt++) {
            try {
                return call.attempt();
            } catch (LedgerException e) {
                throw e;
            } catch (Exception e) {
                pauseOrThrow(GatewayErrors.translate(e, component, target), start, attempt);
            }
        }
    }

    /** The attempts repeated so far. */
    long retries() {
        return retries.get();
    }

    /**
     * Returns after a pause when {@code failure} is {@code UNAVAILABLE} and the patience since {@code startNanos}
     * is not used up; throws {@code failure} otherwise.
     */
    private void pauseOrThrow(LedgerException failure, long startNanos, int attempt) throws LedgerException {
        if (!LedgerException.UNAVAILABLE.equals(failure.errorCode())
                && !LedgerException.DEADLINE_EXCEEDED.equals(failure.errorCode())) {
            throw failure;
        }
        long pause = Math.min(LONGEST_PAUSE_MILLIS, FIRST_PAUSE_MILLIS << Math.min(attempt, 4));
        if (System.nanoTime() - startNanos + pause * 1_000_000L > patienceNanos) {
            throw failure;
        }
        retries.incrementAndGet();
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }
}
