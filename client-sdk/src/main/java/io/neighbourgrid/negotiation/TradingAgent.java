package io.neighbourgrid.negotiation;

import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.crypto.paillier.PaillierKeyPair;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.crypto.proof.DecryptionClaim;
import io.neighbourgrid.crypto.proof.DecryptionProver;
import io.neighbourgrid.crypto.proof.KeyCorrectnessProof;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.ledger.Ledger;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.protocol.args.DecryptionArgs;
import io.neighbourgrid.protocol.negotiation.ConsumerShareArgs;
import io.neighbourgrid.protocol.negotiation.MaskCommitment;
import io.neighbourgrid.protocol.negotiation.NegotiationContexts;
import io.neighbourgrid.protocol.negotiation.NegotiationTransaction;
import io.neighbourgrid.protocol.negotiation.PairIteration;
import io.neighbourgrid.protocol.negotiation.ProducerShareArgs;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A trader's side of the private pair-price update (seed 002, Section 4.3) on the ledger. A producer holds the
 * Paillier key of all its pairs: it draws a secret dual step {@code alpha_n^k} for each pair and iteration, posts
 * {@code Enc_n(alpha_n^k)} and its share, and decrypts and proves the masked price. A consumer scales the
 * producer's encrypted step by its own trade on the ciphertext, adds its share and a fresh 128-bit mask, commits to
 * the mask, and opens it to the producer only. Neither side ever sends its trade, and the ledger sees only
 * ciphertexts and the masked price.
 *
 * <p>Call order per pair and iteration: producer {@link #postProducerShare}, consumer {@link #postConsumerShare},
 * producer {@link #provePrice}, then consumer {@link #priceFromLedger} and producer {@link #priceFromOpening}.
 */
public final class TradingAgent {
    private final Trader trader;
    private final Ledger ledger;
    private final String channel;
    private final PaillierKeyPair keys;
    private final SecureRandom random;
    private final long minStep;
    private final long maxStep;
    private final Map<String, PaillierPublicKey> producerKeys = new ConcurrentHashMap<>();
    private final Map<String, Long> steps = new ConcurrentHashMap<>();
    private final Map<String, MaskOpening> masks = new ConcurrentHashMap<>();
    private long round = -1;

    /**
     * A trader on the ledger.
     *
     * @param trader  its private data
     * @param ledger  its connection
     * @param channel the channel name (bound into proofs and commitments)
     * @param keys    its Paillier key pair (a producer), or {@code null} (a consumer)
     * @param minStep the smallest secret dual step a producer draws (USD/kW^2)
     * @param maxStep the largest (USD/kW^2)
     * @param random  randomness for steps, masks, encryption and proofs
     */
    public TradingAgent(Trader trader, Ledger ledger, String channel, PaillierKeyPair keys, double minStep,
                        double maxStep, SecureRandom random) {
        this.trader = Objects.requireNonNull(trader, "trader");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.channel = Objects.requireNonNull(channel, "channel");
        if (trader.isProducer() != (keys != null)) {
            throw new IllegalArgumentException(trader.id() + ": producers hold a key pair, consumers none");
        }
        this.keys = keys;
        this.minStep = PriceEncoding.step(minStep);
        this.maxStep = PriceEncoding.step(maxStep);
        if (this.maxStep < this.minStep) {
            throw new IllegalArgumentException("maxStep < minStep");
        }
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The trader's id. */
    public String id() {
        return trader.id();
    }

    /**
     * Binds the trader's identity on the ledger for the current round; a producer registers its public key with a
     * key-correctness proof.
     */
    public void register() throws LedgerException {
        round = NegotiationView.read(ledger).config().round();
        String proof = keys == null ? "" : KeyCorrectnessProof.prove(keys.privateKey(),
                NegotiationContexts.registration(channel, round, trader.id()), random).toBase64();
        ledger.submit(NegotiationTransaction.REGISTER_TRADER.qualifiedName(), trader.id(),
                keys == null ? "" : keys.publicKey().toBase64(), proof);
    }

    /**
     * Producer, step 2: draws the secret step and posts {@code Enc_n(alpha)} and
     * {@code Enc_n(lambda - floor(lambda/2) - alpha P_nm)}.
     *
     * @param consumer the partner
     * @param k        the iteration
     * @param price    {@code lambda^k}, encoded
     * @param power    {@code P_nm^k+1}, encoded
     */
    public void postProducerShare(String consumer, long k, long price, long power) throws LedgerException {
        requireProducer();
        long step = minStep + (maxStep == minStep ? 0 : random.nextLong(maxStep - minStep + 1));
        steps.put(consumer + "/" + k, step);
        PaillierPublicKey pk = keys.publicKey();
        Ciphertext stepCt = pk.encrypt(BigInteger.valueOf(step), random);
        Ciphertext share = pk.encrypt(BigInteger.valueOf(PriceEncoding.producerShare(price, step, power)), random);
        ledger.submit(NegotiationTransaction.POST_PRODUCER_SHARE.qualifiedName(), consumer, Long.toString(k),
                new ProducerShareArgs(stepCt.toBase64(), share.toBase64()).toJson());
    }

    /**
     * Consumer, step 3: {@code Enc_n(floor(lambda/2) + r) * Enc_n(alpha)^(-P_mn)}, posted with the commitment to
     * {@code r}.
     *
     * @param producer the partner
     * @param k        the iteration
     * @param price    {@code lambda^k}, encoded
     * @param power    {@code P_mn^k+1}, encoded
     * @return the mask's opening, for the producer only
     */
    public MaskOpening postConsumerShare(String producer, long k, long price, long power) throws LedgerException {
        if (trader.isProducer()) {
            throw new IllegalStateException(trader.id() + " is a producer");
        }
        PaillierPublicKey pk = producerKey(producer);
        PairIteration p = pair(producer, trader.id(), k);
        Ciphertext step = pk.ciphertextFromBase64(p.step());
        BigInteger mask = new BigInteger(MaskCommitment.MASK_BITS, random);
        byte[] saltBytes = new byte[MaskCommitment.SALT_HEX / 2];
        random.nextBytes(saltBytes);
        String salt = HexFormat.of().formatHex(saltBytes);
        Ciphertext base = pk.encrypt(BigInteger.valueOf(Math.floorDiv(price, 2)).add(mask), random);
        Ciphertext share = pk.add(base, pk.multiply(step, BigInteger.valueOf(power).negate()));
        String commitment = MaskCommitment.of(channel, round, producer, trader.id(), k, mask, salt);
        ledger.submit(NegotiationTransaction.POST_CONSUMER_SHARE.qualifiedName(), producer, Long.toString(k),
                new ConsumerShareArgs(share.toBase64(), commitment).toJson());
        MaskOpening opening = new MaskOpening(mask, salt);
        masks.put(producer + "/" + k, opening);
        return opening;
    }

    /** Producer, steps 5-6: decrypts the combined ciphertext and posts the masked price with its proof. */
    public void provePrice(String consumer, long k) throws LedgerException {
        requireProducer();
        PairIteration p = pair(trader.id(), consumer, k);
        Ciphertext combined = keys.publicKey().ciphertextFromBase64(p.combined());
        DecryptionClaim claim = new DecryptionProver(keys.privateKey()).decryptAndProve(combined,
                NegotiationContexts.pairPrice(channel, round, trader.id(), consumer, k), random);
        ledger.submit(NegotiationTransaction.POST_PAIR_PRICE.qualifiedName(), consumer, Long.toString(k),
                new DecryptionArgs(claim.plaintext(), claim.proof().toBase64()).toJson());
    }

    /** Consumer: the proven masked price on the ledger less its own mask, {@code lambda^k+1}. */
    public long priceFromLedger(String producer, long k) throws LedgerException {
        MaskOpening o = masks.get(producer + "/" + k);
        if (o == null) {
            throw new IllegalStateException("no mask for " + producer + " at iteration " + k);
        }
        return unmask(pair(producer, trader.id(), k), o);
    }

    /**
     * Producer: the price from the consumer's opening, after checking it against the commitment on the ledger.
     *
     * @throws IllegalArgumentException if the opening does not match the commitment
     */
    public long priceFromOpening(String consumer, long k, MaskOpening opening) throws LedgerException {
        requireProducer();
        PairIteration p = pair(trader.id(), consumer, k);
        if (!MaskCommitment.of(channel, round, trader.id(), consumer, k, opening.mask(), opening.salt())
                .equals(p.maskCommitment())) {
            throw new IllegalArgumentException("the mask opening of " + consumer + " does not match its commitment");
        }
        return unmask(p, opening);
    }

    /**
     * Producer: the pair's reciprocity mismatch {@code P_nm + P_mn} (kW), which it alone can read from the price
     * change because it alone knows the step: {@code (lambda^k - lambda^k+1) / alpha}.
     */
    public double mismatch(String consumer, long k, long price, long nextPrice) {
        requireProducer();
        Long step = steps.get(consumer + "/" + k);
        if (step == null) {
            throw new IllegalStateException("no step for " + consumer + " at iteration " + k);
        }
        return PriceEncoding.powerValue(Math.floorDiv(Math.subtractExact(price, nextPrice), step));
    }

    /** Consumer: the opening of its mask of an iteration, for the recording of the final trades. */
    public MaskOpening opening(String producer, long k) {
        MaskOpening o = masks.get(producer + "/" + k);
        if (o == null) {
            throw new IllegalStateException("no mask for " + producer + " at iteration " + k);
        }
        return o;
    }

    private static long unmask(PairIteration p, MaskOpening o) {
        if (p.maskedPrice() == null) {
            throw new IllegalStateException("pair " + p.producer() + "/" + p.consumer() + " has no proven price yet");
        }
        return new BigInteger(p.maskedPrice()).subtract(o.mask()).longValueExact();
    }

    private PairIteration pair(String producer, String consumer, long k) throws LedgerException {
        byte[] r = ledger.evaluate(NegotiationTransaction.GET_PAIR_ITERATION.qualifiedName(), producer, consumer,
                Long.toString(k));
        return CanonicalJson.fromJson(new String(r, StandardCharsets.UTF_8), PairIteration.class);
    }

    private PaillierPublicKey producerKey(String producer) throws LedgerException {
        PaillierPublicKey k = producerKeys.get(producer);
        if (k == null) {
            NegotiationView view = NegotiationView.read(ledger);
            k = PaillierPublicKey.fromBase64(view.trader(producer).paillierKey());
            producerKeys.put(producer, k);
        }
        return k;
    }

    private void requireProducer() {
        if (!trader.isProducer()) {
            throw new IllegalStateException(trader.id() + " is a consumer");
        }
    }

    @Override
    public String toString() {
        return "TradingAgent[" + trader.id() + "]";
    }
}
