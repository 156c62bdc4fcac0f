package io.neighbourgrid.ledger;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.GatewayRuntimeException;

/**
 * Repeats a gateway call that failed with {@code UNAVAILABLE} (a chaincode service or the peer could not be
 * reached) after a growing pause, until the connection's patience runs out; any other failure is thrown at once.
 * Only calls that cannot commit anything are retried: endorsements (a failed endorsement was never ordered) and
 * evaluations.
 */
final class GatewayRetry {
    private static final long FIRST_PAUSE_MILLIS = 200;
    private static final long LONGEST_PAUSE_MILLIS = 2_000;

    /** One attempt of a call. */
    @FunctionalInterface
    interface Call<T> {
        T attempt() throws GatewayException;
    }

    private final long patienceNanos;
    private final AtomicLong retries = new AtomicLong();

    /**
     * @param patience how long a call is retried; zero reports the first failure
     */
    GatewayRetry(Duration patience) {
        this.patienceNanos = patience.toNanos();
    }

    /** Attempts {@code call} until it succeeds, fails other than {@code UNAVAILABLE}, or the patience is used up. */
    <T> T call(Call<T> call) throws LedgerException {
        long start = System.nanoTime();
        for (int attempt = 0; ; attempt++) {
            try {
                return call.attempt();
            } catch (GatewayException e) {
                pauseOrThrow(GatewayErrors.translate(e), start, attempt);
            } catch (GatewayRuntimeException e) {
                pauseOrThrow(GatewayErrors.translate(e), start, attempt);
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
        if (!LedgerException.UNAVAILABLE.equals(failure.errorCode())) {
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
