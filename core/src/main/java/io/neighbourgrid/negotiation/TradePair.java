package io.neighbourgrid.negotiation;

import java.util.Objects;

/**
 * A producer-consumer pair that negotiates a bilateral trade. The producer holds the pair's Paillier key in the
 * private price update (seed 002, Section 4.3: agent n).
 *
 * @param producer the producer's id
 * @param consumer the consumer's id
 */
public record TradePair(String producer, String consumer) {
    public TradePair {
        Objects.requireNonNull(producer, "producer");
        Objects.requireNonNull(consumer, "consumer");
    }

    /** {@code producer/consumer}. */
    public String name() {
        return producer + "/" + consumer;
    }
}
