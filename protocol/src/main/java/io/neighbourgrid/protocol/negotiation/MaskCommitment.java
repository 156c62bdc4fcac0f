package io.neighbourgrid.protocol.negotiation;

import io.neighbourgrid.crypto.Transcript;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * The consumer's commitment to the mask {@code r} it adds to its share of a pair's price: 256 bits of the
 * project's transcript hash (SHAKE256) over the length-prefixed domain, channel, round, pair, iteration, mask and a 16-byte salt. The ledger sees only {@code lambda + r};
 * the consumer opens the commitment to the producer each iteration (off the ledger) and to the contract for the
 * final iteration, when the trades are recorded.
 */
public final class MaskCommitment {
    /** The hash domain. */
    public static final String DOMAIN = "neighbourgrid/negotiation/mask/v1";
    /** Bits of a mask: masks are uniform in [0, 2^MASK_BITS), far beyond any price, so lambda + r hides lambda. */
    public static final int MASK_BITS = 128;
    /** Hex characters of a salt. */
    public static final int SALT_HEX = 32;
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern SALT = Pattern.compile("[0-9a-f]{" + SALT_HEX + "}");

    private MaskCommitment() {
    }

    /**
     * The commitment.
     *
     * @param channel   the channel
     * @param round     the negotiation round
     * @param producer  the pair's producer
     * @param consumer  the pair's consumer
     * @param iteration the iteration
     * @param mask      the mask, in [0, 2^128)
     * @param saltHex   32 lower-case hex characters
     * @return 64 lower-case hex characters
     * @throws IllegalArgumentException for a mask or salt out of range
     */
    public static String of(String channel, long round, String producer, String consumer, long iteration,
                            BigInteger mask, String saltHex) {
        if (mask.signum() < 0 || mask.bitLength() > MASK_BITS) {
            throw new IllegalArgumentException("a mask lies in [0, 2^" + MASK_BITS + ")");
        }
        if (!SALT.matcher(saltHex).matches()) {
            throw new IllegalArgumentException("a salt is " + SALT_HEX + " lower-case hex characters");
        }
        BigInteger digest = new Transcript(DOMAIN).append("channel", channel).append("round", round)
                .append("producer", producer)
                .append("consumer", consumer).append("iteration", iteration).append("mask", mask)
                .append("salt", saltHex).challenge(256);
        return String.format("%064x", digest);
    }

    /** Whether {@code text} has the form of a commitment. */
    public static boolean wellFormed(String text) {
        return text != null && HEX64.matcher(text).matches();
    }
}
