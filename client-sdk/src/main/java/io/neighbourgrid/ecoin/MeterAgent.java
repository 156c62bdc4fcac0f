package io.neighbourgrid.ecoin;

import io.neighbourgrid.crypto.blind.BlindRsaPublicKey;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.protocol.ecoin.Coin;
import io.neighbourgrid.protocol.ecoin.EcoinTransaction;
import io.neighbourgrid.protocol.ecoin.FreshCoinArgs;
import io.neighbourgrid.protocol.ecoin.OpenMarket;
import io.neighbourgrid.protocol.ecoin.Pairing;
import io.neighbourgrid.protocol.ecoin.PairingPhase;
import io.neighbourgrid.protocol.ecoin.Party;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A smart meter of the microgrid: its wallet, loaded and emptied under its own identity, and its unidentified
 * trading under the microgrid's shared identity: offers of surplus pieces, requests for missing ones, paying for
 * its paired requests and collecting payment (coin check, fresh coin, receipt) for its paired offers.
 */
public final class MeterAgent {
    private final String meterId;
    private final EcoinClient own;
    private final EcoinClient shared;
    private final BlindRsaPublicKey key;
    private final SecureRandom random;
    private final Wallet wallet;
    private final Map<String, OfferKeys> offers = new TreeMap<>();
    private final Set<String> requests = new TreeSet<>();
    private final Map<String, Receiving> receiving = new TreeMap<>();
    private final MeterTrail trail = new MeterTrail();

    /** A payment being collected: the receipt to publish and the fresh coin being withdrawn. */
    private record Receiving(OfferKeys offer, byte[] receipt, CoinMinting.Pending fresh) {
    }

    /**
     * @param meterId the meter's id
     * @param own     a connection signing with the meter's own identity
     * @param shared  a connection signing with the microgrid's shared identity
     * @param key     the substation's blind-signature key
     * @param random  the meter's randomness
     */
    public MeterAgent(String meterId, EcoinClient own, EcoinClient shared, BlindRsaPublicKey key,
                      SecureRandom random) {
        this.meterId = Objects.requireNonNull(meterId, "meterId");
        this.own = own;
        this.shared = shared;
        this.key = key;
        this.random = random;
        this.wallet = new Wallet(own, key, random);
    }

    /** The meter's id. */
    public String meterId() {
        return meterId;
    }

    /** The meter's wallet. */
    public Wallet wallet() {
        return wallet;
    }

    /** What the meter's unidentified messages contained, and its trade. */
    public MeterTrail trail() {
        return trail;
    }

    /** Binds the meter's own identity to its id (Section 5.2 step 3). */
    public void register() throws LedgerException {
        own.submit(EcoinTransaction.REGISTER_METER, meterId);
    }

    /** Posts {@code n} offers, each a piece with fresh one-time keys (Procedure 4). */
    public void offer(int n) throws LedgerException {
        for (int i = 0; i < n; i++) {
            OfferKeys o = OfferKeys.fresh(random);
            shared.submit(EcoinTransaction.POST_OFFER, o.args());
            offers.put(o.offerId(), o);
            trail.unidentified(o.offerId());
            trail.unidentified(o.args().paymentKey());
            trail.unidentified(o.args().claimKey());
        }
    }

    /** Posts {@code n} requests (Procedure 5). */
    public void request(int n) throws LedgerException {
        for (int i = 0; i < n; i++) {
            String id = Ids.random(random);
            shared.submit(EcoinTransaction.POST_REQUEST, id);
            requests.add(id);
            trail.unidentified(id);
        }
    }

    /** Forgets offers that were never paired (they expire on the ledger). */
    public void dropUnpaired(OpenMarket view) {
        Set<String> paired = new TreeSet<>();
        view.pairings().forEach(p -> paired.add(p.offerId()));
        offers.keySet().removeIf(id -> !paired.contains(id) && !receiving.containsKey(id));
    }

    /** The number of this meter's requests not yet paid. */
    public int openRequests() {
        return requests.size();
    }

    /**
     * Takes every step the open pairings ask of this meter.
     *
     * @param view the ledger's open market
     * @return the number of transactions submitted
     */
    public int act(OpenMarket view) throws LedgerException {
        int steps = 0;
        for (Pairing p : view.pairings()) {
            if (p.phase() == PairingPhase.PAIRED && requests.remove(p.requestId())) {
                pay(p);
                steps++;
            } else if (p.phase() == PairingPhase.PAID && offers.containsKey(p.offerId())
                    && !receiving.containsKey(p.offerId())) {
                collect(p);
                steps += 2;
            } else if (p.phase() == PairingPhase.FRESH_ISSUED && receiving.containsKey(p.offerId())) {
                close(p);
                steps++;
            }
        }
        return steps;
    }

    private void pay(Pairing p) throws LedgerException {
        Coin coin = wallet.take();
        if (coin == null) {
            throw new IllegalStateException("meter " + meterId + " has no coin left to pay request " + p.requestId());
        }
        byte[] receipt = Ids.receipt(random);
        shared.submit(EcoinTransaction.PAY, p.requestId(), OneTimeKeys.seal(p.paymentKey(), p.requestId(), coin,
                receipt));
        trail.unidentified(coin.hash());
        trail.bought(p.offerSource() == Party.GRID);
    }

    /** Procedure 6(d)-(e): check the coin with a fresh ephemeral key, then ask for the fresh coin under it. */
    private void collect(Pairing p) throws LedgerException {
        OfferKeys offer = offers.get(p.offerId());
        OneTimeKeys.PaymentPlaintext paid = offer.open(p, key);
        KeyPair ephemeral = OneTimeKeys.signingKeyPair(random);
        String ephemeralKey = OneTimeKeys.publicKey(ephemeral);
        offer.check(shared, p, paid.coin(), ephemeralKey);
        CoinMinting.Pending fresh = CoinMinting.start(key, random);
        String blinded = fresh.blindedMessage();
        shared.submit(EcoinTransaction.REQUEST_FRESH_COIN, p.requestId(), new FreshCoinArgs(blinded,
                OneTimeKeys.sign(ephemeral, io.neighbourgrid.protocol.ecoin.EcoinMessages.fresh(p.requestId(),
                        blinded))));
        receiving.put(p.offerId(), new Receiving(offer, Base64.getDecoder().decode(paid.receipt()), fresh));
        trail.unidentified(paid.coin().hash());
        trail.unidentified(ephemeralKey);
        trail.unidentified(blinded);
    }

    /** Procedure 6(f): unblind the fresh coin, then publish the receipt. */
    private void close(Pairing p) throws LedgerException {
        Receiving r = receiving.remove(p.offerId());
        wallet.add(CoinMinting.finish(key, r.fresh(), p.freshBlindSignature()));
        shared.submit(EcoinTransaction.CLOSE_PAIRING, p.requestId(), Base64.getEncoder().encodeToString(r.receipt()));
        offers.remove(p.offerId());
        trail.sold(p.requestSource() == Party.GRID);
    }

    /** Deposits every coin left (Section 5.4.4 step 1) and returns how many. */
    public int depositAll(long maxBatch) throws LedgerException {
        return wallet.depositAll(maxBatch, trail::deposited);
    }
}
