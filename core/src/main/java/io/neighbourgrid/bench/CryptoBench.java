package io.neighbourgrid.bench;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import io.neighbourgrid.crypto.ProofContext;
import io.neighbourgrid.crypto.comparison.ComparisonInitiator;
import io.neighbourgrid.crypto.comparison.ComparisonKeyPair;
import io.neighbourgrid.crypto.comparison.ComparisonOutcome;
import io.neighbourgrid.crypto.comparison.ComparisonResponder;
import io.neighbourgrid.crypto.comparison.DgkParameters;
import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.crypto.paillier.PaillierKeyPair;
import io.neighbourgrid.crypto.paillier.PaillierPrivateKey;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.crypto.paillier.RandomizerPool;
import io.neighbourgrid.crypto.proof.DecryptionClaim;
import io.neighbourgrid.crypto.proof.DecryptionProof;
import io.neighbourgrid.crypto.proof.DecryptionProofs;
import io.neighbourgrid.crypto.proof.KeyCorrectnessProof;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Measures the cryptographic core on this machine and writes {@code DIR/crypto.json}: for each Paillier key size,
 * the median time in milliseconds of every operation the market performs, each also as a ratio to the cost of one
 * plain {@code r.modPow(N, N^2)} measured in the same run, and the targets the implementation is held to.
 * {@code encryptFreshMs} is an encryption with a fresh short-exponent randomizer of the key's randomizer base,
 * {@code encryptFullLengthMs} one with a fresh full-length r^N.
 *
 * <p>Absolute times drift on a shared machine; ratios much less, if the reference is measured next to what it is
 * compared with. So one floor exponentiation is timed just before and one just after every sample, each sample's
 * ratio is its time over the mean of those two, and the reported ratio is the median of the sample ratios.
 * {@code modPowFloorMs} is the median of all floor samples of the run.
 *
 * <p>Usage: {@code CryptoBench --out DIR [--bits 2048,3072] [--quick]}. Everything runs on one thread; the
 * comparison figure is the CPU time of both parties run one after the other.
 */
public final class CryptoBench {
    /** Targets as ratios to modPowFloorMs: name of the measured field and the largest accepted ratio. */
    private static final Map<String, Double> TARGETS = new LinkedHashMap<>();

    static {
        TARGETS.put("encryptFreshMs", 0.25);
        TARGETS.put("encryptPooledMs", 0.02);
        TARGETS.put("decryptMs", 0.35);
        TARGETS.put("verifyDecryptionMs", 1.3);
        TARGETS.put("verifyBatch100Ms", 25.0);
        TARGETS.put("compare64Ms", 25.0);
    }

    private static final int BATCH_SIZE = 100;
    private static final int COMPARISON_BITS = 64;

    private final SecureRandom random = new SecureRandom();
    private final int warmup;
    private final int repetitions;
    private final PrintStream log;
    private final List<Double> floorSamples = new ArrayList<>();
    private BigInteger floorModulus;
    private BigInteger floorModulusSquared;

    private CryptoBench(boolean quick, PrintStream log) {
        this.warmup = quick ? 1 : 3;
        this.repetitions = quick ? 3 : 9;
        this.log = log;
    }

    /**
     * Runs the benchmark.
     *
     * @param args {@code --out DIR} (required), {@code --bits 2048,3072} (default), {@code --quick}
     */
    public static void main(String[] args) throws IOException {
        Path out = null;
        List<Integer> bits = List.of(2048, 3072);
        boolean quick = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(requireValue(args, ++i, "--out"));
                case "--bits" -> bits = Arrays.stream(requireValue(args, ++i, "--bits").split(","))
                        .map(String::trim).map(Integer::parseInt).toList();
                case "--quick" -> quick = true;
                default -> usage("unknown argument " + args[i]);
            }
        }
        if (out == null) {
            usage("--out DIR is required");
        }
        JsonObject result = new JsonObject();
        for (int b : bits) {
            result.add(Integer.toString(b), new CryptoBench(quick, System.err).run(b));
        }
        Files.createDirectories(out);
        Path file = out.resolve("crypto.json");
        String json = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(result);
        Files.writeString(file, json + "\n", StandardCharsets.UTF_8);
        System.out.println(json);
        System.err.println("wrote " + file);
    }

    private static String requireValue(String[] args, int i, String flag) {
        if (i >= args.length) {
            usage(flag + " needs a value");
        }
        return args[i];
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: CryptoBench --out DIR [--bits 2048,3072] [--quick]");
        System.exit(2);
    }

    /** Median milliseconds per operation and median ratio to the adjacent floor samples. */
    record Measurement(double ms, double ratio) {
    }

    /** One operation to time; returns something derived from its result so the JIT cannot drop it. */
    @FunctionalInterface
    interface Operation {
        Object run() throws Exception;
    }

    private JsonObject run(int bits) {
        log.printf(Locale.ROOT, "== %d-bit keys%n", bits);
        PaillierKeyPair keys = PaillierKeyPair.generate(bits, random);
        PaillierPublicKey pk = keys.publicKey();
        PaillierPrivateKey sk = keys.privateKey();
        floorModulus = pk.modulus();
        floorModulusSquared = pk.modulusSquared();
        ProofContext context = new ProofContext("bench", 1, "distribution", "home-bench");
        BigInteger m = BigInteger.valueOf(123_456_789_012L);

        Map<String, Measurement> ms = new LinkedHashMap<>();
        // The key publishes a randomizer base: a fresh encryption draws a short-exponent randomizer from its
        // fixed-base table (built by the first, unmeasured, warm-up call); the full-length r^N is the reference.
        ms.put("encryptFreshMs", time("encryptFresh", 1, () -> pk.encrypt(m, random)));
        ms.put("encryptFullLengthMs", time("encryptFullLength", 1,
                () -> pk.encrypt(m, pk.newFullLengthRandomizer(random))));

        RandomizerPool pool = new RandomizerPool(pk, 50, random, false);
        int pooledOps = 50;
        ms.put("encryptPooledMs", time("encryptPooled", pooledOps, () -> pool.fill(pooledOps), () -> {
            Object last = null;
            for (int i = 0; i < pooledOps; i++) {
                last = pk.encrypt(m, pool.take());
            }
            return last;
        }, null));
        pool.close();

        Ciphertext c = pk.encrypt(m, random);
        ms.put("decryptMs", time("decrypt", 1, () -> sk.decrypt(c)));
        ms.put("proveDecryptionMs", time("proveDecryption", 1, () -> DecryptionProof.prove(sk, c, m, context, random)));
        DecryptionProof proof = DecryptionProof.prove(sk, c, m, context, random);
        ms.put("verifyDecryptionMs", time("verifyDecryption", 1, () -> {
            proof.verify(c, m, context);
            return proof;
        }));

        List<Ciphertext> aggregates = new ArrayList<>(BATCH_SIZE);
        for (int i = 0; i < BATCH_SIZE; i++) {
            aggregates.add(pk.encrypt(BigInteger.valueOf(1_000_000L * i - 7), random));
        }
        List<DecryptionClaim> claims = DecryptionProofs.decryptAndProveAll(sk, aggregates, context, random);
        ms.put("verifyBatch100Ms", time("verifyBatch100", 1, () -> {
            DecryptionProofs.verifyBatch(claims, context);
            return claims;
        }));

        ProofContext registration = new ProofContext("bench", 0, "registration", "home-bench");
        ms.put("keyProofProveMs", time("keyProofProve", 1, () -> KeyCorrectnessProof.prove(sk, registration, random)));
        KeyCorrectnessProof keyProof = KeyCorrectnessProof.prove(sk, registration, random);
        ms.put("keyProofVerifyMs", time("keyProofVerify", 1, () -> {
            keyProof.verify(pk, registration);
            return keyProof;
        }));

        ComparisonKeyPair comparisonKeys = ComparisonKeyPair.generate(
                DgkParameters.forComparisons(bits, COMPARISON_BITS), random);
        byte[] session = "bench|1|comparison".getBytes(StandardCharsets.UTF_8);
        long[] bytes = new long[1];
        ms.put("compare64Ms", time("compare64", 1, null, () -> {
            BigInteger x = new BigInteger(COMPARISON_BITS, random);
            BigInteger y = new BigInteger(COMPARISON_BITS, random);
            ComparisonInitiator initiator =
                    new ComparisonInitiator(comparisonKeys, x, COMPARISON_BITS, session, random);
            ComparisonResponder responder = new ComparisonResponder(y, COMPARISON_BITS, session, random);
            byte[] m1 = initiator.start();
            byte[] m2 = responder.respond(m1);
            byte[] initiatorShare = initiator.finish(m2);
            byte[] responderShare = responder.shareMessage();
            bytes[0] = (long) m1.length + m2.length + initiatorShare.length + responderShare.length;
            return new byte[][] {initiatorShare, responderShare, x.toByteArray(), y.toByteArray()};
        }, result -> {
            byte[][] r = (byte[][]) result;
            boolean below = ComparisonOutcome.combine(r[0], r[1], session);
            if (below != (new BigInteger(r[2]).compareTo(new BigInteger(r[3])) < 0)) {
                throw new IllegalStateException("comparison returned the wrong result");
            }
        }));

        Map<String, Long> sizes = new LinkedHashMap<>();
        WindowProofBench.measure(this, bits, random, ms, sizes);

        double floor = median(floorSamples);

        JsonObject entry = new JsonObject();
        entry.addProperty("modPowFloorMs", round(floor));
        entry.addProperty("randomizerExponentBits", pk.randomizerExponentBits());
        ms.forEach((k, v) -> entry.addProperty(k, round(v.ms())));
        entry.addProperty("compare64Bytes", bytes[0]);
        sizes.forEach(entry::addProperty);
        JsonObject ratios = new JsonObject();
        ms.forEach((k, v) -> ratios.addProperty(k.replace("Ms", ""), round(v.ratio())));
        entry.add("ratios", ratios);
        JsonObject targets = new JsonObject();
        boolean all = true;
        for (Map.Entry<String, Double> t : TARGETS.entrySet()) {
            double ratio = ms.get(t.getKey()).ratio();
            boolean pass = ratio <= t.getValue();
            all &= pass;
            JsonObject target = new JsonObject();
            target.addProperty("maxRatio", t.getValue());
            target.addProperty("ratio", round(ratio));
            target.addProperty("pass", pass);
            targets.add(t.getKey().replace("Ms", ""), target);
        }
        entry.add("targets", targets);
        entry.addProperty("allTargetsPass", all);
        entry.addProperty("warmup", warmup);
        entry.addProperty("repetitions", repetitions);
        entry.addProperty("floorSamples", floorSamples.size());
        entry.addProperty("ratioMethod", "median over samples of the sample time divided by the mean of the floor"
                + " exponentiations timed just before and just after it");
        return entry;
    }

    Measurement time(String name, int opsPerSample, Operation op) {
        return time(name, opsPerSample, null, op, null);
    }

    /** As {@link #time(String, int, Operation)}, with {@code setup} run untimed before each sample. */
    Measurement time(String name, int opsPerSample, Runnable setup, Operation op) {
        return time(name, opsPerSample, setup, op, null);
    }

    /**
     * Times {@code repetitions} samples after {@code warmup} unmeasured ones; each sample runs {@code setup} untimed
     * first, then {@code opsPerSample} operations, bracketed by one floor exponentiation on each side.
     */
    private Measurement time(String name, int opsPerSample, Runnable setup, Operation op, Consumer<Object> check) {
        List<Double> samples = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < warmup + repetitions; i++) {
            if (setup != null) {
                setup.run();
            }
            double before = sampleFloor();
            long start = System.nanoTime();
            Object result;
            try {
                result = op.run();
            } catch (Exception e) {
                throw new IllegalStateException(name + " failed", e);
            }
            double perOp = (System.nanoTime() - start) / 1e6 / opsPerSample;
            double after = sampleFloor();
            if (result == null) {
                throw new IllegalStateException(name + " produced no result");
            }
            if (check != null) {
                check.accept(result);
            }
            if (i >= warmup) {
                samples.add(perOp);
                ratios.add(perOp / ((before + after) / 2));
            }
        }
        Measurement m = new Measurement(median(samples), median(ratios));
        log.printf(Locale.ROOT, "%-18s %10.3f ms %9.4f x floor%n", name, m.ms(), m.ratio());
        return m;
    }

    /** Times one plain r^N mod N^2 for a random r below N, records it and returns it in milliseconds. */
    private double sampleFloor() {
        BigInteger r = new BigInteger(floorModulus.bitLength() - 1, random);
        long start = System.nanoTime();
        BigInteger v = r.modPow(floorModulus, floorModulusSquared);
        double ms = (System.nanoTime() - start) / 1e6;
        if (v.signum() < 0) {
            throw new IllegalStateException("modPow returned a negative value");
        }
        floorSamples.add(ms);
        return ms;
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
