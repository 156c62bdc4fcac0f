package io.neighbourgrid.sim.negotiation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.crypto.paillier.PaillierKeyPair;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.crypto.proof.DecryptionClaim;
import io.neighbourgrid.crypto.proof.DecryptionProof;
import io.neighbourgrid.crypto.proof.DecryptionProver;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.ledger.Ledger;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.negotiation.MarketOperator;
import io.neighbourgrid.negotiation.NegotiatedTrade;
import io.neighbourgrid.negotiation.NegotiationCase;
import io.neighbourgrid.negotiation.NegotiationSettings;
import io.neighbourgrid.negotiation.NegotiationView;
import io.neighbourgrid.negotiation.PriceEncoding;
import io.neighbourgrid.negotiation.TradingAgent;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.args.DecryptionArgs;
import io.neighbourgrid.protocol.negotiation.ConsumerShareArgs;
import io.neighbourgrid.protocol.negotiation.NegotiationContexts;
import io.neighbourgrid.protocol.negotiation.NegotiationTransaction;
import io.neighbourgrid.protocol.negotiation.PairIteration;
import io.neighbourgrid.protocol.negotiation.PairPhase;
import io.neighbourgrid.protocol.negotiation.ProducerShareArgs;
import io.neighbourgrid.protocol.negotiation.TradeRecord;
import io.neighbourgrid.protocol.negotiation.TradeRecording;
import io.neighbourgrid.sim.EmbeddedLedgerProvider;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The private variant through the negotiation contract on the embedded ledger, with 512-bit test keys. */
class PrivateNegotiationTest {
    private static final int KEY_BITS = 512;
    private static final NegotiationSettings SETTINGS = NegotiationSettings.defaults();

    private static PairIteration pair(Ledger l, String producer, String consumer, long k) throws LedgerException {
        byte[] r = l.evaluate(NegotiationTransaction.GET_PAIR_ITERATION.qualifiedName(), producer, consumer,
                Long.toString(k));
        return CanonicalJson.fromJson(new String(r, StandardCharsets.UTF_8), PairIteration.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"uncongested", "congested"})
    void convergesToTheSolversOptimumWithEveryDecryptionProven(String name) throws Exception {
        NegotiationCase c = name.equals("congested") ? NegotiationCase.congested() : NegotiationCase.uncongested();
        try (EmbeddedLedgerProvider ledgers = new EmbeddedLedgerProvider(null, Clock.systemUTC());
             Ledger auditor = ledgers.connectOperator()) {
            ScenarioRun run = new NegotiationScenario(c, SETTINGS).privately(ledgers, KEY_BITS, new SecureRandom());
            assertTrue(run.result().converged());
            Deviations d = Deviations.of(run.result(), CentralisedWelfare.solve(c));
            assertTrue(d.maxTradeKw() <= 1e-3 && d.maxPrice() <= 1e-3, d.toString());
            for (NegotiatedTrade t : run.result().trades()) {
                assertEquals(0, t.producerKw() + t.consumerKw(), SETTINGS.tolerance(), t.pair().name());
            }
            double[] flows = run.result().flows();
            for (int l = 0; l < flows.length; l++) {
                assertTrue(Math.abs(flows[l]) <= c.limit(l) + SETTINGS.tolerance(), "line " + l);
            }
            // The ledger's record of the trades is the negotiation's, each price tied to a proven decryption.
            TradeRecording recorded = CanonicalJson.fromJson(new String(auditor.evaluate(
                    NegotiationTransaction.GET_TRADES.qualifiedName()), StandardCharsets.UTF_8), TradeRecording.class);
            assertEquals(c.pairs().size(), recorded.trades().size());
            for (TradeRecord t : recorded.trades()) {
                NegotiatedTrade n = run.result().trade(t.producer(), t.consumer());
                assertEquals(n.encodedPrice(), t.price());
                assertEquals(PriceEncoding.power(n.quantityKw()), t.quantity());
                assertTrue(t.proven());
            }
            // An auditor re-verifies every decryption of every pair and iteration from the ledger alone; the
            // plaintext it sees is the price plus the consumer's mask, never the price.
            NegotiationView view = NegotiationView.read(auditor);
            int verified = 0;
            for (var p : c.pairs()) {
                PaillierPublicKey key = PaillierPublicKey.fromBase64(view.trader(p.producer()).paillierKey());
                for (long k = 0; k < run.result().iterations(); k++) {
                    PairIteration it = pair(auditor, p.producer(), p.consumer(), k);
                    assertEquals(PairPhase.DECRYPTED, it.phase());
                    DecryptionProof.fromBase64(key, it.proof()).verify(key.ciphertextFromBase64(it.combined()),
                            new BigInteger(it.maskedPrice()), NegotiationContexts.pairPrice(ledgers.channel(), 0,
                                    p.producer(), p.consumer(), k));
                    assertTrue(new BigInteger(it.maskedPrice()).bitLength() > 64, "the masked price hides the price");
                    verified++;
                }
            }
            assertEquals(run.decryptions(), verified);
        }
    }

    @Test
    void thePlainVariantRecordsItsTradesWithoutProofs() throws Exception {
        NegotiationCase c = NegotiationCase.congested();
        try (EmbeddedLedgerProvider ledgers = new EmbeddedLedgerProvider(null, Clock.systemUTC())) {
            ScenarioRun run = new NegotiationScenario(c, SETTINGS).plain(ledgers);
            assertTrue(run.result().converged());
            assertEquals(c.pairs().size(), run.recording().trades().size());
            assertTrue(run.recording().trades().stream().noneMatch(TradeRecord::proven));
        }
    }

    /** One pair, S1/B1, taken by hand through the contract's steps to tamper with each. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Steps {
        private final SecureRandom random = new SecureRandom();
        private final NegotiationCase c = new NegotiationCase("pair", List.of(
                NegotiationCase.uncongested().trader("S1"), NegotiationCase.uncongested().trader("B1")),
                NegotiationCase.uncongested().network(), NegotiationCase.uncongested().limits());
        private EmbeddedLedgerProvider ledgers;
        private Ledger operator;
        private Ledger s1Ledger;
        private Ledger b1Ledger;
        private PaillierKeyPair s1Keys;
        private TradingAgent s1;
        private TradingAgent b1;

        private void setUp() throws Exception {
            ledgers = new EmbeddedLedgerProvider(null, Clock.systemUTC());
            operator = ledgers.connectOperator();
            new MarketOperator(operator).configure(c, KEY_BITS);
            s1Ledger = ledgers.connectHome(0, "S1");
            b1Ledger = ledgers.connectHome(1, "B1");
            s1Keys = PaillierKeyPair.generate(KEY_BITS, random);
            s1 = new TradingAgent(c.trader("S1"), s1Ledger, ledgers.channel(), s1Keys, 0.04, 0.09, random);
            b1 = new TradingAgent(c.trader("B1"), b1Ledger, ledgers.channel(), null, 0.04, 0.09, random);
            s1.register();
            b1.register();
            long price = PriceEncoding.price(1.2);
            s1.postProducerShare("B1", 0, price, PriceEncoding.power(2));
            b1.postConsumerShare("S1", 0, price, PriceEncoding.power(-1.5));
        }

        private void tearDown() {
            s1Ledger.close();
            b1Ledger.close();
            operator.close();
            ledgers.close();
        }

        private DecryptionClaim honestClaim() throws LedgerException {
            PairIteration p = pair(s1Ledger, "S1", "B1", 0);
            Ciphertext combined = s1Keys.publicKey().ciphertextFromBase64(p.combined());
            return new DecryptionProver(s1Keys.privateKey()).decryptAndProve(combined,
                    NegotiationContexts.pairPrice(ledgers.channel(), 0, "S1", "B1", 0), random);
        }

        private ErrorCode rejected(Ledger l, String function, String... args) {
            LedgerException e = assertThrows(LedgerException.class, () -> l.submit(function, args));
            return e.contractError().orElseThrow();
        }

        @Test
        void aTamperedDecryptionIsRejectedAndChangesNothing() throws Exception {
            setUp();
            try {
                DecryptionClaim claim = honestClaim();
                String fn = NegotiationTransaction.POST_PAIR_PRICE.qualifiedName();
                String wrongPlaintext = new DecryptionArgs(claim.plaintext().add(BigInteger.ONE),
                        claim.proof().toBase64()).toJson();
                assertEquals(ErrorCode.INVALID_PROOF, rejected(s1Ledger, fn, "B1", "0", wrongPlaintext));
                byte[] proof = claim.proof().toBytes();
                for (int i = 0; i < proof.length; i += Math.max(1, proof.length / 16)) {
                    byte[] mutated = proof.clone();
                    mutated[i] ^= 0x01;
                    String args = new DecryptionArgs(claim.plaintext(),
                            Base64.getEncoder().encodeToString(mutated)).toJson();
                    assertEquals(ErrorCode.INVALID_PROOF, rejected(s1Ledger, fn, "B1", "0", args), "byte " + i);
                }
                // A proof made for another iteration does not carry over.
                DecryptionClaim other = new DecryptionProver(s1Keys.privateKey()).decryptAndProve(
                        s1Keys.publicKey().ciphertextFromBase64(pair(s1Ledger, "S1", "B1", 0).combined()),
                        NegotiationContexts.pairPrice(ledgers.channel(), 0, "S1", "B1", 1), random);
                assertEquals(ErrorCode.INVALID_PROOF, rejected(s1Ledger, fn, "B1", "0",
                        new DecryptionArgs(other.plaintext(), other.proof().toBase64()).toJson()));
                assertEquals(PairPhase.COMBINED, pair(s1Ledger, "S1", "B1", 0).phase());
                // The consumer cannot post the producer's decryption.
                assertEquals(ErrorCode.NOT_A_PARTY, rejected(b1Ledger, fn, "B1", "0",
                        new DecryptionArgs(claim.plaintext(), claim.proof().toBase64()).toJson()));
                s1Ledger.submit(fn, "B1", "0", new DecryptionArgs(claim.plaintext(), claim.proof().toBase64())
                        .toJson());
                assertEquals(PairPhase.DECRYPTED, pair(s1Ledger, "S1", "B1", 0).phase());
            } finally {
                tearDown();
            }
        }

        @Test
        void aProducerKeyNeedsItsOwnKeyProof() throws Exception {
            setUp();
            try {
                // A second round, so S1 registers afresh; its proof is made for another trader's context.
                String record = NegotiationTransaction.RECORD_TRADES.qualifiedName();
                DecryptionClaim claim = honestClaim();
                s1Ledger.submit(NegotiationTransaction.POST_PAIR_PRICE.qualifiedName(), "B1", "0",
                        new DecryptionArgs(claim.plaintext(), claim.proof().toBase64()).toJson());
                var opening = b1.opening("S1", 0);
                operator.submit(record, new TradeRecording(1, List.of(new TradeRecord("S1", "B1", 1,
                        b1.priceFromLedger("S1", 0), 0, opening.mask().toString(), opening.salt())), null, null)
                        .toJson());
                new MarketOperator(operator).configure(c, KEY_BITS);
                String register = NegotiationTransaction.REGISTER_TRADER.qualifiedName();
                String key = s1Keys.publicKey().toBase64();
                String forOther = io.neighbourgrid.crypto.proof.KeyCorrectnessProof.prove(s1Keys.privateKey(),
                        NegotiationContexts.registration(ledgers.channel(), 1, "B1"), random).toBase64();
                assertEquals(ErrorCode.INVALID_KEY_PROOF, rejected(s1Ledger, register, "S1", key, forOther));
                String forRoundZero = io.neighbourgrid.crypto.proof.KeyCorrectnessProof.prove(s1Keys.privateKey(),
                        NegotiationContexts.registration(ledgers.channel(), 0, "S1"), random).toBase64();
                assertEquals(ErrorCode.INVALID_KEY_PROOF, rejected(s1Ledger, register, "S1", key, forRoundZero));
                assertEquals(ErrorCode.INVALID_KEY_PROOF, rejected(s1Ledger, register, "S1", key, ""));
                assertEquals(ErrorCode.INVALID_ARGUMENT, rejected(b1Ledger, register, "B1", "", forOther));
                s1.register();
            } finally {
                tearDown();
            }
        }

        @Test
        void stepsOutOfOrderOrByTheWrongPartyAreRejected() throws Exception {
            setUp();
            try {
                String producerShare = NegotiationTransaction.POST_PRODUCER_SHARE.qualifiedName();
                String consumerShare = NegotiationTransaction.POST_CONSUMER_SHARE.qualifiedName();
                PairIteration p = pair(s1Ledger, "S1", "B1", 0);
                String copy = new ProducerShareArgs(p.step(), p.consumerShare()).toJson();
                assertEquals(ErrorCode.OUT_OF_ORDER, rejected(s1Ledger, producerShare, "B1", "1", copy));
                assertEquals(ErrorCode.DUPLICATE_SUBMISSION, rejected(s1Ledger, producerShare, "B1", "0", copy));
                assertEquals(ErrorCode.WRONG_PHASE, rejected(b1Ledger, consumerShare, "S1", "0",
                        new ConsumerShareArgs(p.consumerShare(), p.maskCommitment()).toJson()));
                assertEquals(ErrorCode.UNAUTHORIZED_ORG, rejected(operator, producerShare, "B1", "0", copy));
                assertEquals(ErrorCode.MALFORMED_JSON, rejected(s1Ledger, producerShare, "B1", "0", "{\"share\":1}"));
                assertEquals(ErrorCode.INVALID_ARGUMENT, rejected(s1Ledger, producerShare, "B1", "-1", copy));
                assertEquals(ErrorCode.UNKNOWN_TRADER, rejected(s1Ledger, producerShare, "Z9", "0", copy));
                assertEquals(ErrorCode.UNAUTHORIZED_ORG, rejected(s1Ledger,
                        NegotiationTransaction.RECORD_TRADES.qualifiedName(), "{\"iterations\":1,\"trades\":[]}"));
            } finally {
                tearDown();
            }
        }

        @Test
        void aRecordedPriceMustOpenTheConsumersMask() throws Exception {
            setUp();
            try {
                DecryptionClaim claim = honestClaim();
                s1Ledger.submit(NegotiationTransaction.POST_PAIR_PRICE.qualifiedName(), "B1", "0",
                        new DecryptionArgs(claim.plaintext(), claim.proof().toBase64()).toJson());
                long price = b1.priceFromLedger("S1", 0);
                var opening = b1.opening("S1", 0);
                assertNotEquals(BigInteger.valueOf(price), claim.plaintext());
                TradeRecord wrongMask = new TradeRecord("S1", "B1", 1, price, 0,
                        opening.mask().add(BigInteger.ONE).toString(), opening.salt());
                String record = NegotiationTransaction.RECORD_TRADES.qualifiedName();
                assertEquals(ErrorCode.INVALID_MASK_OPENING, rejected(operator, record,
                        new TradeRecording(1, List.of(wrongMask), null, null).toJson()));
                TradeRecord wrongPrice = new TradeRecord("S1", "B1", 1, price + 1, 0, opening.mask().toString(),
                        opening.salt());
                assertEquals(ErrorCode.INVALID_MASK_OPENING, rejected(operator, record,
                        new TradeRecording(1, List.of(wrongPrice), null, null).toJson()));
                TradeRecord unproven = new TradeRecord("S1", "B1", 1, price, 0, null, null);
                assertEquals(ErrorCode.INVALID_MASK_OPENING, rejected(operator, record,
                        new TradeRecording(1, List.of(unproven), null, null).toJson()));
                TradeRecord right = new TradeRecord("S1", "B1", 1, price, 0, opening.mask().toString(),
                        opening.salt());
                String configure = NegotiationTransaction.CONFIGURE.qualifiedName();
                String config = new io.neighbourgrid.protocol.negotiation.NegotiationConfig(
                        NegotiationView.read(operator).config().traders(), NegotiationView.read(operator).config().lines(),
                        KEY_BITS, 0).toJson();
                assertEquals(ErrorCode.CONFIGURATION_LOCKED, rejected(operator, configure, config));
                operator.submit(record, new TradeRecording(1, List.of(right), null, null).toJson());
                // The round is closed: the next negotiation is a new round, with keys of its own.
                operator.submit(configure, config);
                assertEquals(1, NegotiationView.read(operator).config().round());
                assertEquals(ErrorCode.NOT_REGISTERED, rejected(s1Ledger,
                        NegotiationTransaction.POST_PAIR_PRICE.qualifiedName(), "B1", "0", "{}"));
                s1.register();
                b1.register();
                assertEquals(ErrorCode.WRONG_PHASE, rejected(s1Ledger,
                        NegotiationTransaction.POST_PAIR_PRICE.qualifiedName(), "B1", "0",
                        new DecryptionArgs(claim.plaintext(), claim.proof().toBase64()).toJson()));
            } finally {
                tearDown();
            }
        }
    }
}
