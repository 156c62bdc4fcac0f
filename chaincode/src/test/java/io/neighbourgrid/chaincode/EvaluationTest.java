package io.neighbourgrid.chaincode;

import static io.neighbourgrid.chaincode.MarketHarness.CHANNEL;
import static io.neighbourgrid.chaincode.MarketHarness.PHASE_SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.crypto.proof.MaskTransfer;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.market.Clearing;
import io.neighbourgrid.market.HomeInput;
import io.neighbourgrid.market.ReferenceMarket;
import io.neighbourgrid.market.WindowOutcome;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.MarketProofs;
import io.neighbourgrid.protocol.ProofContexts;
import io.neighbourgrid.protocol.contract.Creator;
import io.neighbourgrid.protocol.state.GridOnlyReason;
import io.neighbourgrid.protocol.state.HomeRecord;
import io.neighbourgrid.protocol.state.SelectedHomes;
import io.neighbourgrid.protocol.state.WindowPhase;
import io.neighbourgrid.protocol.state.WindowRecord;
import io.neighbourgrid.protocol.state.WindowView;
import java.math.BigInteger;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The evaluation on the ledger ({@code market.Evaluation}): r2's proven mask transfer, r1's proven outcome, and the
 * deadlines that pin a missing step on the home whose step it is, never on its partner.
 */
class EvaluationTest {
    private final MarketHarness m = new MarketHarness();
    private final Map<String, HomeInput> inputs = MarketHarness.generalMarket();
    private SelectedHomes s;

    private Creator r1() {
        return m.home(s.responder()).creator;
    }

    private Creator r2() {
        return m.home(s.initiator()).creator;
    }

    /** A Base64 string with one byte of its decoding flipped. */
    static String flipped(String base64, int index) {
        byte[] b = Base64.getDecoder().decode(base64);
        int i = Math.floorMod(index, b.length);
        b[i] ^= 0x40;
        return Base64.getEncoder().encodeToString(b);
    }

    @Nested
    class PostMaskTransfer {
        private MaskTransfer transfer;

        @BeforeEach
        void setUp() {
            m.throughContributions(1, inputs);
            s = m.selection(1);
            transfer = m.maskTransfer(1);
        }

        private String[] args(Ciphertext x, String proof) {
            return new String[] {"1", x.toBase64(), proof};
        }

        @Test
        void recordsTheTransferAndThePackedTotalsUnderR1sKey() {
            m.submit(r2(), "postMaskTransfer", args(transfer.reencrypted(), transfer.proof().toBase64()));
            WindowRecord w = m.window(1);
            assertEquals(WindowPhase.EVALUATION, w.phase());
            assertNotNull(w.packedTotals());
            WindowView view = m.view(1);
            assertEquals(s.initiator(), view.maskTransfer().homeId());
            // T_r1 times the re-encrypted masks: r1 opens the packed slot values and nothing else.
            PaillierPublicKey key = m.home(s.responder()).publicKey();
            BigInteger packed = m.decryptAggregate(s.responder(), w.packedTotals());
            assertEquals(packed, m.decryptAggregate(s.responder(), key.sum(List.of(
                    key.ciphertextFromBase64(w.aggregation().aggregates().totalsForResponder()),
                    transfer.reencrypted())).toBase64()));
            assertEquals(1, packed.signum());
            assertEquals(true, packed.bitLength() <= 256, "the masks cancel: only the four 64-bit slots remain");
        }

        @Test
        void rejectsEveryoneButR2() {
            String[] a = args(transfer.reencrypted(), transfer.proof().toBase64());
            m.rejects(ErrorCode.NOT_SELECTED, r1(), "postMaskTransfer", a);
            m.rejects(ErrorCode.NOT_SELECTED, m.home(m.unselected(1, inputs.get("b1").role())).creator,
                    "postMaskTransfer", a);
            m.rejects(ErrorCode.UNAUTHORIZED_ORG, m.operator, "postMaskTransfer", a);
            assertNull(m.window(1).packedTotals());
        }

        @Test
        void rejectsASecondTransfer() {
            m.submit(r2(), "postMaskTransfer", args(transfer.reencrypted(), transfer.proof().toBase64()));
            MaskTransfer again = m.maskTransfer(1);
            m.rejects(ErrorCode.DUPLICATE_SUBMISSION, r2(), "postMaskTransfer",
                    args(again.reencrypted(), again.proof().toBase64()));
        }

        @Test
        void rejectsTheReencryptionOfAnotherValue() {
            PaillierPublicKey r1Key = m.home(s.responder()).publicKey();
            Ciphertext shifted = r1Key.add(transfer.reencrypted(), r1Key.encrypt(BigInteger.ONE, MarketHarness.RANDOM));
            m.rejects(ErrorCode.INVALID_PROOF, r2(), "postMaskTransfer", args(shifted, transfer.proof().toBase64()));
            assertNull(m.window(1).packedTotals());
        }

        @Test
        void rejectsATamperedProof() {
            String proof = transfer.proof().toBase64();
            for (int i = 0; i < 40; i++) {
                m.rejects(ErrorCode.INVALID_PROOF, r2(), "postMaskTransfer",
                        args(transfer.reencrypted(), flipped(proof, i * 37 + 5)));
            }
            m.rejects(ErrorCode.INVALID_PROOF, r2(), "postMaskTransfer", args(transfer.reencrypted(), ""));
            assertNull(m.window(1).packedTotals());
        }

        @Test
        void rejectsAProofBoundToAnotherWindowOrProver() {
            PaillierPublicKey r2Key = m.home(s.initiator()).publicKey();
            Ciphertext masks = r2Key.ciphertextFromBase64(m.window(1).aggregation().aggregates().totalsForInitiator());
            for (var ctx : List.of(ProofContexts.maskTransfer(CHANNEL, 2, s.initiator()),
                    ProofContexts.maskTransfer(CHANNEL, 1, s.responder()),
                    ProofContexts.maskTransfer("other-channel", 1, s.initiator()))) {
                MaskTransfer other = MarketProofs.transferMasks(
                        m.home(s.initiator()).keys.privateKey(), masks, m.home(s.responder()).publicKey(),
                        MarketHarness.parameters(), ctx, MarketHarness.RANDOM);
                m.rejects(ErrorCode.INVALID_PROOF, r2(), "postMaskTransfer",
                        args(other.reencrypted(), other.proof().toBase64()));
            }
        }

        @Test
        void rejectsACiphertextThatIsNotUnderR1sKey() {
            m.rejects(ErrorCode.INVALID_CIPHERTEXT, r2(), "postMaskTransfer", "1",
                    Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}), transfer.proof().toBase64());
            byte[] ones = new byte[m.home(s.responder()).publicKey().ciphertextBytes()];
            java.util.Arrays.fill(ones, (byte) 0xFF);
            m.rejects(ErrorCode.INVALID_CIPHERTEXT, r2(), "postMaskTransfer", "1",
                    Base64.getEncoder().encodeToString(ones), transfer.proof().toBase64());
        }

        @Test
        void rejectsATransferAtTheDeadline() {
            m.clock.advance(PHASE_SECONDS);
            m.rejects(ErrorCode.DEADLINE_PASSED, r2(), "postMaskTransfer",
                    args(transfer.reencrypted(), transfer.proof().toBase64()));
        }
    }

    @Nested
    class PostOutcome {
        @BeforeEach
        void setUp() {
            m.throughContributions(1, inputs);
            s = m.selection(1);
        }

        @Test
        void recordsTheOutcomeTheReferenceMarketComputes() {
            m.runEvaluation(1);
            WindowRecord w = m.window(1);
            WindowOutcome expected = new ReferenceMarket(MarketHarness.config().parameters()).clear(1,
                    inputs.values());
            assertEquals(WindowPhase.CLEARED, w.phase());
            assertEquals(Clearing.GENERAL, w.outcome().clearing());
            assertEquals(expected.clearing(), w.outcome().clearing());
            assertEquals(expected.price().getAsLong(), w.outcome().price());
            assertEquals(expected.fillRatio(), w.outcome().fillRatio());
            assertEquals(s.responder(), m.view(1).outcomeProof().homeId());
        }

        @Test
        void rejectsAnOutcomeBeforeTheMaskTransfer() {
            m.rejects(ErrorCode.OUT_OF_ORDER, r1(), "postOutcome", "1", "AAAA");
        }

        @Test
        void rejectsEveryoneButR1() {
            m.postMaskTransfer(1);
            String bundle = m.outcomeProof(1).toBase64();
            m.rejects(ErrorCode.NOT_SELECTED, r2(), "postOutcome", "1", bundle);
            m.rejects(ErrorCode.UNAUTHORIZED_ORG, m.operator, "postOutcome", "1", bundle);
            assertEquals(WindowPhase.EVALUATION, m.window(1).phase());
        }

        @Test
        void rejectsATamperedBundle() {
            m.postMaskTransfer(1);
            String bundle = m.outcomeProof(1).toBase64();
            int bytes = Base64.getDecoder().decode(bundle).length;
            for (int i = 0; i < 40; i++) {
                m.rejects(ErrorCode.INVALID_PROOF, r1(), "postOutcome", "1", flipped(bundle, i * (bytes / 40) + 3));
            }
            assertEquals(WindowPhase.EVALUATION, m.window(1).phase());
            m.submit(r1(), "postOutcome", "1", bundle);
            assertEquals(WindowPhase.CLEARED, m.window(1).phase());
        }

        @Test
        void rejectsABundleOfAnotherWindowOrProver() {
            m.postMaskTransfer(1);
            WindowRecord w = m.window(1);
            var r1 = m.home(s.responder());
            for (var ctx : List.of(ProofContexts.outcome(CHANNEL, 2, s.responder()),
                    ProofContexts.outcome(CHANNEL, 1, s.initiator()))) {
                String bundle = MarketProofs.proveOutcome(r1.keys.privateKey(),
                        r1.publicKey().ciphertextFromBase64(w.packedTotals()), w.config(),
                        w.aggregation().sellers().size(), w.aggregation().buyers().size(),
                        MarketHarness.parameters(), ctx, MarketHarness.RANDOM).toBase64();
                m.rejects(ErrorCode.INVALID_PROOF, r1(), "postOutcome", "1", bundle);
            }
        }

        @Test
        void rejectsAnOutcomeAtTheDeadlineAndASecondOne() {
            m.postMaskTransfer(1);
            String bundle = m.outcomeProof(1).toBase64();
            m.submit(r1(), "postOutcome", "1", bundle);
            m.rejects(ErrorCode.WRONG_PHASE, r1(), "postOutcome", "1", bundle);
            MarketHarness late = new MarketHarness();
            late.throughContributions(1, inputs);
            late.postMaskTransfer(1);
            String lateBundle = late.outcomeProof(1).toBase64();
            late.clock.advance(2 * PHASE_SECONDS);
            late.rejects(ErrorCode.DEADLINE_PASSED, late.home(late.selection(1).responder()).creator, "postOutcome",
                    "1", lateBundle);
        }
    }

    @Nested
    class Deadlines {
        @BeforeEach
        void setUp() {
            m.throughContributions(1, inputs);
            s = m.selection(1);
        }

        private HomeRecord home(String id) {
            return CanonicalJson.fromJson(m.query("getHome", id), HomeRecord.class);
        }

        @Test
        void aSilentR2IsSuspendedAndR1IsNot() {
            m.rejects(ErrorCode.DEADLINE_NOT_REACHED, m.operator, "expireWindow", "1");
            m.clock.advance(PHASE_SECONDS);
            m.submit(m.operator, "expireWindow", "1");
            WindowRecord w = m.window(1);
            assertEquals(WindowPhase.GRID_ONLY, w.phase());
            assertEquals(GridOnlyReason.MASK_TRANSFER_NOT_POSTED, w.outcome().reason());
            assertEquals(List.of(s.initiator()), w.outcome().silentHomes());
            assertNotNull(home(s.initiator()).suspension());
            assertNull(home(s.responder()).suspension());
        }

        @Test
        void junkFromR2NeverBlamesR1() {
            MaskTransfer t = m.maskTransfer(1);
            m.rejects(ErrorCode.INVALID_PROOF, r2(), "postMaskTransfer", "1", t.reencrypted().toBase64(),
                    flipped(t.proof().toBase64(), 100));
            m.clock.advance(PHASE_SECONDS);
            m.submit(m.operator, "expireWindow", "1");
            assertEquals(List.of(s.initiator()), m.window(1).outcome().silentHomes());
            assertNull(home(s.responder()).suspension());
        }

        @Test
        void aSilentR1AfterTheTransferIsSuspendedAndR2IsNot() {
            m.postMaskTransfer(1);
            m.clock.advance(PHASE_SECONDS);
            m.rejects(ErrorCode.DEADLINE_NOT_REACHED, m.operator, "expireWindow", "1");
            m.clock.advance(PHASE_SECONDS);
            m.submit(m.operator, "expireWindow", "1");
            WindowRecord w = m.window(1);
            assertEquals(GridOnlyReason.OUTCOME_NOT_POSTED, w.outcome().reason());
            assertEquals(List.of(s.responder()), w.outcome().silentHomes());
            assertNotNull(home(s.responder()).suspension());
            assertNull(home(s.initiator()).suspension());
        }
    }
}
