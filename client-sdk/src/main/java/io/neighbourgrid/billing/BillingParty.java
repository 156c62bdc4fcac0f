package io.neighbourgrid.billing;

import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.crypto.paillier.PaillierKeyPair;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.crypto.proof.DecryptionClaim;
import io.neighbourgrid.crypto.proof.DecryptionProver;
import io.neighbourgrid.crypto.proof.KeyCorrectnessProof;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.market.Role;
import io.neighbourgrid.protocol.billing.BillAggregator;
import io.neighbourgrid.protocol.billing.BillingContexts;
import io.neighbourgrid.protocol.billing.state.Bill;
import io.neighbourgrid.protocol.billing.state.BillingConfig;
import io.neighbourgrid.protocol.billing.state.BillingWindowView;
import io.neighbourgrid.protocol.billing.state.MarketBalance;
import io.neighbourgrid.protocol.billing.state.PartnerBill;
import io.neighbourgrid.protocol.billing.state.PartnerLinesRecord;
import io.neighbourgrid.protocol.billing.state.SettlementRecord;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The billing party: an identity of the operator organisation holding the billing key. It registers the key once,
 * posts each cleared window's market-balance check and each home's bill: the packed aggregate of the home's records
 * computed with the factorisation (modulo {@code p^2} and {@code q^2}, {@link BillAggregator}), one decryption and
 * one proof of correct decryption per home and period ({@link DecryptionProver}, which also works modulo the
 * primes). It learns the bill's lines and the window balances, which it publishes; it could decrypt any single
 * record (it holds the key), which the protocol never asks it to do.
 */
public final class BillingParty {
    private final BillingClient client;
    private final PaillierKeyPair keys;
    private final DecryptionProver prover;
    private final SecureRandom random;

    /**
     * @param client a billing client signing as the billing identity
     * @param keys   the billing key pair
     * @param random proof randomness
     */
    public BillingParty(BillingClient client, PaillierKeyPair keys, SecureRandom random) {
        this.client = Objects.requireNonNull(client, "client");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.prover = new DecryptionProver(keys.privateKey());
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The billing key. */
    public PaillierPublicKey publicKey() {
        return keys.publicKey();
    }

    /**
     * Registers the billing key with its key-correctness proof and the default minimum billing period
     * ({@value BillingConfig#DEFAULT_MINIMUM_PERIOD_WINDOWS} windows), unless this key is registered already.
     *
     * @param reportingSeconds the reporting period after each window's settlement
     * @return the configuration in force
     * @throws LedgerException       if the contract rejects it
     * @throws IllegalStateException if another billing key is registered
     */
    public BillingConfig register(long reportingSeconds) throws LedgerException {
        return register(reportingSeconds, BillingConfig.DEFAULT_MINIMUM_PERIOD_WINDOWS);
    }

    /**
     * Registers the billing key with its key-correctness proof, unless this key is registered already.
     *
     * @param reportingSeconds     the reporting period after each window's settlement
     * @param minimumPeriodWindows the minimum billing period: bills cover whole blocks of this many windows
     * @return the configuration in force
     * @throws LedgerException       if the contract rejects it
     * @throws IllegalStateException if another billing key is registered
     */
    public BillingConfig register(long reportingSeconds, long minimumPeriodWindows) throws LedgerException {
        Optional<BillingConfig> current = client.billing();
        if (current.isPresent()) {
            if (!current.get().billingKey().equals(keys.publicKey().toBase64())) {
                throw new IllegalStateException("another billing key is registered on the channel");
            }
            return current.get();
        }
        KeyCorrectnessProof proof = KeyCorrectnessProof.prove(keys.privateKey(),
                BillingContexts.billingKey(client.channel()), random);
        client.registerBillingKey(keys.publicKey(), proof, reportingSeconds, minimumPeriodWindows);
        return client.billing().orElseThrow();
    }

    /**
     * The JSON of a bill for {@code postBill}.
     *
     * @param claim the proven decryption of the bill's aggregate
     * @return {@code {"aggregate", "plaintext", "proof"}}
     */
    public static String billJson(DecryptionClaim claim) {
        Map<String, String> m = new TreeMap<>();
        m.put("aggregate", claim.ciphertext().toBase64());
        m.put("plaintext", claim.plaintext().toString());
        m.put("proof", claim.proof().toBase64());
        return CanonicalJson.toJson(m);
    }

    /**
     * Posts the market-balance check of a cleared window, after its reporting period.
     *
     * @param t the window
     * @return the check as recorded
     * @throws LedgerException if the contract rejects it
     */
    public MarketBalance postMarketBalance(long t) throws LedgerException {
        BillingWindowView view = client.window(t);
        List<String> sellers = new ArrayList<>();
        List<String> buyers = new ArrayList<>();
        for (SettlementRecord r : view.records()) {
            if (r.role() == Role.SELLER) {
                sellers.add(r.committed());
            } else if (r.role() == Role.BUYER) {
                buyers.add(r.committed());
            }
        }
        Ciphertext aggregate = BillAggregator.marketBalance(keys.publicKey(), sellers, buyers);
        DecryptionClaim claim = prover.decryptAndProve(aggregate, BillingContexts.marketBalance(client.channel(), t),
                random);
        return BillingClient.parse(client.postMarketBalance(t, decryptionJson(claim)).payload(),
                MarketBalance.class);
    }

    /**
     * Computes, proves and posts one home's bill.
     *
     * @param homeId the home
     * @param from   the first window
     * @param to     the last window
     * @return the bill as recorded
     * @throws LedgerException if the contract rejects it
     */
    public Bill postBill(String homeId, long from, long to) throws LedgerException {
        return post(homeId, from, to, prepare(homeId, from, to));
    }

    /**
     * Bills every home of a list for one period: aggregates and proofs on the pool's threads, then the
     * transactions.
     *
     * @param homes the homes
     * @param from  the first window
     * @param to    the last window
     * @param pool  threads for the aggregates and proofs
     * @return the bills as recorded, in the order of {@code homes}
     * @throws LedgerException      if the contract rejects one
     * @throws InterruptedException if interrupted while waiting for the pool
     */
    public List<Bill> postBills(List<String> homes, long from, long to, ExecutorService pool)
            throws LedgerException, InterruptedException {
        List<Future<DecryptionClaim>> prepared = new ArrayList<>();
        for (String h : homes) {
            prepared.add(pool.submit(() -> prepare(h, from, to)));
        }
        List<Bill> out = new ArrayList<>();
        for (int i = 0; i < homes.size(); i++) {
            DecryptionClaim claim;
            try {
                claim = prepared.get(i).get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof LedgerException le) {
                    throw le;
                }
                throw new IllegalStateException("the bill of " + homes.get(i) + " failed: " + e.getCause(),
                        e.getCause());
            }
            out.add(post(homes.get(i), from, to, claim));
        }
        return out;
    }

    /**
     * Posts the partner lines of a home's bill, after its market bill of the same period: the product of the home's
     * partner-lines records of the period ({@code getPartnerLines}), decrypted and proven.
     *
     * @param homeId the home
     * @param from   the first window
     * @param to     the last window
     * @return the partner bill as recorded
     * @throws LedgerException if the contract rejects it
     */
    public PartnerBill postPartnerBill(String homeId, long from, long to) throws LedgerException {
        List<Ciphertext> records = new ArrayList<>();
        for (PartnerLinesRecord r : client.partnerLines(homeId, from, to)) {
            records.add(keys.publicKey().ciphertextFromBase64(r.lines()));
        }
        DecryptionClaim claim = prover.decryptAndProve(keys.publicKey().sum(records),
                BillingContexts.partnerBill(client.channel(), from, to), random);
        return client.postPartnerBill(homeId, from, to, decryptionJson(claim));
    }

    /** {@code {"plaintext", "proof"}}: a proven decryption of an aggregate chaincode computes itself. */
    private static String decryptionJson(DecryptionClaim claim) {
        Map<String, String> m = new TreeMap<>();
        m.put("plaintext", claim.plaintext().toString());
        m.put("proof", claim.proof().toBase64());
        return CanonicalJson.toJson(m);
    }

    private DecryptionClaim prepare(String homeId, long from, long to) throws LedgerException {
        Ciphertext aggregate = BillAggregator.compute(keys.privateKey(), client.records(homeId, from, to).windows())
                .aggregate();
        return prover.decryptAndProve(aggregate, BillingContexts.bill(client.channel(), from, to), random);
    }

    private Bill post(String homeId, long from, long to, DecryptionClaim claim) throws LedgerException {
        return BillingClient.parse(client.postBill(homeId, from, to, billJson(claim)).payload(), Bill.class);
    }
}
