package io.neighbourgrid.crypto.comparison;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * Measures one l-bit comparison against one Paillier-size exponentiation r^N mod N^2 (2048-bit N) in the same
 * run. Not a unit test: run by hand, e.g.
 * {@code java -cp core/target/classes:core/target/test-classes:<bcprov.jar>
 * io.neighbourgrid.crypto.comparison.ComparisonBenchmark [modulusBits] [bits] [rounds]}.
 */
public final class ComparisonBenchmark {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ComparisonBenchmark() {
    }

    public static void main(String[] args) {
        int modulusBits = args.length > 0 ? Integer.parseInt(args[0]) : 2048;
        int bits = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        SecureRandom random = new SecureRandom();

        BigInteger bigN = BigInteger.probablePrime(1024, random).multiply(BigInteger.probablePrime(1024, random));
        BigInteger bigN2 = bigN.multiply(bigN);
        for (int i = 0; i < 10; i++) {
            new BigInteger(2047, random).modPow(bigN, bigN2);
        }
        long cpu = cpu();
        for (int i = 0; i < rounds; i++) {
            new BigInteger(2047, random).modPow(bigN, bigN2);
        }
        double modPowMs = (cpu() - cpu) / 1e6 / rounds;
        System.out.printf("r.modPow(N, N^2), 2048-bit N: %.2f ms CPU%n", modPowMs);

        DgkParameters params = DgkParameters.forComparisons(modulusBits, DgkParameters.MAX_COMPARISON_BITS);
        long keyStart = cpu();
        ComparisonKeyPair keys = ComparisonKeyPair.generate(params, random);
        System.out.printf("key generation (%d-bit): %.0f ms CPU%n", modulusBits, (cpu() - keyStart) / 1e6);
        for (int i = 0; i < 2; i++) {
            keyStart = cpu();
            ComparisonKeyPair.generate(params, random);
            System.out.printf("key generation (%d-bit): %.0f ms CPU%n", modulusBits, (cpu() - keyStart) / 1e6);
        }

        primitives(keys, rounds * 10, random);

        byte[] context = "bench|window-0|evaluation".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 5; i++) {
            run(keys, bits, context, random);
        }
        // Cold: a key neither party has used yet, so the responder builds the fixed-base tables of h and g and the
        // initiator its CRT tables, inside the measured time (the JIT is already warm).
        ComparisonKeyPair fresh = ComparisonKeyPair.generate(params, random);
        double[] cold = run(fresh, bits, context, random);
        System.out.printf("first comparison with a new key: initiator %.1f ms, responder %.1f ms, total %.1f ms CPU "
                + "(%.1f x)%n", cold[0], cold[1], cold[0] + cold[1], (cold[0] + cold[1]) / modPowMs);
        double[] sum = new double[3];
        int[] sizes = null;
        for (int i = 0; i < rounds; i++) {
            double[] one = run(keys, bits, context, random);
            for (int k = 0; k < 3; k++) {
                sum[k] += one[k];
            }
            sizes = new int[] {(int) one[3], (int) one[4], (int) one[5], (int) one[6]};
        }
        double initiator = sum[0] / rounds;
        double responder = sum[1] / rounds;
        double combine = sum[2] / rounds;
        System.out.printf("%d-bit comparison, %d-bit key, mean of %d: initiator %.1f ms, responder %.1f ms, "
                + "total %.1f ms CPU; combine %.3f ms%n", bits, modulusBits, rounds, initiator, responder,
                initiator + responder, combine);
        System.out.printf("ratio to one r.modPow(N, N^2): %.1f x%n", (initiator + responder) / modPowMs);
        System.out.printf("message bytes (context %d bytes): m1 %d, m2 %d, share A %d, share B %d, total %d%n",
                context.length, sizes[0], sizes[1], sizes[2], sizes[3], sizes[0] + sizes[1] + sizes[2] + sizes[3]);
    }

    /** Per-operation cost of the DGK primitives, after their tables are built. */
    private static void primitives(ComparisonKeyPair keys, int count, SecureRandom random) {
        DgkPublicKey pub = keys.publicKey();
        DgkPrivateKey priv = keys.privateKey();
        DgkCiphertext c = pub.encrypt(1, random);
        priv.encrypt(1, random);
        for (int i = 0; i < count; i++) {
            pub.encrypt(i, random);
            priv.encrypt(i, random);
            priv.isZero(c);
            new BigInteger(400, random);
        }
        long t0 = cpu();
        for (int i = 0; i < count; i++) {
            c = pub.encrypt(i & 1, random);
        }
        long t1 = cpu();
        for (int i = 0; i < count; i++) {
            c = priv.encrypt(i & 1, random);
        }
        long t2 = cpu();
        for (int i = 0; i < count; i++) {
            priv.isZero(c);
        }
        long t3 = cpu();
        BigInteger h = pub.randomiser();
        for (int i = 0; i < count; i++) {
            h.modPow(new BigInteger(400, random), pub.modulus());
        }
        long t4 = cpu();
        System.out.printf("public encryption %.3f ms (plain 400-bit modPow would be %.3f ms), owner's CRT "
                + "encryption %.3f ms, zero test %.3f ms%n", (t1 - t0) / 1e6 / count, (t4 - t3) / 1e6 / count,
                (t2 - t1) / 1e6 / count, (t3 - t2) / 1e6 / count);
    }

    private static double[] run(ComparisonKeyPair keys, int bits, byte[] context, SecureRandom random) {
        BigInteger x = new BigInteger(bits, random);
        BigInteger y = new BigInteger(bits, random);
        long t0 = cpu();
        ComparisonInitiator a = new ComparisonInitiator(keys, x, bits, context, random);
        byte[] m1 = a.start();
        long t1 = cpu();
        ComparisonResponder b = new ComparisonResponder(y, bits, context, random);
        byte[] m2 = b.respond(m1);
        byte[] sb = b.shareMessage();
        long t2 = cpu();
        byte[] sa = a.finish(m2);
        long t3 = cpu();
        boolean less = ComparisonOutcome.combine(sa, sb, context);
        long t4 = cpu();
        if (less != (x.compareTo(y) < 0)) {
            throw new AssertionError("comparison gave the wrong result");
        }
        return new double[] {((t1 - t0) + (t3 - t2)) / 1e6, (t2 - t1) / 1e6, (t4 - t3) / 1e6, m1.length, m2.length,
            sa.length, sb.length};
    }

    private static long cpu() {
        return THREADS.getCurrentThreadCpuTime();
    }
}
