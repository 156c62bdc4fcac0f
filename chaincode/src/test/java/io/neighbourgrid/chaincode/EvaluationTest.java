package io.neighbourgrid.chaincode;

import static io.neighbourgrid.chaincode.MarketHarness.CHANNEL;
import static io.neighbourgrid.chaincode.MarketHarness.PHASE_SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.neighbourgrid.crypto.ProofContext;
import io.neighbourgrid.embedded.TxResult;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.market.HomeInput;
import io.neighbourgrid.market.Role;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.ProofContexts;
import io.neighbourgrid.protocol.contract.Creator;
import io.neighbourgrid.protocol.state.Aggregates;
import io.neighbourgrid.protocol.state.SelectedHomes;
import io.neighbourgrid.protocol.state.WindowPhase;
import io.neighbourgrid.protocol.state.WindowRecord;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Protocol 2 lines 14-18 and Protocol 3 on the ledger: the comparison messages, the proven decryptions of the
 * totals, and both in one evaluation step ({@code market.Evaluation}).
 */
class EvaluationTest {
    private final MarketHarness m = new MarketHarness();

    @Nested
    class PostComparisonMessage {
        private final Map<String, HomeInput> inputs = MarketHarness.generalMarket();
        private List<byte[]> messages;
        private SelectedHomes s;

        @BeforeEach
        void setUp() {
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
            m.postComparison(1, messages);
            WindowRecord w = m.window(1);
            assertEquals(4, w.comparisonSteps());
            assertTrue(w.supplyBelowDemand());
            assertEquals(WindowPhase.EVALUATION, w.phase());
            TxResult last = m.committed.get(m.committed.size() - 1);
            assertEquals("{\"homeId\":\"" + s.responder() + "\",\"phase\":\"EVALUATION\",\"step\":4,\"window\":1}",
                    MarketHarness.payload(last));
        }

        @Test
        void rejectsAHomeOtherThanTheStepsSelectedHome() {
            m.rejects(ErrorCode.NOT_SELECTED, m.home(m.unselected(1, Role.BUYER)).creator, "postComparisonMessage",
                    "1", "1", b64(messages.get(0)));
            m.rejects(ErrorCode.NOT_SELECTED, r1(), "postComparisonMessage", "1", "1", b64(messages.get(0)));
        }

        @Test
        void rejectsAStepBeforeTheStepItAnswers() {
            m.rejects(ErrorCode.OUT_OF_ORDER, r1(), "postComparisonMessage", "1", "2", b64(messages.get(1)));
            m.submit(r2(), "postComparisonMessage", "1", "1", b64(messages.get(0)));
            m.rejects(ErrorCode.OUT_OF_ORDER, r2(), "postComparisonMessage", "1", "3", b64(messages.get(2)));
        }

        @Test
        void rejectsAStepPostedTwice() {
            m.submit(r2(), "postComparisonMessage", "1", "1", b64(messages.get(0)));
            m.rejects(ErrorCode.DUPLICATE_SUBMISSION, r2(), "postComparisonMessage", "1", "1",
                    b64(messages.get(0)));
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "5", "x", "", "01"})
        void rejectsAStepNumberOutsideOneToFour(String step) {
            m.rejects(ErrorCode.INVALID_ARGUMENT, r2(), "postComparisonMessage", "1", step, b64(messages.get(0)));
        }

        @Test
        void rejectsAMalformedMessage() {
            for (String bad : List.of("", "***", b64(new byte[] {1, 2, 3}))) {
                m.rejects(ErrorCode.INVALID_COMPARISON_MESSAGE, r2(), "postComparisonMessage", "1", "1", bad);
            }
        }

        @Test
        void rejectsAMessageOfAnotherWindowOrStep() {
            List<byte[]> otherWindow = m.comparisonMessages(2, BigInteger.ONE, BigInteger.TWO);
            m.rejects(ErrorCode.INVALID_COMPARISON_MESSAGE, r2(), "postComparisonMessage", "1", "1",
                    b64(otherWindow.get(0)));
            m.rejects(ErrorCode.INVALID_COMPARISON_MESSAGE, r2(), "postComparisonMessage", "1", "1",
                    b64(messages.get(2)));
        }

        @Test
        void rejectsSharesThatDoNotBelongToTheRecordedExchange() {
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
            m.clock.advance(PHASE_SECONDS);
            m.rejects(ErrorCode.DEADLINE_PASSED, r2(), "postComparisonMessage", "1", "1", b64(messages.get(0)));
        }

    }

    @Nested
    class PostDecryption {
        private SelectedHomes s;

        @BeforeEach
        void setUp() {
            m.throughContributions(1, MarketHarness.generalMarket());
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
                    MarketHarness.payload(r));
            m.postDecryption(1, s.initiator());
            assertEquals(WindowPhase.EVALUATION, m.window(1).phase());
            assertNotNull(m.window(1).decryptions().initiator());
        }

        @Test
        void rejectsAHomeThatIsNotSelectedAndTheOperator() {
            String other = m.unselected(1, Role.SELLER);
            // A home that is not selected holds the key of neither totals aggregate; even a valid claim of r1 is
            // refused when it posts it.
            assertTrue(m.rejects(ErrorCode.NOT_SELECTED, m.home(other).creator, "postDecryption", "1",
                    m.decryption(1, s.responder())).getMessage().contains("not by " + other));
            m.rejects(ErrorCode.UNAUTHORIZED_ORG, m.operator, "postDecryption", "1", m.decryption(1, s.responder()));
        }

        @Test
        void rejectsMalformedJson() {
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
            JsonObject o = json(s.responder());
            o.addProperty("plaintext", plaintext);
            m.rejects(ErrorCode.INVALID_ARGUMENT, r1(), "postDecryption", "1", o.toString());
        }

        @Test
        void rejectsAWrongPlaintext() {
            JsonObject o = json(s.responder());
            o.addProperty("plaintext", new BigInteger(o.get("plaintext").getAsString()).add(BigInteger.ONE)
                    .toString());
            m.rejects(ErrorCode.INVALID_PROOF, r1(), "postDecryption", "1", o.toString());
        }

        @Test
        void rejectsATamperedProof() {
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
            String aggregate = m.totalsAggregate(1, s.responder());
            for (ProofContext other : List.of(ProofContexts.totals(CHANNEL, 2, s.responder()),
                    ProofContexts.totals(CHANNEL, 1, s.initiator()),
                    ProofContexts.totals("other-channel", 1, s.responder()),
                    new ProofContext(CHANNEL, 1, "distribution", s.responder()))) {
                String claim = m.claim(s.responder(), aggregate, other).toJson();
                m.rejects(ErrorCode.INVALID_PROOF, r1(), "postDecryption", "1", claim);
            }
        }

        @Test
        void rejectsTheOtherSelectedHomesDecryption() {
            // r1 posts r2's valid claim about T_r2: chaincode checks it against T_r1 under r1's key.
            m.rejects(ErrorCode.INVALID_PROOF, r1(), "postDecryption", "1", m.decryption(1, s.initiator()));
        }

        @Test
        void rejectsASecondPostingByTheSameHome() {
            m.postDecryption(1, s.initiator());
            m.rejects(ErrorCode.DUPLICATE_SUBMISSION, m.home(s.initiator()).creator, "postDecryption", "1",
                    m.decryption(1, s.initiator()));
        }

        @Test
        void rejectsADecryptionAtTheDeadline() {
            String json = m.decryption(1, s.responder());
            m.clock.advance(PHASE_SECONDS);
            m.rejects(ErrorCode.DEADLINE_PASSED, r1(), "postDecryption", "1", json);
        }

    }

    @Nested
    class PostEvaluationStep {
        private List<byte[]> messages;
        private SelectedHomes s;

        @BeforeEach
        void setUp() {
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
            TxResult r = m.submit(r2(), "postEvaluationStep", "1", "1", b64(1), m.decryption(1, s.initiator()));
            WindowRecord w = m.window(1);
            assertEquals(WindowPhase.EVALUATION, w.phase());
            assertEquals(1, w.comparisonSteps());
            assertEquals(r.txId(), w.decryptions().initiator().txId());
            assertNull(w.decryptions().responder());
            assertEquals(List.of(1), m.view(1).comparisonMessages().stream().map(x -> x.step()).toList());
            assertEquals("{\"homeId\":\"" + s.initiator() + "\",\"phase\":\"EVALUATION\",\"step\":1,\"window\":1}",
                    MarketHarness.payload(r));
            assertEquals(CanonicalJson.toJson(w), new String(r.payload(), StandardCharsets.UTF_8));
        }

        @Test
        void withoutADecryptionItIsTheComparisonMessageAlone() {
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
            m.postDecryption(1, s.initiator());
            m.rejects(ErrorCode.DUPLICATE_SUBMISSION, r2(), "postEvaluationStep", "1", "1", b64(1),
                    m.decryption(1, s.initiator()));
            assertEquals(0, m.window(1).comparisonSteps());
        }

        @Test
        void rejectsAHomeThatIsNotSelectedTheOperatorAndTheWrongPhase() {
            String other = m.unselected(1, Role.BUYER);
            m.rejects(ErrorCode.NOT_SELECTED, m.home(other).creator, "postEvaluationStep", "1", "1", b64(1), "");
            m.rejects(ErrorCode.UNAUTHORIZED_ORG, m.operator, "postEvaluationStep", "1", "1", b64(1), "");
            m.rejects(ErrorCode.UNKNOWN_WINDOW, r2(), "postEvaluationStep", "2", "1", b64(1), "");
            m.rejects(ErrorCode.INVALID_ARGUMENT, r2(), "postEvaluationStep", "1", "1", b64(1));
        }

        @Test
        void fourStepsDecideTheWindowLikeSixTransactions() {
            m.runEvaluationSteps(1);
            WindowRecord w = m.window(1);
            assertEquals(WindowPhase.CLEARED, w.phase());
            assertEquals(4, w.comparisonSteps());
            assertNotNull(w.decryptions().initiator());
            assertNotNull(w.decryptions().responder());
        }
    }

    /** Evaluation transactions in the contribution phase, before the aggregates exist. */
    @Nested
    class BeforeTheAggregates {
        @Test
        void rejectsAMessageBeforeTheAggregatesExist() {
            m.throughRoles(1, MarketHarness.generalMarket());
            SelectedHomes sel = m.selection(1);
            m.rejects(ErrorCode.WRONG_PHASE, m.home(sel.initiator()).creator, "postComparisonMessage", "1", "1",
                    Base64.getEncoder().encodeToString(m.comparisonMessages(1, BigInteger.ONE, BigInteger.TWO)
                            .get(0)));
        }

        @Test
        void rejectsADecryptionBeforeTheAggregatesExist() {
            m.throughRoles(1, MarketHarness.generalMarket());
            SelectedHomes sel = m.selection(1);
            m.rejects(ErrorCode.WRONG_PHASE, m.home(sel.responder()).creator, "postDecryption", "1", "{}");
        }
    }
}
