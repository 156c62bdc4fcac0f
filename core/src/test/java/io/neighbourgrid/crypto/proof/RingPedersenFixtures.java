package io.neighbourgrid.crypto.proof;

import io.neighbourgrid.crypto.CryptoFixtures;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/** Ring-Pedersen parameters for the proof tests: a fixed known-answer set and cached generated sets. */
final class RingPedersenFixtures {
    /** Known-answer prime of N^ (256 bits, top two bits set). */
    static final BigInteger KAT_P = new BigInteger(
            "97921938475992571510920251684963017642367343776941418015794453403555051755303");
    /** Known-answer prime of N^ (256 bits, top two bits set). */
    static final BigInteger KAT_Q = new BigInteger(
            "93157022466016567854282826200203518839961727563328443219382631661252562235871");
    /** Known-answer tau (t = tau^2 mod N^). */
    static final BigInteger KAT_TAU = new BigInteger("32490218611325550565497916321489750487410458108604157732610847951"
            + "48194516525806704949174564581356176646641576601735094824795762025163304133586569350550");
    /** Known-answer lambda (s = t^lambda mod N^). */
    static final BigInteger KAT_LAMBDA = new BigInteger("21695478757618976320754574926248926599526359646921773253749"
            + "53908054790166772618626310968894131533347475475052373422451458931626991836210216850475504589");

    private static final Map<Integer, RingPedersenKeys> GENERATED = new HashMap<>();

    private RingPedersenFixtures() {
    }

    /** The 512-bit known-answer parameters. */
    static RingPedersenKeys kat() {
        return RingPedersenKeys.fromSecrets(KAT_P, KAT_Q, KAT_TAU, KAT_LAMBDA);
    }

    /** Generated parameters of {@code bits} bits, the same object for the whole test run. */
    static synchronized RingPedersenKeys generated(int bits) {
        return GENERATED.computeIfAbsent(bits, b -> RingPedersenKeys.generate(b, CryptoFixtures.seeded(77L * b)));
    }

    /**
     * A modulus small * q with exactly {@code bits} bits, q a prime: the BitForge shape.
     *
     * @param small the small prime factor
     */
    static BigInteger[] weakModulus(BigInteger small, int bits, Random random) {
        int rest = bits - small.bitLength();
        while (true) {
            BigInteger q = BigInteger.probablePrime(rest + 1, random);
            BigInteger n = small.multiply(q);
            if (n.bitLength() == bits) {
                return new BigInteger[] {small, q};
            }
            q = BigInteger.probablePrime(rest, random);
            n = small.multiply(q);
            if (n.bitLength() == bits) {
                return new BigInteger[] {small, q};
            }
        }
    }
}
