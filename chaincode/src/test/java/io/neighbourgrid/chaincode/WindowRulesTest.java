package io.neighbourgrid.chaincode;

import static io.neighbourgrid.chaincode.MarketHarness.CHANNEL;
import static io.neighbourgrid.chaincode.MarketHarness.COMMUNITY_MSP;
import static io.neighbourgrid.chaincode.MarketHarness.PHASE_SECONDS;
import static io.neighbourgrid.chaincode.MarketHarness.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.neighbourgrid.chaincode.MarketHarness.TestHome;
import io.neighbourgrid.crypto.Bytes;
import io.neighbourgrid.crypto.ProofContext;
import io.neighbourgrid.crypto.paillier.PaillierKeyPair;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.embedded.TxResult;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.market.Clearing;
import io.neighbourgrid.market.HomeInput;
import io.neighbourgrid.market.PackedTotals;
import io.neighbourgrid.market.ReferenceMarket;
import io.neighbourgrid.market.Role;
import io.neighbourgrid.market.WindowOutcome;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.ProofContexts;
import io.neighbourgrid.protocol.contract.Creator;
import io.neighbourgrid.protocol.state.Aggregates;
import io.neighbourgrid.protocol.state.Contribution;
import io.neighbourgrid.protocol.state.GridOnlyReason;
import io.neighbourgrid.protocol.state.HomeRecord;
import io.neighbourgrid.protocol.state.SelectedHomes;
import io.neighbourgrid.protocol.state.Settlement;
import io.neighbourgrid.protocol.state.WindowPhase;
import io.neighbourgrid.protocol.state.WindowRecord;
import io.neighbourgrid.protocol.state.WindowView;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every transaction of a window, with every way it can be rejected. */
class WindowRulesTest {
    private final MarketHarness m = new MarketHarness();

    private static String payload(TxResult r) {
        return new String(r.event().payload(), StandardCharsets.UTF_8);
    }

    /** A member other than the selected homes, of the given role. */
    private String unselected(long t, Role role) {
        SelectedHomes s = m.selection(t);
        WindowRecord w = m.window(t);
        List<String> candidates = role == Role.SELLER ? w.coalitions().sellers() : w.coalitions().buyers();
        for (String id : candidates) {
            if (!Set.of(s.responder(), s.initiator()).contains(id)) {
                return id;
            }
        }
        throw new AssertionError("every " + role + " is selected");
    }

    /** A community home whose client dated its proposal past the deadline. */
    private Creator forwardDatingHome() {
        return m.home("b1").creator;
    }

    @Nested
    class OpenWindow {
        @Test
        void recordsTheOpeningTransactionAndTheRoleDeadline() {
            m.configure();
            TxResult r = m.submit(m.operator, "openWindow", "7");
            WindowRecord w = m.window(7);
            assertEquals(WindowPhase.ROLES, w.phase());
            assertEquals(r.txId(), w.openedTxId());
            assertEquals(START.toString(), w.openedAt());
            assertEquals(START.plusSeconds(PHASE_SECONDS).toString(), w.rolesDeadline());
            assertEquals(MarketHarness.config(), w.config());
            assertEquals("WindowOpened", r.event().name());
            assertEquals("{\"phase\":\"ROLES\",\"window\":7}", payload(r));
        }

        @Test
        void opensWindowsInAnyOrderButEachOnce() {
            m.configure();
            m.openWindow(5);
            m.openWindow(3);
            m.rejects(ErrorCode.WINDOW_EXISTS, m.operator, "openWindow", "5");
        }

        @Test
        void rejectsIdentitiesOutsideTheOperatorOrganisation() {
            m.configure();
            m.rejects(ErrorCode.UNAUTHORIZED_ORG, MarketHarness.identity(COMMUNITY_MSP, "h1"), "openWindow", "1");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "-1", "01", "1.0", "x", " 1", "1000000000000000000"})
        void rejectsAMalformedWindowIndex(String t) {
            m.configure();
            m.rejects(ErrorCode.INVALID_ARGUMENT, m.operator, "openWindow", t);
        }

        @Test
        void rejectsOpeningBeforeConfiguration() {
            m.rejects(ErrorCode.MARKET_NOT_CONFIGURED, m.operator, "openWindow", "1");
        }
    }

    @Nested
    class DeclareRole {
        private TestHome s1;

        private void setUp() {
            m.configure();
            s1 = m.register("s1");
            m.openWindow(1);
        }

        @Test
        void writesTheDeclarationUnderTheHomesOwnKey() {
            setUp();
            TxResult r = m.submit(s1.creator, "declareRole", "1", "SELLER");
            assertEquals("{\"declaredAt\":\"2026-03-02T07:00:00Z\",\"homeId\":\"s1\",\"role\":\"SELLER\","
                    + "\"txId\":\"" + r.txId() + "\",\"window\":1}", m.state(StateKeys.role(1, "s1")));
            assertEquals("RoleDeclared", r.event().name());
            assertEquals("{\"homeId\":\"s1\",\"phase\":\"ROLES\",\"window\":1}", payload(r));
        }

        @Test
        void rejectsAnIdentityWithoutAHome() {
            setUp();
            m.rejects(ErrorCode.NOT_REGISTERED, MarketHarness.identity(COMMUNITY_MSP, "stranger"), "declareRole",
                    "1", "BUYER");
        }

        @Test
        void rejectsTheOperator() {
            setUp();
            m.rejects(ErrorCode.UNAUTHORIZED_ORG, m.operator, "declareRole", "1", "BUYER");
        }

        @Test
        void rejectsAWindowNeverOpened() {
            setUp();
            m.rejects(ErrorCode.UNKNOWN_WINDOW, s1.creator, "declareRole", "2", "BUYER");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "seller", "NONE", "SELLER "})
        void rejectsAnUnknownRole(String role) {
            setUp();
            m.rejects(ErrorCode.INVALID_ARGUMENT, s1.creator, "declareRole", "1", role);
        }

        @Test
        void rejectsASecondDeclaration() {
            setUp();
            m.submit(s1.creator, "declareRole", "1", "SELLER");
            m.rejects(ErrorCode.DUPLICATE_SUBMISSION, s1.creator, "declareRole", "1", "BUYER");
        }

        @Test
        void rejectsADeclarationAtTheDeadline() {
            setUp();
            m.clock.advance(PHASE_SECONDS);
            m.rejects(ErrorCode.DEADLINE_PASSED, s1.creator, "declareRole", "1", "SELLER");
        }

        @Test
        void rejectsADeclarationAfterTheRolesClosed() {
            setUp();
            m.clock.advance(PHASE_SECONDS);
            m.submit(m.operator, "expireWindow", "1");
            m.rejects(ErrorCode.WRONG_PHASE, s1.creator, "declareRole", "1", "SELLER");
        }
    }

    @Nested
    class CloseRoles {
        @Test
        void closesOnceEveryRegisteredHomeDeclaredAndDerivesTheSelection() {
            m.throughRoles(1, MarketHarness.generalMarket());
            WindowView view = m.view(1);
            WindowRecord w = view.window();
            assertEquals(WindowPhase.CONTRIBUTIONS, w.phase());
            assertEquals(List.of("s1", "s2", "s3"), w.coalitions().sellers());
            assertEquals(List.of("b1", "b2", "b3"), w.coalitions().buyers());
            assertEquals(List.of("o1"), w.coalitions().offMarket());
            SelectedHomes s = w.coalitions().selection();
            List<String> ranked = m.ranking(1);
            assertEquals(7, ranked.size());
            assertEquals(ranked.get(0), s.initiator());
            assertEquals(ranked.get(1), s.responder());
            assertEquals(0, s.epoch());
            assertTrue(s.suspended().isEmpty());
            assertEquals(s.initiator(), view.initiator());
            assertEquals(s.responder(), view.responder());
            assertEquals(START.plusSeconds(PHASE_SECONDS).toString(), w.coalitions().contributionsDeadline());
            assertEquals("RolesClosed", m.committed.get(m.committed.size() - 1).event().name());
        }

        @Test
        void waitsForUndeclaredHomesUntilTheDeadline() {
            m.configure();
            m.registerWithInputs(MarketHarness.generalMarket());
            m.openWindow(1);
            for (String id : List.of("s1", "s2", "b1", "b2")) {
                m.submit(m.home(id).creator, "declareRole", "1", m.home(id).input.role().name());
            }
            assertTrue(m.rejects(ErrorCode.DEADLINE_NOT_REACHED, m.operator, "closeRoles", "1").getMessage()
                    .contains("3 registered homes have not declared"));
            m.clock.advance(PHASE_SECONDS);
            assertTrue(m.rejects(ErrorCode.UNAUTHORIZED_ORG, forwardDatingHome(), "closeRoles", "1").getMessage()
                    .contains("OperatorMSP"));
            m.submit(m.operator, "closeRoles", "1");
            WindowRecord w = m.window(1);
            assertEquals(List.of("s1", "s2"), w.coalitions().sellers());
            assertEquals(List.of("b3", "o1", "s3"), w.coalitions().offMarket());
        }

        @Test
        void aCoalitionBelowTheMinimumEndsTheWindowWithTheGrid() {
            Map<String, HomeInput> inputs = new TreeMap<>(MarketHarness.generalMarket());
            inputs.remove("s2");
            inputs.remove("s3");
            m.throughRoles(1, inputs);
            WindowRecord w = m.window(1);
            assertEquals(WindowPhase.GRID_ONLY, w.phase());
            assertEquals(Clearing.GRID_ONLY, w.outcome().clearing());
            assertEquals(GridOnlyReason.COALITION_TOO_SMALL, w.outcome().reason());
            assertNull(w.coalitions().selection());
            m.submit(m.operator, "settleWindow", "1");
            Settlement s = m.view(1).settlement();
            assertEquals(List.of("s1"), s.gridOnlySellers());
            assertEquals(List.of("b1", "b2", "b3"), s.gridOnlyBuyers());
            assertTrue(s.sellers().isEmpty() && s.buyers().isEmpty());
            assertNull(s.price());
        }

        @Test
        void rejectsClosingTwice() {
            m.throughRoles(1, MarketHarness.generalMarket());
            m.rejects(ErrorCode.WRONG_PHASE, m.operator, "closeRoles", "1");
        }

        @Test
        void anyHomeMayCloseTheRolesOnceEveryRegisteredHomeDeclared() {
            m.configure();
            m.registerWithInputs(MarketHarness.extremeMarket());
            m.openWindow(1);
            m.declareAll(1);
            TxResult r = m.submit(m.home("s1").creator, "closeRoles", "1");
            assertEquals("RolesClosed", r.event().name());
            assertEquals(WindowPhase.CONTRIBUTIONS, m.window(1).phase());
        }

        @Test
        void aCommunityHomeCannotCloseTheRolesWhileAHomeHasNotDeclared() {
            m.configure();
            m.registerWithInputs(MarketHarness.extremeMarket());
            m.openWindow(1);
            m.submit(m.home("s1").creator, "declareRole", "1", "SELLER");
            m.rejects(ErrorCode.UNAUTHORIZED_ORG, m.home("s1").creator, "closeRoles", "1");
            m.clock.advance(PHASE_SECONDS);
            m.rejects(ErrorCode.UNAUTHORIZED_ORG, m.home("s1").creator, "closeRoles", "1");
            m.rejects(ErrorCode.UNAUTHORIZED_ORG, m.outsider, "closeRoles", "1");
            assertEquals(WindowPhase.ROLES, m.window(1).phase());
        }
    }

    @Nested
    class SubmitContribution {
        private final Map<String, HomeInput> inputs = MarketHarness.generalMarket();

        private JsonObject fields(String id) {
            return JsonParser.parseString(m.contribution(1, id)).getAsJsonObject();
        }

        @Test
        void storesOnlyValidatedCiphertextsUnderTheMembersOwnKey() {
            m.throughRoles(1, inputs);
            String json = m.contribution(1, "s1");
            TxResult r = m.submit(m.home("s1").creator, "submitContribution", "1", json);
            Contribution c = CanonicalJson.fromJson(m.state(StateKeys.contribution(1, "s1")), Contribution.class);
            JsonObject in = JsonParser.parseString(json).getAsJsonObject();
            assertEquals(Role.SELLER, c.role());
            assertEquals(in.get("demandShare").getAsString(), c.demandShare());
            assertEquals(in.get("supplyShare").getAsString(), c.supplyShare());
            assertEquals(in.get("totalsForResponder").getAsString(), c.totalsForResponder());
            assertEquals(in.get("totalsForInitiator").getAsString(), c.totalsForInitiator());
            assertEquals(r.txId(), c.txId());
            assertEquals("ContributionSubmitted", r.event().name());
            assertEquals("{\"homeId\":\"s1\",\"phase\":\"CONTRIBUTIONS\",\"window\":1}", payload(r));
        }

        @Test
        void rejectsAHomeOutsideTheCoalitions() {
            m.throughRoles(1, inputs);
            m.rejects(ErrorCode.NOT_A_MEMBER, m.home("o1").creator, "submitContribution", "1",
                    m.contribution(1, "b1"));
        }

        @Test
        void rejectsASecondContribution() {
            m.throughRoles(1, inputs);
            m.submit(m.home("b1").creator, "submitContribution", "1", m.contribution(1, "b1"));
            m.rejects(ErrorCode.DUPLICATE_SUBMISSION, m.home("b1").creator, "submitContribution", "1",
                    m.contribution(1, "b1"));
        }

        @Test
        void rejectsAnotherHomesContributionReplayed() {
            m.throughRoles(1, inputs);
            String b1 = m.contribution(1, "b1");
            m.submit(m.home("b1").creator, "submitContribution", "1", b1);
            assertTrue(m.rejects(ErrorCode.INVALID_CIPHERTEXT, m.home("b2").creator, "submitContribution", "1", b1)
                    .getMessage().contains("of home b1 in window 1"));
        }

        @Test
        void rejectsOneCiphertextUsedForTwoFields() {
            m.throughRoles(1, inputs);
            JsonObject o = fields("s1");
            o.add("totalsForResponder", o.get("demandShare"));
            assertTrue(m.rejects(ErrorCode.INVALID_CIPHERTEXT, m.home("s1").creator, "submitContribution", "1",
                    o.toString()).getMessage().contains("another field of this contribution"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "{", "[]", "{\"demandShare\":\"AA==\"}", "null"})
        void rejectsMalformedJson(String json) {
            m.throughRoles(1, inputs);
            m.rejects(ErrorCode.MALFORMED_JSON, m.home("b1").creator, "submitContribution", "1", json);
        }

        @Test
        void rejectsAnUnknownFieldAndANonStringCiphertext() {
            m.throughRoles(1, inputs);
            JsonObject extra = fields("b1");
            extra.addProperty("plaintext", "123");
            m.rejects(ErrorCode.MALFORMED_JSON, m.home("b1").creator, "submitContribution", "1", extra.toString());
            JsonObject number = fields("b1");
            number.addProperty("totalsForInitiator", 5);
            m.rejects(ErrorCode.MALFORMED_JSON, m.home("b1").creator, "submitContribution", "1",
                    number.toString());
        }

        @ParameterizedTest
        @ValueSource(strings = {"not base64!", "", "AAAA"})
        void rejectsAMalformedCiphertext(String ciphertext) {
            m.throughRoles(1, inputs);
            JsonObject o = fields("b1");
            o.addProperty("supplyShare", ciphertext);
            m.rejects(ErrorCode.INVALID_CIPHERTEXT, m.home("b1").creator, "submitContribution", "1", o.toString());
        }

        @Test
        void rejectsValuesOutsideTheCiphertextGroup() {
            m.throughRoles(1, inputs);
            PaillierPublicKey r1 = m.home(m.selection(1).responder()).publicKey();
            byte[] zero = new byte[r1.ciphertextBytes()];
            byte[] ones = new byte[r1.ciphertextBytes()];
            Arrays.fill(ones, (byte) 0xFF);
            byte[] multipleOfN = Bytes.fixedWidth(r1.modulus(), r1.ciphertextBytes());
            for (byte[] bad : List.of(zero, ones, multipleOfN)) {
                JsonObject o = fields("b1");
                o.addProperty("demandShare", Base64.getEncoder().encodeToString(bad));
                m.rejects(ErrorCode.INVALID_CIPHERTEXT, m.home("b1").creator, "submitContribution", "1",
                        o.toString());
            }
        }

        @Test
        void rejectsACiphertextUnderAKeyOfAnotherSize() {
            m.throughRoles(1, inputs);
            PaillierKeyPair other = MarketHarness.largeKey(1024, 0);
            JsonObject o = fields("b1");
            o.addProperty("totalsForInitiator", other.publicKey().encrypt(BigInteger.TEN, MarketHarness.RANDOM)
                    .toBase64());
            assertTrue(m.rejects(ErrorCode.INVALID_CIPHERTEXT, m.home("b1").creator, "submitContribution", "1",
                    o.toString()).getMessage().contains("totalsForInitiator is not a ciphertext under the key of r2"));
        }

        @Test
        void rejectsACiphertextUnderAnotherKeyThatIsNoElementOfTheRightGroup() {
            m.throughRoles(1, inputs);
            PaillierPublicKey r1 = m.home(m.selection(1).responder()).publicKey();
            PaillierPublicKey wider = null;
            for (int i = 0; wider == null; i++) {
                PaillierPublicKey candidate = MarketHarness.pooledKey(m.homes.size() + i).publicKey();
                if (candidate.modulus().compareTo(r1.modulus()) > 0) {
                    wider = candidate;
                }
            }
            String c;
            do {
                c = wider.encrypt(BigInteger.TEN, MarketHarness.RANDOM).toBase64();
            } while (new BigInteger(1, Base64.getDecoder().decode(c)).compareTo(r1.modulusSquared()) < 0);
            JsonObject o = fields("b1");
            o.addProperty("demandShare", c);
            assertTrue(m.rejects(ErrorCode.INVALID_CIPHERTEXT, m.home("b1").creator, "submitContribution", "1",
                    o.toString()).getMessage().contains("demandShare is not a ciphertext under the key of r1"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"demandShare", "supplyShare", "totalsForResponder", "totalsForInitiator"})
        void rejectsAContributionWithoutOneOfItsFourCiphertexts(String field) {
            m.throughRoles(1, inputs);
            for (String id : List.of("s1", "b1")) {
                JsonObject o = fields(id);
                o.remove(field);
                assertTrue(m.rejects(ErrorCode.MALFORMED_JSON, m.home(id).creator, "submitContribution", "1",
                        o.toString()).getMessage().contains("lacks the field \"" + field + "\""));
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"volume", "preference", "pricingTerm"})
        void rejectsAPlainPerValueCiphertextBesideTheShares(String field) {
            m.throughRoles(1, inputs);
            JsonObject o = fields("s1");
            o.add(field, fields("s2").get("totalsForResponder"));
            m.rejects(ErrorCode.MALFORMED_JSON, m.home("s1").creator, "submitContribution", "1", o.toString());
        }

        @Test
        void rejectsAContributionAtTheDeadline() {
            m.throughRoles(1, inputs);
            String json = m.contribution(1, "b1");
            m.clock.advance(PHASE_SECONDS);
            m.rejects(ErrorCode.DEADLINE_PASSED, m.home("b1").creator, "submitContribution", "1", json);
        }

        @Test
        void rejectsAContributionDuringTheRolePhase() {
            m.configure();
            m.registerWithInputs(inputs);
            m.openWindow(1);
            m.rejects(ErrorCode.WRONG_PHASE, m.home("b1").creator, "submitContribution", "1", "{}");
        }
    }

    @Nested
    class CloseContributions {
        private final Map<String, HomeInput> inputs = MarketHarness.generalMarket();

        @Test
        void multipliesTheContributionsIntoTheAggregates() {
            m.throughContributions(1, inputs);
            WindowRecord w = m.window(1);
            assertEquals(WindowPhase.EVALUATION, w.phase());
            SelectedHomes s = w.coalitions().selection();
            Aggregates a = w.aggregation().aggregates();
            BigInteger maskSum = m.masks.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
            WindowOutcome ref = new ReferenceMarket(MarketHarness.config().parameters()).clear(1, inputs.values());
            assertEquals(BigInteger.valueOf(ref.demand()).add(maskSum), m.decryptAggregate(s.responder(),
                    a.demandShare()));
            assertEquals(BigInteger.valueOf(ref.supply()).add(maskSum), m.decryptAggregate(s.initiator(),
                    a.supplyShare()));
            BigInteger responderTotals = m.decryptAggregate(s.responder(), a.totalsForResponder());
            BigInteger initiatorTotals = m.decryptAggregate(s.initiator(), a.totalsForInitiator());
            PackedTotals expected = new PackedTotals(ref.supply(), ref.sumPreference(), ref.sumPricingTerm(),
                    ref.demand());
            assertEquals(expected, PackedTotals.unpack(responderTotals.add(initiatorTotals), 6));
            // Each share alone is masked: far beyond the four 96-bit slots, or negative.
            assertTrue(responderTotals.bitLength() > 4 * PackedTotals.SLOT_BITS);
            assertTrue(initiatorTotals.signum() < 0);
            assertEquals(START.plusSeconds(PHASE_SECONDS).toString(), w.aggregation().comparisonDeadline());
        }

        @Test
        void waitsForSilentMembersUntilTheDeadline() {
            m.throughRoles(1, inputs);
            m.submit(m.home("b1").creator, "submitContribution", "1", m.contribution(1, "b1"));
            m.rejects(ErrorCode.DEADLINE_NOT_REACHED, m.operator, "closeContributions", "1");
        }

        @Test
        void anyHomeMayCloseOnceEveryMemberContributed() {
            m.throughRoles(1, inputs);
            m.contributeAll(1);
            TxResult r = m.submit(m.home("o1").creator, "closeContributions", "1");
            assertEquals("ContributionsClosed", r.event().name());
            assertEquals(WindowPhase.EVALUATION, m.window(1).phase());
        }

        @Test
        void aCommunityHomeCannotCloseWhileAMemberIsSilent() {
            m.throughRoles(1, inputs);
            m.submit(m.home("b1").creator, "submitContribution", "1", m.contribution(1, "b1"));
            m.clock.advance(PHASE_SECONDS);
            assertTrue(m.rejects(ErrorCode.UNAUTHORIZED_ORG, forwardDatingHome(), "closeContributions", "1")
                    .getMessage().contains("5 members have not contributed"));
            assertEquals(WindowPhase.CONTRIBUTIONS, m.window(1).phase());
        }

        @Test
        void dropsASilentMemberWhoThenTradesWithTheGrid() {
            m.throughRoles(1, inputs);
            String silent = unselected(1, Role.SELLER);
            for (String id : m.members(1)) {
                if (!id.equals(silent)) {
                    m.submit(m.home(id).creator, "submitContribution", "1", m.contribution(1, id));
                }
            }
            m.clock.advance(PHASE_SECONDS);
            m.submit(m.operator, "closeContributions", "1");
            assertEquals(List.of(silent), m.window(1).aggregation().silentMembers());
            m.runComparison(1);
            m.postDecryptions(1);
            m.submit(m.operator, "settleWindow", "1");
            WindowOutcome ref = new ReferenceMarket(MarketHarness.config().parameters()).clear(1, inputs.values(),
                    Set.of(silent));
            WindowView view = m.view(1);
            assertEquals(ref.price().getAsLong(), view.window().outcome().price());
            assertEquals(ref.fillRatio(), view.window().outcome().fillRatio());
            assertEquals(ref.supply(), view.window().outcome().supply());
            assertEquals(List.of(silent), view.settlement().gridOnlySellers());
            assertFalse(view.settlement().sellers().contains(silent));
        }

        @Test
        void aSilentSelectedMemberEndsTheWindowWithTheGridAndIsSuspended() {
            m.throughRolesSelecting(1, inputs, Role.BUYER, Role.SELLER);
            String r1 = m.selection(1).responder();
            for (String id : m.members(1)) {
                if (!id.equals(r1)) {
                    m.submit(m.home(id).creator, "submitContribution", "1", m.contribution(1, id));
                }
            }
            m.clock.advance(PHASE_SECONDS);
            TxResult r = m.submit(m.operator, "expireWindow", "1");
            assertEquals("{\"phase\":\"GRID_ONLY\",\"window\":1}", payload(r));
            WindowRecord w = m.window(1);
            assertEquals(WindowPhase.GRID_ONLY, w.phase());
            assertEquals(GridOnlyReason.SELECTED_HOME_DID_NOT_CONTRIBUTE, w.outcome().reason());
            assertEquals(List.of(r1), w.outcome().silentHomes());
            assertNull(w.aggregation().aggregates());
            HomeRecord home = m.homeRecord(r1);
            assertTrue(home.suspended());
            assertEquals(1, home.suspension().window());
            assertEquals(GridOnlyReason.SELECTED_HOME_DID_NOT_CONTRIBUTE, home.suspension().reason());
            assertEquals(r.txId(), home.suspension().txId());
            assertFalse(m.homeRecord(m.selection(1).initiator()).suspended());
        }

        @Test
        void droppingAMemberBelowTheMinimumEndsTheWindowWithTheGrid() {
            Map<String, HomeInput> twoSellers = new TreeMap<>(inputs);
            twoSellers.remove("s3");
            m.throughRolesSelecting(1, twoSellers, Role.BUYER, Role.BUYER);
            String silent = unselected(1, Role.SELLER);
            for (String id : m.members(1)) {
                if (!id.equals(silent)) {
                    m.submit(m.home(id).creator, "submitContribution", "1", m.contribution(1, id));
                }
            }
            m.clock.advance(PHASE_SECONDS);
            m.submit(m.operator, "closeContributions", "1");
            assertEquals(GridOnlyReason.COALITION_TOO_SMALL, m.window(1).outcome().reason());
            assertTrue(m.window(1).outcome().silentHomes().isEmpty());
            assertFalse(m.homeRecord(silent).suspended());
        }

        @Test
        void rejectsClosingTwice() {
            m.throughContributions(1, inputs);
            m.rejects(ErrorCode.WRONG_PHASE, m.operator, "closeContributions", "1");
        }
    }

    @Nested
    class PostComparisonMessage {
        private final Map<String, HomeInput> inputs = MarketHarness.generalMarket();
        private List<byte[]> messages;
        private SelectedHomes s;

        private void setUp() {
            m.throughContributions(1, inputs);
            s = m.selection(1);
            Aggregates a = m.window(1).aggregation().aggregates();
            messages = m.comparisonMessages(1, m.decryptAggregate(s.initiator(), a.supplyShare()),
                    m.decryptAggregate(s.responder(), a.demandShare()));
        }

        private String b64(byte[] b) {
            return Base64.getEncoder().encodeToString(b);
        }

        private Creator r1() {
            return m.home(s.responder()).creator;
        }

        private Creator r2() {
            return m.home(s.initiator()).creator;
        }

        @Test
        void recordsTheResultAfterTheFourthStep() {
            setUp();
            m.postComparison(1, messages);
            WindowRecord w = m.window(1);
            assertEquals(4, w.comparisonSteps());
            assertTrue(w.supplyBelowDemand());
            assertEquals(WindowPhase.EVALUATION, w.phase());
            TxResult last = m.committed.get(m.committed.size() - 1);
            assertEquals("{\"homeId\":\"" + s.responder() + "\",\"phase\":\"EVALUATION\",\"step\":4,\"window\":1}",
                    payload(last));
        }

        @Test
        void rejectsAHomeOtherThanTheStepsSelectedHome() {
            setUp();
            m.rejects(ErrorCode.NOT_SELECTED, m.home(unselected(1, Role.BUYER)).creator, "postComparisonMessage",
                    "1", "1", b64(messages.get(0)));
            m.rejects(ErrorCode.NOT_SELECTED, r1(), "postComparisonMessage", "1", "1", b64(messages.get(0)));
        }

        @Test
        void rejectsAStepBeforeTheStepItAnswers() {
            setUp();
            m.rejects(ErrorCode.OUT_OF_ORDER, r1(), "postComparisonMessage", "1", "2", b64(messages.get(1)));
            m.submit(r2(), "postComparisonMessage", "1", "1", b64(messages.get(0)));
            m.rejects(ErrorCode.OUT_OF_ORDER, r2(), "postComparisonMessage", "1", "3", b64(messages.get(2)));
        }

        @Test
        void rejectsAStepPostedTwice() {
            setUp();
            m.submit(r2(), "postComparisonMessage", "1", "1", b64(messages.get(0)));
            m.rejects(ErrorCode.DUPLICATE_SUBMISSION, r2(), "postComparisonMessage", "1", "1",
                    b64(messages.get(0)));
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "5", "x", "", "01"})
        void rejectsAStepNumberOutsideOneToFour(String step) {
            setUp();
            m.rejects(ErrorCode.INVALID_ARGUMENT, r2(), "postComparisonMessage", "1", step, b64(messages.get(0)));
        }

        @Test
        void rejectsAMalformedMessage() {
            setUp();
            for (String bad : List.of("", "***", b64(new byte[] {1, 2, 3}))) {
                m.rejects(ErrorCode.INVALID_COMPARISON_MESSAGE, r2(), "postComparisonMessage", "1", "1", bad);
            }
        }

        @Test
        void rejectsAMessageOfAnotherWindowOrStep() {
            setUp();
            List<byte[]> otherWindow = m.comparisonMessages(2, BigInteger.ONE, BigInteger.TWO);
            m.rejects(ErrorCode.INVALID_COMPARISON_MESSAGE, r2(), "postComparisonMessage", "1", "1",
                    b64(otherWindow.get(0)));
            m.rejects(ErrorCode.INVALID_COMPARISON_MESSAGE, r2(), "postComparisonMessage", "1", "1",
                    b64(messages.get(2)));
        }

        @Test
        void rejectsSharesThatDoNotBelongToTheRecordedExchange() {
            setUp();
            List<byte[]> otherRun = m.comparisonMessages(1, BigInteger.ONE, BigInteger.TWO);
            m.submit(r2(), "postComparisonMessage", "1", "1", b64(messages.get(0)));
            m.submit(r1(), "postComparisonMessage", "1", "2", b64(messages.get(1)));
            m.submit(r2(), "postComparisonMessage", "1", "3", b64(messages.get(2)));
            m.rejects(ErrorCode.INVALID_COMPARISON_MESSAGE, r1(), "postComparisonMessage", "1", "4",
                    b64(otherRun.get(3)));
            assertEquals(3, m.window(1).comparisonSteps());
        }

        @Test
        void rejectsAMessageAtTheDeadline() {
            setUp();
            m.clock.advance(PHASE_SECONDS);
            m.rejects(ErrorCode.DEADLINE_PASSED, r2(), "postComparisonMessage", "1", "1", b64(messages.get(0)));
        }

        @Test
        void rejectsAMessageBeforeTheAggregatesExist() {
            m.throughRoles(1, inputs);
            SelectedHomes sel = m.selection(1);
            m.rejects(ErrorCode.WRONG_PHASE, m.home(sel.initiator()).creator, "postComparisonMessage", "1", "1",
                    b64(m.comparisonMessages(1, BigInteger.ONE, BigInteger.TWO).get(0)));
        }

        @Test
        void aComparisonThatDisagreesWithTheDecryptionsEndsTheWindowWithTheGrid() {
            setUp();
            Aggregates a = m.window(1).aggregation().aggregates();
            // The parties swap their inputs, so the comparison says "supply at or above demand".
            m.postComparison(1, m.comparisonMessages(1, m.decryptAggregate(s.responder(), a.demandShare()),
                    m.decryptAggregate(s.initiator(), a.supplyShare())));
            assertFalse(m.window(1).supplyBelowDemand());
            m.postDecryptions(1);
            WindowRecord w = m.window(1);
            assertEquals(WindowPhase.GRID_ONLY, w.phase());
            assertEquals(GridOnlyReason.COMPARISON_MISMATCH, w.outcome().reason());
            assertNotNull(w.outcome().supply());
        }
    }

    @Nested
    class PostDecryption {
        private SelectedHomes s;

        private void setUp(Map<String, HomeInput> inputs) {
            m.throughContributions(1, inputs);
            s = m.selection(1);
        }

        private Creator r1() {
            return m.home(s.responder()).creator;
        }

        private JsonObject json(String holder) {
            return JsonParser.parseString(m.decryption(1, holder)).getAsJsonObject();
        }

        @Test
        void recordsEachVerifiedDecryptionAndWaitsForTheRest() {
            setUp(MarketHarness.generalMarket());
            TxResult r = m.postDecryption(1, s.responder());
            WindowRecord w = m.window(1);
            assertEquals(WindowPhase.EVALUATION, w.phase());
            assertEquals(s.responder(), w.decryptions().responder().homeId());
            assertEquals(JsonParser.parseString(m.decryption(1, s.responder())).getAsJsonObject().get("plaintext")
                    .getAsString(), w.decryptions().responder().plaintext());
            assertEquals(r.txId(), w.decryptions().responder().txId());
            assertNull(w.decryptions().initiator());
            assertTrue(w.decryptions().postedBy(s.responder()));
            assertFalse(w.decryptions().postedBy(s.initiator()));
            assertNull(w.outcome());
            assertEquals("{\"homeId\":\"" + s.responder() + "\",\"phase\":\"EVALUATION\",\"window\":1}",
                    payload(r));
            m.postDecryption(1, s.initiator());
            assertEquals(WindowPhase.EVALUATION, m.window(1).phase());
            assertNotNull(m.window(1).decryptions().initiator());
        }

        @Test
        void rejectsAHomeThatIsNotSelectedAndTheOperator() {
            setUp(MarketHarness.generalMarket());
            String other = unselected(1, Role.SELLER);
            // A home that is not selected holds the key of neither totals aggregate; even a valid claim of r1 is
            // refused when it posts it.
            assertTrue(m.rejects(ErrorCode.NOT_SELECTED, m.home(other).creator, "postDecryption", "1",
                    m.decryption(1, s.responder())).getMessage().contains("not by " + other));
            m.rejects(ErrorCode.UNAUTHORIZED_ORG, m.operator, "postDecryption", "1", m.decryption(1, s.responder()));
        }

        @Test
        void rejectsMalformedJson() {
            setUp(MarketHarness.generalMarket());
            JsonObject missing = json(s.responder());
            missing.remove("proof");
            m.rejects(ErrorCode.MALFORMED_JSON, r1(), "postDecryption", "1", missing.toString());
            JsonObject extraField = json(s.responder());
            extraField.addProperty("window", 1);
            m.rejects(ErrorCode.MALFORMED_JSON, r1(), "postDecryption", "1", extraField.toString());
            JsonObject number = json(s.responder());
            number.addProperty("plaintext", 5);
            m.rejects(ErrorCode.MALFORMED_JSON, r1(), "postDecryption", "1", number.toString());
            m.rejects(ErrorCode.MALFORMED_JSON, r1(), "postDecryption", "1", "[]");
        }

        @ParameterizedTest
        @ValueSource(strings = {"1.5", "01", "abc", "", "+5", "-0x1", "--1"})
        void rejectsAPlaintextThatIsNotADecimalInteger(String plaintext) {
            setUp(MarketHarness.generalMarket());
            JsonObject o = json(s.responder());
            o.addProperty("plaintext", plaintext);
            m.rejects(ErrorCode.INVALID_ARGUMENT, r1(), "postDecryption", "1", o.toString());
        }

        @Test
        void rejectsAWrongPlaintext() {
            setUp(MarketHarness.generalMarket());
            JsonObject o = json(s.responder());
            o.addProperty("plaintext", new BigInteger(o.get("plaintext").getAsString()).add(BigInteger.ONE)
                    .toString());
            m.rejects(ErrorCode.INVALID_PROOF, r1(), "postDecryption", "1", o.toString());
        }

        @Test
        void rejectsATamperedProof() {
            setUp(MarketHarness.generalMarket());
            JsonObject honest = json(s.responder());
            byte[] proof = Base64.getDecoder().decode(honest.get("proof").getAsString());
            // The version byte, the commitment a (first half) and the response z (last bytes).
            for (int i : new int[] {0, 1, proof.length / 4, proof.length / 2, proof.length - 2, proof.length - 1}) {
                byte[] tampered = proof.clone();
                tampered[i] ^= 0x10;
                JsonObject o = honest.deepCopy();
                o.addProperty("proof", Base64.getEncoder().encodeToString(tampered));
                m.rejects(ErrorCode.INVALID_PROOF, r1(), "postDecryption", "1", o.toString());
            }
            assertNull(m.window(1).decryptions());
            m.submit(r1(), "postDecryption", "1", honest.toString());
        }

        @Test
        void rejectsAProofBoundToAnotherWindowOrProver() {
            setUp(MarketHarness.generalMarket());
            String aggregate = m.totalsAggregate(1, s.responder());
            for (ProofContext other : List.of(ProofContexts.totals(CHANNEL, 2, s.responder()),
                    ProofContexts.totals(CHANNEL, 1, s.initiator()),
                    ProofContexts.totals("other-channel", 1, s.responder()),
                    new ProofContext(CHANNEL, 1, "distribution", s.responder()))) {
                String claim = CanonicalJson.toJson(m.claim(s.responder(), aggregate, other));
                m.rejects(ErrorCode.INVALID_PROOF, r1(), "postDecryption", "1", claim);
            }
        }

        @Test
        void rejectsTheOtherSelectedHomesDecryption() {
            setUp(MarketHarness.generalMarket());
            // r1 posts r2's valid claim about T_r2: chaincode checks it against T_r1 under r1's key.
            m.rejects(ErrorCode.INVALID_PROOF, r1(), "postDecryption", "1", m.decryption(1, s.initiator()));
        }

        @Test
        void rejectsASecondPostingByTheSameHome() {
            setUp(MarketHarness.generalMarket());
            m.postDecryption(1, s.initiator());
            m.rejects(ErrorCode.DUPLICATE_SUBMISSION, m.home(s.initiator()).creator, "postDecryption", "1",
                    m.decryption(1, s.initiator()));
        }

        @Test
        void rejectsADecryptionAtTheDeadline() {
            setUp(MarketHarness.generalMarket());
            String json = m.decryption(1, s.responder());
            m.clock.advance(PHASE_SECONDS);
            m.rejects(ErrorCode.DEADLINE_PASSED, r1(), "postDecryption", "1", json);
        }

        @Test
        void rejectsADecryptionBeforeTheAggregatesExist() {
            m.throughRoles(1, MarketHarness.generalMarket());
            SelectedHomes sel = m.selection(1);
            m.rejects(ErrorCode.WRONG_PHASE, m.home(sel.responder()).creator, "postDecryption", "1", "{}");
        }

        /** Runs window 1 with one unselected member contributing {@code cheat} as its packed totals. */
        private WindowRecord withCheatingTotals(Role cheaterRole, Function<Long, PackedTotals> cheat) {
            m.throughRoles(1, MarketHarness.generalMarket());
            s = m.selection(1);
            String cheater = unselected(1, cheaterRole);
            long others = 0;
            for (String id : m.members(1)) {
                if (!id.equals(cheater) && m.home(id).input.role() == cheaterRole) {
                    others += Math.abs(m.home(id).input.netEnergy());
                }
            }
            for (String id : m.members(1)) {
                Map<String, String> fields = m.contributionFields(1, id);
                if (id.equals(cheater)) {
                    BigInteger[] shares = cheat.apply(others).shares(MarketHarness.RANDOM);
                    fields.put("totalsForResponder", m.home(s.responder()).publicKey()
                            .encrypt(shares[0], MarketHarness.RANDOM).toBase64());
                    fields.put("totalsForInitiator", m.home(s.initiator()).publicKey()
                            .encrypt(shares[1], MarketHarness.RANDOM).toBase64());
                }
                m.submit(m.home(id).creator, "submitContribution", "1", CanonicalJson.toJson(fields));
            }
            m.closeContributions(1);
            m.runComparison(1);
            m.postDecryptions(1);
            return m.window(1);
        }

        @Test
        void aTotalNoHonestCoalitionProducesEndsTheWindowWithTheGrid() {
            // A demand that cancels every other buyer's: E_b = 0 although three buyers take part.
            WindowRecord w = withCheatingTotals(Role.BUYER, others -> new PackedTotals(0, 0, 0, -others));
            assertEquals(WindowPhase.GRID_ONLY, w.phase());
            assertEquals(GridOnlyReason.MALFORMED_TOTALS, w.outcome().reason());
            assertTrue(w.outcome().detail().contains("E_b = 0"), w.outcome().detail());
            assertEquals(0L, w.outcome().demand());
        }

        @Test
        void totalsThatDoNotUnpackEndTheWindowWithTheGrid() {
            // A slot total beyond 64 bits can only come from a contribution that is not a packed (sn, k, d, |sn|) of
            // an honest home: here one seller claims the largest supply a slot entry can hold.
            WindowRecord w = withCheatingTotals(Role.SELLER, others -> new PackedTotals(Long.MAX_VALUE, 1, 1, 0));
            assertEquals(WindowPhase.GRID_ONLY, w.phase());
            assertEquals(GridOnlyReason.MALFORMED_TOTALS, w.outcome().reason());
            assertTrue(w.outcome().detail().contains("not a packed sum of 6 contributions"), w.outcome().detail());
            assertNull(w.outcome().supply());
        }
    }

    @Nested
    class PostEvaluationStep {
        private List<byte[]> messages;
        private SelectedHomes s;

        private void setUp() {
            m.throughContributions(1, MarketHarness.generalMarket());
            s = m.selection(1);
            messages = m.comparisonMessages(1);
        }

        private String b64(int step) {
            return Base64.getEncoder().encodeToString(messages.get(step - 1));
        }

        private Creator r2() {
            return m.home(s.initiator()).creator;
        }

        private Creator r1() {
            return m.home(s.responder()).creator;
        }

        @Test
        void recordsTheDecryptionAndTheMessageInOneTransaction() {
            setUp();
            TxResult r = m.submit(r2(), "postEvaluationStep", "1", "1", b64(1), m.decryption(1, s.initiator()));
            WindowRecord w = m.window(1);
            assertEquals(WindowPhase.EVALUATION, w.phase());
            assertEquals(1, w.comparisonSteps());
            assertEquals(r.txId(), w.decryptions().initiator().txId());
            assertNull(w.decryptions().responder());
            assertEquals(List.of(1), m.view(1).comparisonMessages().stream().map(x -> x.step()).toList());
            assertEquals("{\"homeId\":\"" + s.initiator() + "\",\"phase\":\"EVALUATION\",\"step\":1,\"window\":1}",
                    payload(r));
            assertEquals(CanonicalJson.toJson(w), new String(r.payload(), StandardCharsets.UTF_8));
        }

        @Test
        void withoutADecryptionItIsTheComparisonMessageAlone() {
            setUp();
            m.submit(r2(), "postEvaluationStep", "1", "1", b64(1), "");
            WindowRecord w = m.window(1);
            assertEquals(1, w.comparisonSteps());
            assertNull(w.decryptions());
            // The decryption can still follow on its own.
            m.postDecryption(1, s.initiator());
            assertNotNull(m.window(1).decryptions().initiator());
        }

        @Test
        void aRejectedDecryptionRejectsTheMessageToo() {
            setUp();
            JsonObject claim = JsonParser.parseString(m.decryption(1, s.initiator())).getAsJsonObject();
            claim.addProperty("plaintext", new BigInteger(claim.get("plaintext").getAsString()).add(BigInteger.ONE)
                    .toString());
            m.rejects(ErrorCode.INVALID_PROOF, r2(), "postEvaluationStep", "1", "1", b64(1), claim.toString());
            m.rejects(ErrorCode.MALFORMED_JSON, r2(), "postEvaluationStep", "1", "1", b64(1), "{}");
            // r1's claim posted by r2: the proof is r1's, over r1's aggregate.
            m.rejects(ErrorCode.INVALID_PROOF, r2(), "postEvaluationStep", "1", "1", b64(1),
                    m.decryption(1, s.responder()));
            WindowRecord w = m.window(1);
            assertEquals(0, w.comparisonSteps());
            assertNull(w.decryptions());
            assertTrue(m.view(1).comparisonMessages().isEmpty());
        }

        @Test
        void aRejectedMessageRejectsTheDecryptionToo() {
            setUp();
            // r1's turn has not come: step 2 before step 1.
            m.rejects(ErrorCode.OUT_OF_ORDER, r1(), "postEvaluationStep", "1", "2", b64(2),
                    m.decryption(1, s.responder()));
            // r1 posting r2's step.
            m.rejects(ErrorCode.NOT_SELECTED, r1(), "postEvaluationStep", "1", "1", b64(1),
                    m.decryption(1, s.responder()));
            byte[] tampered = messages.get(0).clone();
            tampered[0] ^= 0x01;
            m.rejects(ErrorCode.INVALID_COMPARISON_MESSAGE, r2(), "postEvaluationStep", "1", "1",
                    Base64.getEncoder().encodeToString(tampered), m.decryption(1, s.initiator()));
            WindowRecord w = m.window(1);
            assertEquals(0, w.comparisonSteps());
            assertNull(w.decryptions());
        }

        @Test
        void rejectsADecryptionPostedBefore() {
            setUp();
            m.postDecryption(1, s.initiator());
            m.rejects(ErrorCode.DUPLICATE_SUBMISSION, r2(), "postEvaluationStep", "1", "1", b64(1),
                    m.decryption(1, s.initiator()));
            assertEquals(0, m.window(1).comparisonSteps());
        }

        @Test
        void rejectsAHomeThatIsNotSelectedTheOperatorAndTheWrongPhase() {
            setUp();
            String other = unselected(1, Role.BUYER);
            m.rejects(ErrorCode.NOT_SELECTED, m.home(other).creator, "postEvaluationStep", "1", "1", b64(1), "");
            m.rejects(ErrorCode.UNAUTHORIZED_ORG, m.operator, "postEvaluationStep", "1", "1", b64(1), "");
            m.rejects(ErrorCode.UNKNOWN_WINDOW, r2(), "postEvaluationStep", "2", "1", b64(1), "");
            m.rejects(ErrorCode.INVALID_ARGUMENT, r2(), "postEvaluationStep", "1", "1", b64(1));
        }

        @Test
        void fourStepsDecideTheWindowLikeSixTransactions() {
            setUp();
            m.runEvaluationSteps(1);
            WindowRecord w = m.window(1);
            assertEquals(WindowPhase.CLEARED, w.phase());
            assertEquals(4, w.comparisonSteps());
            assertNotNull(w.decryptions().initiator());
            assertNotNull(w.decryptions().responder());
        }
    }

    @Nested
    class SettleWindow {
        @Test
        void rejectsAWindowNotYetDecided() {
            m.throughContributions(1, MarketHarness.extremeMarket());
            m.rejects(ErrorCode.WRONG_PHASE, m.operator, "settleWindow", "1");
        }

        @Test
        void settlesOnce() {
            m.fullWindow(1, MarketHarness.extremeMarket());
            TxResult last = m.committed.get(m.committed.size() - 1);
            assertEquals("WindowSettled", last.event().name());
            assertEquals("{\"phase\":\"SETTLED\",\"window\":1}", payload(last));
            m.rejects(ErrorCode.ALREADY_SETTLED, m.operator, "settleWindow", "1");
            m.rejects(ErrorCode.ALREADY_SETTLED, m.operator, "expireWindow", "1");
        }

        @Test
        void rejectsAWindowNeverOpened() {
            m.configure();
            m.rejects(ErrorCode.UNKNOWN_WINDOW, m.operator, "settleWindow", "3");
        }

        @Test
        void theWindowsHistoryShowsEveryPhaseInOrder() {
            m.fullWindow(1, MarketHarness.extremeMarket());
            JsonArray history = JsonParser.parseString(m.query("getHistory", "WINDOW/1")).getAsJsonArray();
            List<String> phases = new ArrayList<>();
            history.forEach(e -> phases.add(e.getAsJsonObject().getAsJsonObject("value").get("phase")
                    .getAsString()));
            // Closing the contributions, four comparison steps and r1's decryption; r2's decryption decides.
            assertEquals(List.of("ROLES", "CONTRIBUTIONS", "EVALUATION", "EVALUATION", "EVALUATION", "EVALUATION",
                    "EVALUATION", "EVALUATION", "CLEARED", "SETTLED"), phases);
        }
    }

    @Nested
    class ExpireWindow {
        private final Map<String, HomeInput> inputs = MarketHarness.generalMarket();

        @Test
        void rejectsEachPhaseBeforeItsDeadline() {
            m.configure();
            m.registerWithInputs(inputs);
            m.openWindow(1);
            m.rejects(ErrorCode.DEADLINE_NOT_REACHED, m.operator, "expireWindow", "1");
            m.declareAll(1);
            m.submit(m.operator, "closeRoles", "1");
            m.rejects(ErrorCode.DEADLINE_NOT_REACHED, m.operator, "expireWindow", "1");
            m.contributeAll(1);
            m.submit(m.operator, "closeContributions", "1");
            m.rejects(ErrorCode.DEADLINE_NOT_REACHED, m.operator, "expireWindow", "1");
        }

        @Test
        void closesTheRolesAfterTheirDeadlineWithUndeclaredHomesOffMarket() {
            m.configure();
            m.registerWithInputs(inputs);
            m.openWindow(1);
            for (String id : List.of("s1", "s2", "b1", "b2")) {
                m.submit(m.home(id).creator, "declareRole", "1", m.home(id).input.role().name());
            }
            m.clock.advance(PHASE_SECONDS);
            TxResult r = m.submit(m.operator, "expireWindow", "1");
            assertEquals("RolesClosed", r.event().name());
            assertEquals("{\"phase\":\"CONTRIBUTIONS\",\"window\":1}", payload(r));
            assertEquals(List.of("b3", "o1", "s3"), m.window(1).coalitions().offMarket());
        }

        @Test
        void closesTheContributionsAfterTheirDeadline() {
            m.throughRoles(1, inputs);
            String silent = unselected(1, Role.BUYER);
            for (String id : m.members(1)) {
                if (!id.equals(silent)) {
                    m.submit(m.home(id).creator, "submitContribution", "1", m.contribution(1, id));
                }
            }
            m.clock.advance(PHASE_SECONDS);
            TxResult r = m.submit(m.operator, "expireWindow", "1");
            assertEquals("ContributionsClosed", r.event().name());
            assertEquals(WindowPhase.EVALUATION, m.window(1).phase());
            assertEquals(List.of(silent), m.window(1).aggregation().silentMembers());
        }

        @Test
        void rejectsACommunityHomeEvenAfterTheDeadline() {
            m.configure();
            m.registerWithInputs(inputs);
            m.openWindow(1);
            m.clock.advance(PHASE_SECONDS);
            assertTrue(m.rejects(ErrorCode.UNAUTHORIZED_ORG, forwardDatingHome(), "expireWindow", "1").getMessage()
                    .contains("expire windows"));
            m.rejects(ErrorCode.UNAUTHORIZED_ORG, m.outsider, "expireWindow", "1");
            assertEquals(WindowPhase.ROLES, m.window(1).phase());
        }

        @Test
        void aMissingDecryptionEndsTheWindowWithTheGridAndSuspendsItsHome() {
            m.throughContributions(1, inputs);
            SelectedHomes sel = m.selection(1);
            m.runComparison(1);
            m.postDecryption(1, sel.responder());
            m.clock.advance(PHASE_SECONDS - 1);
            m.rejects(ErrorCode.DEADLINE_NOT_REACHED, m.operator, "expireWindow", "1");
            m.clock.advance(1);
            TxResult r = m.submit(m.operator, "expireWindow", "1");
            assertEquals("WindowExpired", r.event().name());
            assertEquals("{\"phase\":\"GRID_ONLY\",\"window\":1}", payload(r));
            WindowRecord w = m.window(1);
            String r2 = sel.initiator();
            assertEquals(GridOnlyReason.DECRYPTIONS_NOT_POSTED, w.outcome().reason());
            assertEquals(List.of(r2), w.outcome().silentHomes());
            assertTrue(w.outcome().detail().contains("T_r2 by r2 " + r2));
            assertEquals(GridOnlyReason.DECRYPTIONS_NOT_POSTED, m.homeRecord(r2).suspension().reason());
            assertFalse(m.homeRecord(sel.responder()).suspended());
            m.rejects(ErrorCode.WRONG_PHASE, m.home(r2).creator, "postDecryption", "1", "{}");
            m.rejects(ErrorCode.WRONG_PHASE, m.operator, "expireWindow", "1");
            m.submit(m.operator, "settleWindow", "1");
            Settlement s = m.view(1).settlement();
            assertEquals(Clearing.GRID_ONLY, s.clearing());
            assertEquals(List.of("s1", "s2", "s3"), s.gridOnlySellers());
            assertEquals(List.of("b1", "b2", "b3"), s.gridOnlyBuyers());
        }

        @Test
        void aSilentResponderIsNamedAndSuspendedWhenTheComparisonStalls() {
            m.throughContributions(1, inputs);
            SelectedHomes sel = m.selection(1);
            m.postDecryptions(1);
            m.submit(m.home(sel.initiator()).creator, "postComparisonMessage", "1", "1",
                    Base64.getEncoder().encodeToString(m.comparisonMessages(1, BigInteger.ONE, BigInteger.TWO)
                            .get(0)));
            m.clock.advance(PHASE_SECONDS);
            m.submit(m.operator, "expireWindow", "1");
            WindowRecord w = m.window(1);
            assertEquals(GridOnlyReason.COMPARISON_NOT_FINISHED, w.outcome().reason());
            assertEquals(List.of(sel.responder()), w.outcome().silentHomes());
            assertTrue(m.homeRecord(sel.responder()).suspended());
            assertFalse(m.homeRecord(sel.initiator()).suspended());
        }

        @Test
        void namesAndSuspendsEverySilentSelectedHome() {
            m.throughContributions(1, inputs);
            SelectedHomes sel = m.selection(1);
            m.clock.advance(PHASE_SECONDS);
            m.submit(m.operator, "expireWindow", "1");
            WindowRecord w = m.window(1);
            assertEquals(GridOnlyReason.COMPARISON_NOT_FINISHED, w.outcome().reason());
            assertEquals(new TreeSet<>(List.of(sel.initiator(), sel.responder())),
                    new TreeSet<>(w.outcome().silentHomes()));
            for (String id : w.outcome().silentHomes()) {
                assertEquals(1, m.homeRecord(id).suspension().window());
            }
        }
    }
}
