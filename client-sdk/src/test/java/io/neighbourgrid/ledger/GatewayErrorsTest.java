package io.neighbourgrid.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.GatewayRuntimeException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GatewayErrorsTest {
    private static GatewayRuntimeException runtime(Status status) {
        return new GatewayRuntimeException(status.asRuntimeException());
    }

    @Nested
    class Translation {
        @Test
        void takesTheContractsCodeFromTheStatusDescription() {
            LedgerException e = GatewayErrors.translate(new GatewayException(Status.ABORTED.withDescription(
                    "failed to endorse transaction: chaincode response 500, WRONG_PHASE: roles closed")
                    .asRuntimeException()));
            assertEquals("WRONG_PHASE", e.errorCode());
        }

        @Test
        void mapsAnUnreachableChaincodeServiceToUnavailable() {
            LedgerException e = GatewayErrors.translate(runtime(Status.ABORTED.withDescription(
                    "could not launch chaincode market: connection refused")));
            assertEquals(LedgerException.UNAVAILABLE, e.errorCode());
            assertTrue(e.getMessage().contains("could not reach its chaincode service"), e.getMessage());
        }

        @Test
        void discoveryThatHasNotLearntTheEndorsersIsATransientFailureNamingDiscovery() {
            LedgerException e = GatewayErrors.translate(runtime(Status.FAILED_PRECONDITION.withDescription(
                    "no combination of peers can be derived which satisfy the endorsement policy")),
                    GatewayErrors.Component.GATEWAY_PEER, "peer0.homes:9051");
            assertEquals(LedgerException.UNAVAILABLE, e.errorCode());
            assertTrue(e.getMessage().startsWith("UNAVAILABLE: service discovery on the gateway peer (gateway "
                    + "peer0.homes:9051) failed"), e.getMessage());
        }

        @Test
        void anUnreachableOrdererIsNamedAsTheOrderingService() {
            LedgerException e = GatewayErrors.translate(runtime(Status.UNAVAILABLE.withDescription(
                    "failed to send transaction to orderer")), GatewayErrors.Component.ORDERER, "peer0:7051");
            assertEquals(LedgerException.UNAVAILABLE, e.errorCode());
            assertTrue(e.getMessage().contains("the ordering service (gateway peer0:7051) failed"), e.getMessage());
        }

        @Test
        void aChaincodeServiceFailureIsNamedAsSuchWhateverTheCall() {
            LedgerException e = GatewayErrors.translate(runtime(Status.ABORTED.withDescription(
                    "could not launch chaincode market: connection refused")), GatewayErrors.Component.ORDERER, "p");
            assertTrue(e.getMessage().contains("a peer's chaincode service (gateway p) failed"), e.getMessage());
        }

        @Test
        void theContractsOwnErrorsAreLeftAsTheyAre() {
            LedgerException e = GatewayErrors.translate(new GatewayException(Status.ABORTED.withDescription(
                    "chaincode response 500, DEADLINE_PASSED: roles closed").asRuntimeException()),
                    GatewayErrors.Component.GATEWAY_PEER, "p");
            assertEquals("DEADLINE_PASSED", e.errorCode());
            assertFalse(e.getMessage().contains("gateway p"), e.getMessage());
            assertTrue(e.getMessage().endsWith("DEADLINE_PASSED: roles closed"), e.getMessage());
        }

        @Test
        void mapsGrpcStatusCodes() {
            assertEquals(LedgerException.UNAVAILABLE, GatewayErrors.translate(runtime(Status.UNAVAILABLE)).errorCode());
            assertEquals(LedgerException.DEADLINE_EXCEEDED,
                    GatewayErrors.translate(runtime(Status.DEADLINE_EXCEEDED)).errorCode());
            assertEquals(LedgerException.ACCESS_DENIED,
                    GatewayErrors.translate(runtime(Status.PERMISSION_DENIED)).errorCode());
            assertEquals(LedgerException.UNKNOWN, GatewayErrors.translate(runtime(Status.INTERNAL)).errorCode());
        }
    }

    @Nested
    class Retrying {
        @Test
        void retriesAnUnavailableCallUntilItSucceeds() throws LedgerException {
            GatewayRetry retry = new GatewayRetry(Duration.ofSeconds(30));
            AtomicInteger attempts = new AtomicInteger();
            String result = retry.call(() -> {
                if (attempts.incrementAndGet() == 1) {
                    throw runtime(Status.UNAVAILABLE);
                }
                return "ok";
            });
            assertEquals("ok", result);
            assertEquals(2, attempts.get());
            assertEquals(1, retry.retries());
        }

        @Test
        void retriesACommitStatusThatTimedOutAndDiscoveryThatIsNotReady() throws LedgerException {
            GatewayRetry retry = new GatewayRetry(Duration.ofSeconds(30), "peer0:7051");
            AtomicInteger attempts = new AtomicInteger();
            String result = retry.call(GatewayErrors.Component.COMMIT, () -> switch (attempts.incrementAndGet()) {
                case 1 -> throw runtime(Status.DEADLINE_EXCEEDED);
                case 2 -> throw runtime(Status.FAILED_PRECONDITION.withDescription("no combination of peers"));
                default -> "committed";
            });
            assertEquals("committed", result);
            assertEquals(2, retry.retries());
        }

        @Test
        void givesUpWhenThePatienceEndsNamingTheComponent() {
            GatewayRetry retry = new GatewayRetry(Duration.ofMillis(500), "orderer-gw:7051");
            AtomicInteger attempts = new AtomicInteger();
            LedgerException e = assertThrows(LedgerException.class, () -> retry.call(
                    GatewayErrors.Component.ORDERER, () -> {
                        attempts.incrementAndGet();
                        throw runtime(Status.UNAVAILABLE.withDescription("connection refused"));
                    }));
            assertTrue(attempts.get() >= 2, "retried before giving up");
            assertTrue(e.getMessage().contains("orderer-gw:7051"), e.getMessage());
        }

        @Test
        void throwsAnyOtherFailureAtOnce() {
            GatewayRetry retry = new GatewayRetry(Duration.ofSeconds(30));
            AtomicInteger attempts = new AtomicInteger();
            LedgerException e = assertThrows(LedgerException.class, () -> retry.call(() -> {
                attempts.incrementAndGet();
                throw runtime(Status.PERMISSION_DENIED);
            }));
            assertEquals(LedgerException.ACCESS_DENIED, e.errorCode());
            assertEquals(1, attempts.get());
            assertEquals(0, retry.retries());
        }

        @Test
        void withoutPatienceReportsTheFirstUnavailableFailure() {
            GatewayRetry retry = new GatewayRetry(Duration.ZERO);
            LedgerException e = assertThrows(LedgerException.class, () -> retry.call(() -> {
                throw runtime(Status.UNAVAILABLE);
            }));
            assertEquals(LedgerException.UNAVAILABLE, e.errorCode());
            assertEquals(0, retry.retries());
        }
    }

    /** Two or more gateway peers by name, the first in use; records every move. */
    private static final class Peers implements GatewayRetry.GatewayPeers {
        private final List<String> targets;
        private final List<String> moves = new ArrayList<>();
        private int index;

        Peers(String... targets) {
            this.targets = List.of(targets);
        }

        @Override
        public String target() {
            return targets.get(index);
        }

        @Override
        public int count() {
            return targets.size();
        }

        @Override
        public boolean failOver(String failed) {
            if (!failed.equals(target())) {
                return true;
            }
            index = (index + 1) % targets.size();
            moves.add(failed + " -> " + target());
            return true;
        }
    }

    private static GatewayRuntimeException peerDown() {
        return runtime(Status.UNAVAILABLE.withDescription("io exception")
                .withCause(new IOException("Connection refused: /127.0.0.3:17061")));
    }

    @Nested
    class FailOver {
        @Test
        void aGatewayPeerThatCannotBeReachedIsAFailOverCase() {
            assertTrue(GatewayErrors.gatewayUnreachable(peerDown()));
            assertTrue(GatewayErrors.gatewayUnreachable(runtime(Status.UNAVAILABLE.withDescription(
                    "Network closed for unknown reason"))));
            assertTrue(GatewayErrors.gatewayUnreachable(runtime(Status.UNAVAILABLE.withDescription(
                    "Channel shutdownNow invoked"))));
        }

        @Test
        void failuresThePeerItselfReportsAreNot() {
            assertFalse(GatewayErrors.gatewayUnreachable(runtime(Status.ABORTED.withDescription(
                    "could not launch chaincode market: connection refused"))));
            assertFalse(GatewayErrors.gatewayUnreachable(runtime(Status.FAILED_PRECONDITION.withDescription(
                    "no combination of peers can be derived which satisfy the endorsement policy"))));
            assertFalse(GatewayErrors.gatewayUnreachable(runtime(Status.UNAVAILABLE.withDescription(
                    "failed to send transaction to orderer"))));
            assertFalse(GatewayErrors.gatewayUnreachable(runtime(Status.DEADLINE_EXCEEDED.withDescription(
                    "io exception"))));
            assertFalse(GatewayErrors.gatewayUnreachable(new GatewayException(Status.ABORTED.withDescription(
                    "chaincode response 500, WRONG_PHASE: roles closed").asRuntimeException())));
        }

        @Test
        void movesToTheNextGatewayPeerAtOnceWhenTheOneInUseIsDown() throws LedgerException {
            Peers peers = new Peers("peer0:17061", "peer1:17066");
            GatewayRetry retry = new GatewayRetry(Duration.ofSeconds(30), peers);
            List<String> tried = new ArrayList<>();
            long start = System.nanoTime();
            String result = retry.call(GatewayErrors.Component.COMMIT, () -> {
                tried.add(peers.target());
                if (peers.target().equals("peer0:17061")) {
                    throw peerDown();
                }
                return "committed";
            });
            assertEquals("committed", result);
            assertEquals(List.of("peer0:17061", "peer1:17066"), tried);
            assertEquals(List.of("peer0:17061 -> peer1:17066"), peers.moves);
            assertEquals(1, retry.failOvers());
            assertTrue(System.nanoTime() - start < Duration.ofMillis(150).toNanos(), "no pause before the move");
        }

        @Test
        void aFailureThePeerReportsIsRetriedOnTheSamePeer() throws LedgerException {
            Peers peers = new Peers("peer0:17061", "peer1:17066");
            GatewayRetry retry = new GatewayRetry(Duration.ofSeconds(30), peers);
            AtomicInteger attempts = new AtomicInteger();
            retry.call(() -> {
                if (attempts.incrementAndGet() == 1) {
                    throw runtime(Status.ABORTED.withDescription("could not launch chaincode market"));
                }
                return "ok";
            });
            assertEquals(List.of(), peers.moves);
            assertEquals(0, retry.failOvers());
        }

        @Test
        void whenEveryPeerIsDownItPausesBetweenRoundsAndGivesUpNamingTheLastPeer() {
            Peers peers = new Peers("peer0:17061", "peer1:17066");
            GatewayRetry retry = new GatewayRetry(Duration.ofMillis(700), peers);
            AtomicInteger attempts = new AtomicInteger();
            LedgerException e = assertThrows(LedgerException.class, () -> retry.call(() -> {
                attempts.incrementAndGet();
                throw peerDown();
            }));
            assertEquals(LedgerException.UNAVAILABLE, e.errorCode());
            assertTrue(e.getMessage().contains("the gateway peer (gateway peer"), e.getMessage());
            assertTrue(attempts.get() >= 4, "both peers tried in more than one round: " + attempts.get());
            assertTrue(retry.failOvers() >= 2, "moved back and forth");
            assertTrue(retry.failOvers() < attempts.get(), "paused between rounds rather than spinning");
        }

        @Test
        void aSinglePeerIsNeverLeft() {
            GatewayRetry retry = new GatewayRetry(Duration.ZERO, "peer0:17061");
            assertThrows(LedgerException.class, () -> retry.call(() -> {
                throw peerDown();
            }));
            assertEquals(0, retry.failOvers());
        }
    }
}
