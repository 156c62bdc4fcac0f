package io.neighbourgrid.protocol.billing;

import io.neighbourgrid.crypto.ProofContext;

/**
 * The proof contexts of the billing party's proofs. Each binds the channel, the window or period and the kind of
 * statement, so a proof made for one bill, window or market cannot be replayed for another. The prover is always
 * {@value #PROVER}: there is one billing party per market. A bill's context does not name the home, so that all
 * bills of a period verify as one batch ({@code DecryptionProofs.verifyBatch}); the aggregate itself is the home's.
 */
public final class BillingContexts {
    /** The prover named in every billing context. */
    public static final String PROVER = "billing-party";
    /** Phase of the billing key's key-correctness proof (window 0). */
    public static final String KEY_PHASE = "billing-key";
    /** Phase prefix of a bill's decryption proof: {@code "bill/" + to}, window {@code from}. */
    public static final String BILL_PHASE = "bill/";
    /** Phase prefix of the decryption proof of a bill's partner lines: {@code "partner-bill/" + to}. */
    public static final String PARTNER_BILL_PHASE = "partner-bill/";
    /** Phase of a window's market-balance decryption proof. */
    public static final String BALANCE_PHASE = "market-balance";

    private BillingContexts() {
    }

    /**
     * The context of the billing key's key-correctness proof.
     *
     * @param channel the channel
     * @return {@code (channel, 0, "billing-key", "billing-party")}
     */
    public static ProofContext billingKey(String channel) {
        return new ProofContext(channel, 0L, KEY_PHASE, PROVER);
    }

    /**
     * The context of the decryption proofs of the bills of a period.
     *
     * @param channel the channel
     * @param from    the first window of the period
     * @param to      the last window
     * @return {@code (channel, from, "bill/" + to, "billing-party")}
     */
    public static ProofContext bill(String channel, long from, long to) {
        return new ProofContext(channel, from, BILL_PHASE + to, PROVER);
    }

    /**
     * The context of the decryption proofs of the partner lines of the bills of a period.
     *
     * @param channel the channel
     * @param from    the first window of the period
     * @param to      the last window
     * @return {@code (channel, from, "partner-bill/" + to, "billing-party")}
     */
    public static ProofContext partnerBill(String channel, long from, long to) {
        return new ProofContext(channel, from, PARTNER_BILL_PHASE + to, PROVER);
    }

    /**
     * The context of a window's market-balance decryption proof.
     *
     * @param channel the channel
     * @param window  the window
     * @return {@code (channel, t, "market-balance", "billing-party")}
     */
    public static ProofContext marketBalance(String channel, long window) {
        return new ProofContext(channel, window, BALANCE_PHASE, PROVER);
    }
}
