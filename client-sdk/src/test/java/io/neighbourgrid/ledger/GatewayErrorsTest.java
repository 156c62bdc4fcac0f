package io.neighbourgrid.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import java.time.Duration;
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
}
