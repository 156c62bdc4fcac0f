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
 * ({@link GatewayErrors.Component}) and the gateway peer it went through.
 *
 * <p>When the gateway peer itself cannot be reached ({@link GatewayErrors#gatewayUnreachable}) and the connection
 * knows other gateway peers of its organisation ({@link GatewayPeers}), the call moves to the next one and is
 * repeated there at once; only once every gateway peer has failed in a row does it pause.
 */
final class GatewayRetry {
    private static final long FIRST_PAUSE_MILLIS = 200;
    private static final long LONGEST_PAUSE_MILLIS = 2_000;

    /** One attempt of a call, made through whichever gateway peer is in use when it starts. */
    @FunctionalInterface
    interface Call<T> {
        T attempt() throws Exception;
    }

    /** The gateway peers a connection can use, one at a time. */
    interface GatewayPeers {
        /** The gateway peer ({@code host:port}) calls go through now. */
        String target();

        /** How many gateway peers there are. */
        int count();

        /**
         * Moves calls from {@code failed} to the next gateway peer, unless another call already moved them.
         *
         * @return false when there is no other gateway peer to move to
         */
        boolean failOver(String failed) throws LedgerException;
    }

    /** A single gateway peer: nothing to fail over to. */
    private record OnePeer(String target) implements GatewayPeers {
        @Override
        public int count() {
            return 1;
        }

        @Override
        public boolean failOver(String failed) {
            return false;
        }
    }

    private final long patienceNanos;
    private final GatewayPeers peers;
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong failOvers = new AtomicLong();

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
        this(patience, new OnePeer(target));
    }

    /**
     * @param patience how long a call is retried; zero reports the first failure
     * @param peers    the gateway peers, in the order they are tried
     */
    GatewayRetry(Duration patience, GatewayPeers peers) {
        this.patienceNanos = patience.toNanos();
        this.peers = peers;
    }

    /** Attempts {@code call} of the gateway peer until it succeeds, fails other than transiently, or patience ends. */
    <T> T call(Call<T> call) throws LedgerException {
        return call(GatewayErrors.Component.GATEWAY_PEER, call);
    }

    /**
     * Attempts {@code call}, a call to {@code component}, until it succeeds, fails other than transiently, or the
     * patience is used up; moves to another gateway peer when the one in use cannot be reached.
     */
    <T> T call(GatewayErrors.Component component, Call<T> call) throws LedgerException {
        long start = System.nanoTime();
        int pauses = 0;
        int movesInARow = 0;
        while (true) {
            String target = peers.target();
            try {
                return call.attempt();
            } catch (LedgerException e) {
                throw e;
            } catch (Exception e) {
                LedgerException failure = GatewayErrors.translate(e, component, target);
                if (GatewayErrors.gatewayUnreachable(e) && movesInARow < peers.count() - 1
                        && peers.failOver(target)) {
                    movesInARow++;
                    failOvers.incrementAndGet();
                    retries.incrementAndGet();
                    continue;
                }
                movesInARow = 0;
                pauseOrThrow(failure, start, pauses++);
            }
        }
    }

    /** The attempts repeated so far. */
    long retries() {
        return retries.get();
    }

    /** How often a call moved to another gateway peer because the one in use could not be reached. */
    long failOvers() {
        return failOvers.get();
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
