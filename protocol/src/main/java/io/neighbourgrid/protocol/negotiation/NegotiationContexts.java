package io.neighbourgrid.protocol.negotiation;

import io.neighbourgrid.crypto.ProofContext;

/** The proof contexts of the negotiation: a pair's price decryption is bound to channel, round, pair and iteration. */
public final class NegotiationContexts {
    /** The phase name of a pair-price decryption. */
    public static final String PAIR_PRICE = "negotiation/pair-price";

    private NegotiationContexts() {
    }

    /** The phase name of a producer's key-correctness proof. */
    public static final String REGISTRATION = "negotiation/registration";

    /** The context of producer {@code traderId}'s key-correctness proof in round {@code round}. */
    public static ProofContext registration(String channel, long round, String traderId) {
        return new ProofContext(channel, round, REGISTRATION, traderId);
    }

    /**
     * The context of the producer's proof for its pair with {@code consumer} at iteration {@code k} of negotiation
     * round {@code round}.
     */
    public static ProofContext pairPrice(String channel, long round, String producer, String consumer, long k) {
        return new ProofContext(channel, k, PAIR_PRICE + "/round-" + round, producer + "/" + consumer);
    }
}
