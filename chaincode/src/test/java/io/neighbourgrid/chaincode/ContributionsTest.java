package io.neighbourgrid.chaincode;

import static io.neighbourgrid.chaincode.MarketHarness.PHASE_SECONDS;
import static io.neighbourgrid.chaincode.MarketHarness.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.neighbourgrid.crypto.Bytes;
import io.neighbourgrid.crypto.paillier.PaillierKeyPair;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.embedded.TxResult;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.market.HomeInput;
import io.neighbourgrid.market.ReferenceMarket;
import io.neighbourgrid.market.Role;
import io.neighbourgrid.market.WindowOutcome;
import io.neighbourgrid.protocol.ContributionRanges;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.state.Aggregates;
import io.neighbourgrid.protocol.state.Contribution;
import io.neighbourgrid.protocol.state.GridOnlyReason;
import io.neighbourgrid.protocol.state.HomeRecord;
import io.neighbourgrid.protocol.state.SelectedHomes;
import io.neighbourgrid.protocol.state.WindowPhase;
import io.neighbourgrid.protocol.state.WindowRecord;
import io.neighbourgrid.protocol.state.WindowView;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Protocol 2 lines 2-13: submitting contributions and closing them into the aggregates
 * ({@code market.Contributions}).
 */
class ContributionsTest {
    private final MarketHarness m = new MarketHarness();

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
            assertEquals(in.get("proof").getAsString(), c.proof());
            assertEquals(in.get("totalsForResponder").getAsString(), c.totalsForResponder());
            assertEquals(in.get("totalsForInitiator").getAsString(), c.totalsForInitiator());
            assertEquals(r.txId(), c.txId());
            assertEquals("ContributionSubmitted", r.event().name());
            assertEquals("{\"homeId\":\"s1\",\"phase\":\"CONTRIBUTIONS\",\"window\":1}", MarketHarness.payload(r));
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
            // The two fields are under different keys; the smaller ciphertext lies below both moduli squared, so
            // the copy passes the range check and only the repetition is left to reject.
            String forResponder = o.get("totalsForResponder").getAsString();
            String forInitiator = o.get("totalsForInitiator").getAsString();
            String smaller = new BigInteger(1, Base64.getDecoder().decode(forResponder))
                    .compareTo(new BigInteger(1, Base64.getDecoder().decode(forInitiator))) < 0
                    ? forResponder : forInitiator;
            o.addProperty("totalsForResponder", smaller);
            o.addProperty("totalsForInitiator", smaller);
            String message = m.rejects(ErrorCode.INVALID_CIPHERTEXT, m.home("s1").creator, "submitContribution",
                    "1", o.toString()).getMessage();
            assertTrue(message.contains("another field of this contribution"), message);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "{", "[]", "{\"proof\":\"AA==\"}", "null"})
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
            o.addProperty("totalsForInitiator", ciphertext);
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
                o.addProperty("totalsForResponder", Base64.getEncoder().encodeToString(bad));
                m.rejects(ErrorCode.INVALID_CIPHERTEXT, m.home("b1").creator, "submitContribution", "1",
                        o.toString());
            }
        }

        @Test
        void rejectsACiphertextUnderAKeyOfAnotherSize() {
            m.throughRoles(1, inputs);
            PaillierKeyPair other = MarketHarness.largeKey(1280, 0);
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
            o.addProperty("totalsForResponder", c);
            assertTrue(m.rejects(ErrorCode.INVALID_CIPHERTEXT, m.home("b1").creator, "submitContribution", "1",
                    o.toString()).getMessage().contains("totalsForResponder is not a ciphertext under the key of r1"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"totalsForResponder", "totalsForInitiator", "proof"})
        void rejectsAContributionWithoutOneOfItsThreeFields(String field) {
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

        @ParameterizedTest
        @ValueSource(strings = {"not base64!", "", "AAAA", "AQID"})
        void rejectsAProofThatIsNotAProofEncoding(String proof) {
            m.throughRoles(1, inputs);
            JsonObject o = fields("b1");
            o.addProperty("proof", proof);
            m.rejects(ErrorCode.INVALID_CONTRIBUTION_PROOF, m.home("b1").creator, "submitContribution", "1",
                    o.toString());
            assertFalse(m.hasState(StateKeys.contribution(1, "b1")));
        }

        @Test
        void rejectsAnOverlongProof() {
            m.throughRoles(1, inputs);
            JsonObject o = fields("b1");
            o.addProperty("proof", "A".repeat(io.neighbourgrid.protocol.args.ContributionArgs.MAX_PROOF_CHARS + 4));
            m.rejects(ErrorCode.INVALID_CONTRIBUTION_PROOF, m.home("b1").creator, "submitContribution", "1",
                    o.toString());
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
            WindowOutcome ref = new ReferenceMarket(MarketHarness.config().parameters()).clear(1, inputs.values());
            BigInteger responderTotals = m.decryptAggregate(s.responder(), a.totalsForResponder());
            BigInteger initiatorTotals = m.decryptAggregate(s.initiator(), a.totalsForInitiator());
            ContributionRanges r = ContributionRanges.of(w.config());
            long[] offsets = r.offsets(3, 3);
            BigInteger packed = responderTotals.add(initiatorTotals);
            long[] totals = {ref.supply(), ref.sumPreference(), ref.sumPricingTerm(), ref.demand()};
            for (int j = 0; j < ContributionRanges.SLOTS; j++) {
                long slot = packed.shiftRight(64 * j).and(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE))
                        .longValueExact();
                assertEquals(totals[j], slot + offsets[j], "slot " + j);
            }
            // Each share alone is masked: far beyond the four 64-bit slots, or negative.
            assertTrue(responderTotals.bitLength() > 4 * 64);
            assertTrue(initiatorTotals.signum() < 0);
            assertEquals(START.plusSeconds(PHASE_SECONDS).toString(), w.aggregation().transferDeadline());
            assertEquals(START.plusSeconds(2 * PHASE_SECONDS).toString(), w.aggregation().outcomeDeadline());
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
            assertTrue(m.rejects(ErrorCode.UNAUTHORIZED_ORG, m.forwardDatingHome(), "closeContributions", "1")
                    .getMessage().contains("5 members have not contributed"));
            assertEquals(WindowPhase.CONTRIBUTIONS, m.window(1).phase());
        }

        @Test
        void dropsASilentMemberWhoThenTradesWithTheGrid() {
            m.throughRoles(1, inputs);
            String silent = m.unselected(1, Role.SELLER);
            for (String id : m.members(1)) {
                if (!id.equals(silent)) {
                    m.submit(m.home(id).creator, "submitContribution", "1", m.contribution(1, id));
                }
            }
            m.clock.advance(PHASE_SECONDS);
            m.submit(m.operator, "closeContributions", "1");
            assertEquals(List.of(silent), m.window(1).aggregation().silentMembers());
            m.runEvaluation(1);
            m.submit(m.operator, "settleWindow", "1");
            WindowOutcome ref = new ReferenceMarket(MarketHarness.config().parameters()).clear(1, inputs.values(),
                    Set.of(silent));
            WindowView view = m.view(1);
            assertEquals(ref.price().getAsLong(), view.window().outcome().price());
            assertEquals(ref.fillRatio(), view.window().outcome().fillRatio());
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
            assertEquals("{\"phase\":\"GRID_ONLY\",\"window\":1}", MarketHarness.payload(r));
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
            String silent = m.unselected(1, Role.SELLER);
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
}
