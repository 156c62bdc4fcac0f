package io.neighbourgrid.embedded;

import static io.neighbourgrid.embedded.KeyValueContract.text;
import static io.neighbourgrid.embedded.KeyValueContract.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.ledger.Identity;
import io.neighbourgrid.ledger.Ledger;
import io.neighbourgrid.ledger.LedgerEvent;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.ledger.LedgerSubscription;
import io.neighbourgrid.ledger.LedgerTraffic;
import io.neighbourgrid.ledger.LocalCertificateAuthority;
import io.neighbourgrid.ledger.SubmitResult;
import io.neighbourgrid.protocol.ErrorCode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedLedgerTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2013-07-01T10:00:00Z"), ZoneOffset.UTC);
    static final LocalCertificateAuthority COMMUNITY =
            LocalCertificateAuthority.create("CommunityMSP", "community.neighbourgrid.io");
    static final LocalCertificateAuthority OPERATOR =
            LocalCertificateAuthority.create("OperatorMSP", "operator.neighbourgrid.io");
    static final Identity HOME = COMMUNITY.issue("home-1");
    static final Identity OPERATOR_ADMIN = OPERATOR.issue("admin");

    @TempDir
    Path dir;

    EmbeddedLedger network;

    @BeforeEach
    void setUp() {
        network = EmbeddedLedger.inMemory("market", new KeyValueContract(), CLOCK);
        network.registerOrganisation(COMMUNITY);
        network.registerOrganisation(OPERATOR);
    }

    @AfterEach
    void tearDown() throws Exception {
        network.close();
    }

    @Nested
    class Membership {
        @Test
        void acceptsAnIdentityIssuedByItsOrganisationsCa() throws LedgerException {
            try (Ledger home = network.connect(HOME)) {
                assertEquals("CommunityMSP|" + HOME.certificateHash(), text(home.evaluate("identity")));
                assertEquals("ok", text(home.submit("put", "k", "v").payload()));
            }
        }

        @Test
        void rejectsACertificateFromAnotherOrganisationsCa() {
            // Signed by the operator's CA, but claiming to be a community member.
            Identity impostor = Identity.of("CommunityMSP", OPERATOR_ADMIN.certificate(),
                    OPERATOR_ADMIN.privateKey());
            try (Ledger ledger = network.connect(impostor)) {
                LedgerException e = assertThrows(LedgerException.class, () -> ledger.submit("put", "k", "v"));
                assertEquals(LedgerException.ACCESS_DENIED, e.errorCode());
                assertTrue(e.getMessage().contains("not by the CA of CommunityMSP"), e.getMessage());
                assertEquals(null, network.engine().getState("k"));
            }
        }

        @Test
        void rejectsASelfSignedCertificateWithTheSameSubjectAsTheCa() {
            Identity selfSigned = Identity.generate("CommunityMSP", "ca.community.neighbourgrid.io");
            try (Ledger ledger = network.connect(selfSigned)) {
                LedgerException e = assertThrows(LedgerException.class, () -> ledger.evaluate("get", "k"));
                assertEquals(LedgerException.ACCESS_DENIED, e.errorCode());
            }
        }

        @Test
        void rejectsACertificateOutsideItsValidityAtTheTransactionTime() {
            Identity expired = COMMUNITY.issue("home-old", Instant.parse("2010-01-01T00:00:00Z"),
                    Instant.parse("2012-01-01T00:00:00Z"));
            try (Ledger ledger = network.connect(expired)) {
                LedgerException e = assertThrows(LedgerException.class, () -> ledger.submit("put", "k", "v"));
                assertEquals(LedgerException.ACCESS_DENIED, e.errorCode());
                assertTrue(e.getMessage().contains("not valid at the transaction time"), e.getMessage());
            }
        }

        @Test
        void rejectsTheCaCertificateItselfAsACreator() throws Exception {
            COMMUNITY.writePemFiles(dir.resolve("ca.pem"), dir.resolve("ca.key"));
            Identity ca = Identity.fromPemFiles("CommunityMSP", dir.resolve("ca.pem"), dir.resolve("ca.key"));
            try (Ledger ledger = network.connect(ca)) {
                LedgerException e = assertThrows(LedgerException.class, () -> ledger.submit("put", "k", "v"));
                assertTrue(e.getMessage().contains("CA certificate cannot be used"), e.getMessage());
            }
        }

        @Test
        void refusesToConnectAnIdentityOfAnUnregisteredOrganisation() {
            Identity stranger = LocalCertificateAuthority.create("StrangerMSP", "stranger.io").issue("x");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> network.connect(stranger));
            assertTrue(e.getMessage().contains("StrangerMSP"), e.getMessage());
        }

        @Test
        void ignoresARepeatedRegistrationAndRefusesAChangedCa() {
            long height = network.engine().height();
            assertFalse(network.registerOrganisation(COMMUNITY));
            assertEquals(height, network.engine().height());
            LocalCertificateAuthority rogue = LocalCertificateAuthority.create("CommunityMSP", "rogue.io");
            assertThrows(IllegalStateException.class, () -> network.registerOrganisation(rogue));
        }

        @Test
        void refusesToRegisterAnEndEntityCertificateAsACa() {
            assertThrows(IllegalArgumentException.class,
                    () -> network.registerOrganisation("HomeMSP", HOME.certificate()));
        }
    }

    @Nested
    class Transactions {
        @Test
        void reportsTheContractsErrorCodeFromItsMessage() {
            try (Ledger home = network.connect(HOME)) {
                LedgerException e = assertThrows(LedgerException.class,
                        () -> home.submit("fail", "WINDOW_CLOSED", "window 3 is settled"));
                assertEquals("WINDOW_CLOSED", e.errorCode());
                assertEquals("WINDOW_CLOSED: window 3 is settled", e.getMessage());
                assertFalse(e.isRetryable());
            }
        }

        @Test
        void carriesTheContractsTypedErrorCode() {
            try (Ledger home = network.connect(HOME)) {
                LedgerException e = assertThrows(LedgerException.class,
                        () -> home.evaluate("reject", "UNKNOWN_WINDOW", "window 9 was never opened"));
                assertEquals(Optional.of(ErrorCode.UNKNOWN_WINDOW), e.contractError());
                assertTrue(e.is(ErrorCode.UNKNOWN_WINDOW));
                assertEquals("UNKNOWN_WINDOW: window 9 was never opened", e.getMessage());
            }
        }

        @Test
        void returnsTheBlockAndTransactionIdOfACommit() throws LedgerException {
            try (Ledger home = network.connect(HOME)) {
                SubmitResult r = home.submit("put", "k", "v");
                assertEquals(network.engine().height() - 1, r.blockNumber());
                assertEquals(r.txId(), network.engine().getHistoryForKey("k").get(0).txId());
                assertArrayEquals(utf8("v"), home.evaluate("get", "k"));
            }
        }

        @Test
        void countsTheBytesEachConnectionSends() throws LedgerException {
            try (Ledger home = network.connect(HOME); Ledger operator = network.connect(OPERATOR_ADMIN)) {
                home.submit("put", "k\u00e9", "value");
                assertThrows(LedgerException.class, () -> home.submit("fail", "X", "y"));
                home.evaluate("get", "k");
                assertEquals(new LedgerTraffic(2, (3 + 3 + 5) + (4 + 1 + 1), 1, 3 + 1), home.traffic());
                assertEquals(LedgerTraffic.NONE, operator.traffic());
            }
        }

        @Test
        void reportsAClosedLedgerAsUnavailable() throws Exception {
            Ledger home = network.connect(HOME);
            network.close();
            LedgerException e = assertThrows(LedgerException.class, () -> home.submit("put", "k", "v"));
            assertEquals(LedgerException.UNAVAILABLE, e.errorCode());
            assertTrue(e.isRetryable());
        }

        @Test
        void rejectsArgumentsThatAreNotWellFormedUnicode() {
            try (Ledger home = network.connect(HOME)) {
                assertThrows(IllegalArgumentException.class, () -> home.submit("put", "k", "\uD800"));
                assertEquals(0, home.traffic().submissions());
            }
        }
    }

    @Nested
    class Events {
        @Test
        void deliversEveryIdentitysEventsInBlockOrderUntilClosed() throws LedgerException {
            List<LedgerEvent> seen = new ArrayList<>();
            try (Ledger home = network.connect(HOME); Ledger operator = network.connect(OPERATOR_ADMIN)) {
                LedgerSubscription s = home.subscribe(seen::add);
                SubmitResult a = home.submit("putAnnounced", "a", "1");
                SubmitResult b = operator.submit("putAnnounced", "b", "2");
                s.close();
                operator.submit("putAnnounced", "c", "3");
                assertEquals(List.of(new LedgerEvent(a.blockNumber(), a.txId(), "put", utf8("a")),
                        new LedgerEvent(b.blockNumber(), b.txId(), "put", utf8("b"))), seen);
            }
        }

        @Test
        void stopsDeliveryWhenTheConnectionCloses() throws LedgerException {
            List<LedgerEvent> seen = new ArrayList<>();
            Ledger home = network.connect(HOME);
            home.subscribe(seen::add);
            home.close();
            try (Ledger operator = network.connect(OPERATOR_ADMIN)) {
                operator.submit("putAnnounced", "b", "2");
            }
            assertEquals(List.of(), seen);
        }
    }

    @Nested
    class Restart {
        @Test
        void keepsOrganisationsStateAndHeadAcrossReopening() throws Exception {
            ChainSummary before;
            try (EmbeddedLedger persisted = EmbeddedLedger.open(dir, "market", new KeyValueContract(), CLOCK)) {
                persisted.registerOrganisation(COMMUNITY);
                try (Ledger home = persisted.connect(HOME)) {
                    home.submit("put", "k", "v");
                }
                before = persisted.engine().verifyChain();
            }
            try (EmbeddedLedger persisted = EmbeddedLedger.open(dir, "market", new KeyValueContract(), CLOCK)) {
                assertEquals(before, persisted.engine().verifyChain());
                assertFalse(persisted.registerOrganisation(COMMUNITY));
                assertEquals(List.of("CommunityMSP"), List.copyOf(persisted.engine().organisations().keySet()));
                try (Ledger home = persisted.connect(HOME)) {
                    assertArrayEquals(utf8("v"), home.evaluate("get", "k"));
                }
                Identity impostor = Identity.of("CommunityMSP", OPERATOR_ADMIN.certificate(),
                        OPERATOR_ADMIN.privateKey());
                try (Ledger ledger = persisted.connect(impostor)) {
                    assertEquals(LedgerException.ACCESS_DENIED,
                            assertThrows(LedgerException.class, () -> ledger.evaluate("get", "k")).errorCode());
                }
            }
        }
    }
}
