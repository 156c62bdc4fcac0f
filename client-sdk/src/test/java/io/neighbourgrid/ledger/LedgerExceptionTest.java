package io.neighbourgrid.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LedgerExceptionTest {
    @Nested
    class ErrorCodeParsing {
        @Test
        void takesTheCodeAtTheStartOfTheMessage() {
            assertEquals("ALREADY_SETTLED", new LedgerException("ALREADY_SETTLED: window 7").errorCode());
            assertEquals("NOT_REGISTERED", new LedgerException("  NOT_REGISTERED: home h1").errorCode());
            assertEquals("E2E", new LedgerException("E2E:").errorCode());
        }

        @Test
        void findsTheCodeInsideFabricsWrappers() {
            assertEquals(Optional.of("WRONG_PHASE"), LedgerException.parseErrorCode(
                    "10 ABORTED: failed to endorse transaction: chaincode response 500, WRONG_PHASE: roles closed"));
            assertEquals(Optional.of("INVALID_PROOF"), LedgerException.parseErrorCode(
                    "error in simulation: transaction returned with failure: INVALID_PROOF: bad decryption"));
        }

        @Test
        void reportsUnknownWhenTheMessageCarriesNoCode() {
            assertEquals(LedgerException.UNKNOWN, new LedgerException("something broke").errorCode());
            assertEquals(LedgerException.UNKNOWN, new LedgerException("lower_case: no").errorCode());
            assertEquals(LedgerException.UNKNOWN, new LedgerException("CODE:without space").errorCode());
            assertEquals(LedgerException.UNKNOWN, new LedgerException("_LEADING: x").errorCode());
            assertEquals(Optional.empty(), LedgerException.parseErrorCode(null));
        }

        @Test
        void keepsAnExplicitCode() {
            LedgerException e = new LedgerException(LedgerException.UNAVAILABLE, "connection refused", null);
            assertEquals(LedgerException.UNAVAILABLE, e.errorCode());
            assertEquals("connection refused", e.getMessage());
        }
    }

    @Nested
    class Retrying {
        @Test
        void retriesConflictsAndTransportFailures() {
            assertTrue(new LedgerException("MVCC_READ_CONFLICT: lost a race").isRetryable());
            assertTrue(new LedgerException("PHANTOM_READ_CONFLICT: range changed").isRetryable());
            assertTrue(new LedgerException(LedgerException.UNAVAILABLE, "down", null).isRetryable());
        }

        @Test
        void doesNotRetryTheContractsRejections() {
            assertFalse(new LedgerException("ALREADY_SETTLED: window 7").isRetryable());
            assertFalse(new LedgerException("ACCESS_DENIED: not a member").isRetryable());
            assertFalse(new LedgerException("no code").isRetryable());
        }
    }
}
