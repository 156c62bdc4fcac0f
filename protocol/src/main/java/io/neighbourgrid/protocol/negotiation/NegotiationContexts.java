package io.neighbourgrid.protocol.negotiation;

import io.neighbourgrid.crypto.ProofContext;

/** The proof contexts of the negotiation: a pair's price decryption is bound to channel, round, pair and iteration. */
public final class NegotiationContexts {
    /** The phase name of a pair-price decryption. */
    public static final String PAIR_PRICE = "negotiation/pair-price";

    private NegotiationContexts() {
    }

    /**
     * The context of the producer's proof for its pair with {@code consumer} at iteration {@code k} of negotiation
     * round {@code round}.
     */
    public static ProofContext pairPrice(String channel, long round, String producer, String consumer, long k) {
        return new ProofContext(channel, k, PAIR_PRICE + "/round-" + round, producer + "/" + consumer);
    }
}
