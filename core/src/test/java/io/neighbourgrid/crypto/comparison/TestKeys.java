package io.neighbourgrid.crypto.comparison;

import java.security.SecureRandom;

/** Small comparison keys shared by the tests of this package, generated once per test JVM. */
final class TestKeys {
    static final SecureRandom RANDOM = new SecureRandom();
    /** 512-bit modulus, t = 160, u = 389: supports comparisons up to 128 bits. */
    static final DgkParameters SMALL = DgkParameters.forComparisons(512, DgkParameters.MAX_COMPARISON_BITS);

    private static ComparisonKeyPair small;
    private static ComparisonKeyPair other;

    private TestKeys() {
    }

    static synchronized ComparisonKeyPair small() {
        if (small == null) {
            small = ComparisonKeyPair.generate(SMALL, RANDOM);
        }
        return small;
    }

    /** A second key of the same size, for cross-key tests. */
    static synchronized ComparisonKeyPair other() {
        if (other == null) {
            other = ComparisonKeyPair.generate(SMALL, RANDOM);
        }
        return other;
    }
}
