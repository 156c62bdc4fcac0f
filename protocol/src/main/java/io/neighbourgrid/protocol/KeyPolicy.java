package io.neighbourgrid.protocol;

import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import java.util.Objects;
import java.util.Optional;

/**
 * The one policy on Paillier key sizes: which modulus lengths the market and billing accept. Every place that takes
 * a key size from outside (the market's configuration, the billing layout, the command line, the simulator's key
 * generation) checks it here, so they agree on the range and on the message.
 *
 * <p>A key size must be even (the modulus is the product of two primes of equal length) and within
 * [{@link Use#minBits()}, {@value #MAX_BITS}]:
 * <ul>
 *   <li>{@link Use#MARKET}, the homes' keys: at least {@value #MARKET_MIN_BITS} bits. Each member masks its packed
 *       slot values with {@code M < 2^384} and proves {@code |M|} below the slack bound {@code 2^641}
 *       ({@code ContributionProof}); over up to 2^20 members the masks' sum stays below {@code 2^661}, and r2's
 *       {@code MaskTransferProof} shows it below {@code 2^(661 + 258)}, which must stay below {@code N / 2} for the
 *       transferred integer to be unique: {@code bits >= 922}, rounded up to the usual 1024.</li>
 *   <li>{@link Use#BILLING}, the billing key: at least {@value #BILLING_MIN_BITS} bits, so a packed bill (below
 *       2^768) stays below the provable bound {@code N / 2^130}.</li>
 * </ul>
 * The maximum is the largest modulus a Paillier key may have ({@link PaillierPublicKey#MAX_BITS}). The modulus
 * of the ring-Pedersen proof parameters has at least {@value #PROOF_PARAMETERS_MIN_BITS} bits.
 */
public final class KeyPolicy {
    /** Smallest key size of the homes' market keys. */
    public static final int MARKET_MIN_BITS = 1024;
    /** Smallest key size of the billing key. */
    public static final int BILLING_MIN_BITS = 1024;
    /** Largest key size anywhere. */
    public static final int MAX_BITS = PaillierPublicKey.MAX_BITS;
    /**
     * Smallest modulus of the ring-Pedersen proof parameters (N^ of {@code RingPedersenParameters}): the
     * no-small-factor proofs of every home are only as sound as N^ is hard to factor, so it gets the size of a
     * deployment's Paillier keys whatever size the market's keys have.
     */
    public static final int PROOF_PARAMETERS_MIN_BITS = 2048;

    /** What a key is for; each use has its own minimum. */
    public enum Use {
        /** A home's key: the market's masked totals are encrypted and decrypted under it. */
        MARKET(MARKET_MIN_BITS, "smaller keys cannot carry the transfer of the market's masks"),
        /** The billing key: a home's whole bill is one plaintext under it. */
        BILLING(BILLING_MIN_BITS, "smaller keys cannot prove a packed bill");

        private final int minBits;
        private final String whyMinimum;

        Use(int minBits, String whyMinimum) {
            this.minBits = minBits;
            this.whyMinimum = whyMinimum;
        }

        /**
         * The smallest accepted key size.
         *
         * @return bits
         */
        public int minBits() {
            return minBits;
        }

        /**
         * The largest accepted key size, {@value KeyPolicy#MAX_BITS}.
         *
         * @return bits
         */
        public int maxBits() {
            return MAX_BITS;
        }
    }

    private KeyPolicy() {
    }

    /**
     * Whether {@code bits} is an accepted key size for {@code use}.
     *
     * @param bits the modulus length
     * @param use  what the key is for
     * @return {@code true} when it is even and within the range
     */
    public static boolean accepts(int bits, Use use) {
        return problem(bits, use, "key size").isEmpty();
    }

    /**
     * What is wrong with a key size, as one message naming it.
     *
     * @param bits the modulus length
     * @param use  what the key is for
     * @param name how the caller calls the key size in the message: a field ({@code keyBits}) or an option
     *             ({@code --key-bits})
     * @return e.g. "--key-bits must be an even number in [1024, 8192] (smaller keys cannot carry the transfer of the
     *         market's masks), got 512"; empty when the size is accepted
     */
    public static Optional<String> problem(int bits, Use use, String name) {
        Objects.requireNonNull(use, "use");
        Objects.requireNonNull(name, "name");
        String why;
        if (bits < use.minBits()) {
            why = " (" + use.whyMinimum + ")";
        } else if (bits > MAX_BITS) {
            why = " (no Paillier key may be larger)";
        } else if (bits % 2 != 0) {
            why = " (the modulus is the product of two primes of equal length)";
        } else {
            return Optional.empty();
        }
        return Optional.of(name + " must be an even number in [" + use.minBits() + ", " + MAX_BITS + "]" + why
                + ", got " + bits);
    }

    /**
     * Checks a key size.
     *
     * @param bits the modulus length
     * @param use  what the key is for
     * @param name the key size's name for the message (see {@link #problem})
     * @return {@code bits}
     * @throws IllegalArgumentException with the message of {@link #problem} when the size is not accepted
     */
    public static int require(int bits, Use use, String name) {
        Optional<String> problem = problem(bits, use, name);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        return bits;
    }

    /**
     * The billing key size of a deployment whose homes have {@code marketBits}-bit keys: the same size, or the
     * billing minimum when that is larger.
     *
     * @param marketBits an accepted market key size
     * @return an accepted billing key size
     * @throws IllegalArgumentException when {@code marketBits} is not an accepted market key size
     */
    public static int billingBits(int marketBits) {
        require(marketBits, Use.MARKET, "market key size");
        return Math.max(marketBits, BILLING_MIN_BITS);
    }
}
