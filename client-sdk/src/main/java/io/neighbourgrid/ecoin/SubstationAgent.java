package io.neighbourgrid.ecoin;

import io.neighbourgrid.crypto.blind.BlindRsaKeyPair;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.protocol.ecoin.Coin;
import io.neighbourgrid.protocol.ecoin.EcoinSettings;
import io.neighbourgrid.protocol.ecoin.EcoinTransaction;
import io.neighbourgrid.protocol.ecoin.IssueArgs;
import io.neighbourgrid.protocol.ecoin.OpenMarket;
import io.neighbourgrid.protocol.ecoin.Pairing;
import io.neighbourgrid.protocol.ecoin.PairingPhase;
import io.neighbourgrid.protocol.ecoin.PeriodRecord;
import io.neighbourgrid.protocol.ecoin.WithdrawalBatch;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The substation (the DSO, under the operator identity): holds the blind-signature key, signs withdrawals and fresh
 * coins, pairs requests with offers ({@link Matching}), trades with the main grid when the microgrid cannot
 * balance itself (grid offers collect a coin, grid requests pay with the substation's own coins) and closes the
 * billing period.
 */
public final class SubstationAgent {
    /** Coins the substation withdraws for itself at a time, to pay for exported pieces. */
    public static final int GRID_BATCH = 50;

    private final EcoinClient operator;
    private final BlindRsaKeyPair keys;
    private final SecureRandom random;
    private final Wallet wallet;
    private final Map<String, OfferKeys> gridOffers = new TreeMap<>();
    private final Set<String> gridRequests = new TreeSet<>();
    private long maxBatch = GRID_BATCH;

    /**
     * @param operator a connection signing as the operator organisation
     * @param keys     the blind-signature key pair
     * @param random   the substation's randomness
     */
    public SubstationAgent(EcoinClient operator, BlindRsaKeyPair keys, SecureRandom random) {
        this.operator = Objects.requireNonNull(operator, "operator");
        this.keys = keys;
        this.random = random;
        this.wallet = new Wallet(operator, keys.publicKey(), random);
    }

    /** Configures the contract with this key (Section 5.2 steps 1-2). */
    public void configure(EcoinSettings settings) throws LedgerException {
        if (!settings.blindKey().equals(keys.publicKey().encode())) {
            throw new IllegalArgumentException("the settings carry another blind-signature key");
        }
        operator.submit(EcoinTransaction.CONFIGURE, settings);
        maxBatch = settings.maxBatch();
    }

    /** Signs an identified withdrawal batch (wallet loading). */
    public void issue(String batchId) throws LedgerException {
        WithdrawalBatch batch = operator.evaluate(WithdrawalBatch.class, EcoinTransaction.GET_BATCH, batchId);
        List<String> signatures = batch.blindedMessages().stream()
                .map(m -> Base64.getEncoder().encodeToString(keys.blindSign(Base64.getDecoder().decode(m)))).toList();
        operator.submit(EcoinTransaction.ISSUE_WITHDRAWAL, batchId, new IssueArgs(signatures));
    }

    /**
     * Procedure 6(a) and Sections 5.4.2-5.4.3: pairs every open request with the oldest open meter offer, with a
     * grid offer when none is left, and pairs meter offers beyond {@code exportThreshold} with grid requests.
     *
     * @return the pairings made
     */
    public int pair(OpenMarket view, int exportThreshold) throws LedgerException {
        Matching.Plan plan = Matching.plan(view, exportThreshold);
        for (Matching.Match m : plan.local()) {
            operator.submit(EcoinTransaction.PAIR, m.requestId(), m.offerId());
        }
        for (String requestId : plan.needGridOffer()) {
            OfferKeys o = OfferKeys.fresh(random);
            operator.submit(EcoinTransaction.POST_OFFER, o.args());
            gridOffers.put(o.offerId(), o);
            operator.submit(EcoinTransaction.PAIR, requestId, o.offerId());
        }
        for (String offerId : plan.needGridRequest()) {
            String requestId = Ids.random(random);
            operator.submit(EcoinTransaction.POST_REQUEST, requestId);
            gridRequests.add(requestId);
            operator.submit(EcoinTransaction.PAIR, requestId, offerId);
        }
        return plan.local().size() + plan.needGridOffer().size() + plan.needGridRequest().size();
    }

    /**
     * Takes every step the open pairings ask of the substation: fresh coins to sign, grid offers to collect, grid
     * requests to pay.
     *
     * @return the number of transactions submitted
     */
    public int act(OpenMarket view) throws LedgerException {
        int steps = 0;
        for (Pairing p : view.pairings()) {
            if (p.phase() == PairingPhase.FRESH_REQUESTED) {
                String sig = Base64.getEncoder().encodeToString(
                        keys.blindSign(Base64.getDecoder().decode(p.freshBlindedMessage())));
                operator.submit(EcoinTransaction.ISSUE_FRESH_COIN, p.requestId(), sig);
                steps++;
            } else if (p.phase() == PairingPhase.PAID && gridOffers.containsKey(p.offerId())) {
                OfferKeys offer = gridOffers.remove(p.offerId());
                OneTimeKeys.PaymentPlaintext paid = offer.open(p, keys.publicKey());
                offer.check(operator, p, paid.coin(), "");
                operator.submit(EcoinTransaction.CLOSE_PAIRING, p.requestId(), paid.receipt());
                steps += 2;
            } else if (p.phase() == PairingPhase.PAIRED && gridRequests.remove(p.requestId())) {
                operator.submit(EcoinTransaction.PAY, p.requestId(), OneTimeKeys.seal(p.paymentKey(), p.requestId(),
                        ownCoin(), Ids.receipt(random)));
                steps++;
            }
        }
        return steps;
    }

    private Coin ownCoin() throws LedgerException {
        if (wallet.size() == 0) {
            String batch = wallet.requestBatch((int) Math.min(GRID_BATCH, maxBatch));
            issue(batch);
            wallet.collect(batch);
        }
        return wallet.take();
    }

    /** Deposits the substation's unused coins and closes the period, writing every bill. */
    public PeriodRecord closePeriod(long period) throws LedgerException {
        wallet.depositAll(maxBatch);
        return operator.submit(PeriodRecord.class, EcoinTransaction.CLOSE_PERIOD, Long.toString(period));
    }
}
