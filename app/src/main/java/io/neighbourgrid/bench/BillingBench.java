package io.neighbourgrid.bench;

import com.google.gson.GsonBuilder;
import io.neighbourgrid.crypto.ProofContext;
import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.crypto.paillier.PaillierKeyPair;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.crypto.paillier.Randomizer;
import io.neighbourgrid.crypto.proof.DecryptionClaim;
import io.neighbourgrid.crypto.proof.DecryptionProofs;
import io.neighbourgrid.crypto.proof.DecryptionProver;
import io.neighbourgrid.market.Clearing;
import io.neighbourgrid.market.Role;
import io.neighbourgrid.market.Scales;
import io.neighbourgrid.protocol.billing.BillAggregator;
import io.neighbourgrid.protocol.billing.BillLayout;
import io.neighbourgrid.protocol.billing.BillingContexts;
import io.neighbourgrid.protocol.billing.DeviationRule;
import io.neighbourgrid.protocol.billing.ExpectedBill;
import io.neighbourgrid.protocol.billing.OwnRecord;
import io.neighbourgrid.protocol.billing.state.BillLines;
import io.neighbourgrid.protocol.billing.state.BillingWindow;
import io.neighbourgrid.protocol.billing.state.MeterReport;
import io.neighbourgrid.protocol.billing.state.SettlementRecord;
import io.neighbourgrid.protocol.billing.state.Submitter;
import io.neighbourgrid.protocol.billing.state.WindowTerms;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The billing benchmark: bills for a community over one day of windows (by default 1,000 homes and 96 windows of
 * 15 minutes, a 2048-bit billing key), computed, proven and verified, stage by stage, on every core.
 *
 * <p>What is timed, each stage on a pool of one thread per core: (1) the billing party's bill aggregates, computed
 * with the factorisation ({@link BillAggregator#compute(io.neighbourgrid.crypto.paillier.PaillierPrivateKey,
 * List)}); (2) one decryption and one proof of correct decryption per home; (3) the batch verification of all
 * proofs ({@link DecryptionProofs#verifyBatch}); (4) the public recomputation of every aggregate from the records
 * (what each home does for its own bill, here for all of them); (5) decoding every bill and comparing it with the
 * plaintext reference; (6) the market-balance checks of every window (aggregate, decryption, proof, verification).
 * The total is the sum of (1) to (6); {@code billingPartyMs} is (1), (2) and (6), {@code verificationMs} (3) to (5).
 * The system load average at the start and the end is recorded with the figures. What is not timed: key generation and the records themselves, which are
 * generated directly instead of running the day's windows (each ciphertext is {@code (1 + mN) r^N} with {@code r^N}
 * drawn from a pool of precomputed randomizers, one multiplication each) and are the same ciphertexts, byte for
 * byte in format, that homes and meters post.
 */
public final class BillingBench {
    /** Price range of the generated windows, price units: the defaults' p_l and p_h. */
    private static final long LOW_PRICE = 90 * Scales.PRICE;
    private static final long HIGH_PRICE = 110 * Scales.PRICE;
    private static final long RETAIL_PRICE = 120 * Scales.PRICE;
    private static final long FEED_IN_PRICE = 80 * Scales.PRICE;
    private static final int RANDOMIZER_POOL = 2048;
    private static final String CHANNEL = "market";

    /**
     * Benchmark settings.
     *
     * @param homes         homes billed
     * @param windows       windows of the period
     * @param keyBits       billing key size
     * @param threads       threads
     * @param deviationRate share of home-windows deviating from the plan
     * @param seed          seed of the generated records
     */
    public record Settings(int homes, int windows, int keyBits, int threads, double deviationRate, long seed) {
    }

    private BillingBench() {
    }

    /**
     * Runs the benchmark and writes {@code billing.json} into {@code out}.
     *
     * @param settings the settings
     * @param out      the output directory
     * @param log      progress lines
     * @return the JSON written
     * @throws IOException          if the file cannot be written
     * @throws InterruptedException if interrupted
     */
    public static Map<String, Object> run(Settings settings, Path out, PrintStream log)
            throws IOException, InterruptedException {
        SecureRandom random = new SecureRandom();
        // The machine's load is part of the result: other processes on the same cores slow every stage.
        double loadAtStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        ExecutorService pool = Executors.newFixedThreadPool(settings.threads());
        try {
            long t0 = System.nanoTime();
            PaillierKeyPair keys = PaillierKeyPair.generate(settings.keyBits(), random);
            PaillierPublicKey pk = keys.publicKey();
            double keyMs = ms(t0);
            log.printf(Locale.ROOT, "billing key of %d bits in %.0f ms%n", settings.keyBits(), keyMs);

            t0 = System.nanoTime();
            List<Randomizer> randomizers = parallel(pool, RANDOMIZER_POOL, i -> pk.newRandomizer(random));
            List<WindowTerms> terms = terms(settings);
            List<HomeDay> days = parallel(pool, settings.homes(), h -> HomeDay.generate("h" + h, terms, pk,
                    randomizers, settings));
            double generateMs = ms(t0);
            log.printf(Locale.ROOT, "records of %d homes x %d windows generated in %.0f ms (not timed)%n",
                    settings.homes(), settings.windows(), generateMs);

            Map<String, Double> stages = new LinkedHashMap<>();
            t0 = System.nanoTime();
            List<Ciphertext> aggregates = parallel(pool, days.size(), i -> BillAggregator.compute(keys.privateKey(),
                    days.get(i).windows()).aggregate());
            stages.put("aggregatesByBillingParty", ms(t0));
            log.printf(Locale.ROOT, "aggregates (billing party, CRT): %.0f ms%n", stages.get(
                    "aggregatesByBillingParty"));

            ProofContext context = BillingContexts.bill(CHANNEL, 0, settings.windows() - 1L);
            t0 = System.nanoTime();
            DecryptionProver prover = new DecryptionProver(keys.privateKey());
            List<DecryptionClaim> claims = parallel(pool, days.size(), i -> prover.decryptAndProve(aggregates.get(i),
                    context, random));
            stages.put("decryptAndProve", ms(t0));
            log.printf(Locale.ROOT, "decryptions and proofs: %.0f ms%n", stages.get("decryptAndProve"));

            t0 = System.nanoTime();
            int chunk = Math.max(1, (claims.size() + settings.threads() - 1) / settings.threads());
            parallel(pool, settings.threads(), c -> {
                List<DecryptionClaim> part = claims.subList(Math.min(claims.size(), c * chunk),
                        Math.min(claims.size(), (c + 1) * chunk));
                DecryptionProofs.verifyBatch(part, context);
                return part.size();
            });
            stages.put("verifyProofsBatch", ms(t0));
            log.printf(Locale.ROOT, "batch verification of %d proofs: %.0f ms%n", claims.size(),
                    stages.get("verifyProofsBatch"));

            t0 = System.nanoTime();
            List<Boolean> same = parallel(pool, days.size(), i -> BillAggregator.compute(pk, days.get(i).windows())
                    .aggregate().equals(claims.get(i).ciphertext()));
            stages.put("recomputeAggregatesPublicly", ms(t0));
            log.printf(Locale.ROOT, "public recomputation of every aggregate: %.0f ms%n",
                    stages.get("recomputeAggregatesPublicly"));

            t0 = System.nanoTime();
            int correct = 0;
            for (int i = 0; i < days.size(); i++) {
                BillLines lines = BillLayout.decode(claims.get(i).plaintext());
                if (same.get(i) && lines.equals(ExpectedBill.lines(days.get(i).values()))) {
                    correct++;
                }
            }
            stages.put("decodeAndCompare", ms(t0));

            t0 = System.nanoTime();
            int balanced = marketBalances(pool, keys, days, terms, random);
            stages.put("marketBalance", ms(t0));
            log.printf(Locale.ROOT, "market balance of %d windows: %.0f ms%n", settings.windows(),
                    stages.get("marketBalance"));

            double total = stages.values().stream().mapToDouble(Double::doubleValue).sum();
            double billingParty = stages.get("aggregatesByBillingParty") + stages.get("decryptAndProve")
                    + stages.get("marketBalance");
            double verification = stages.get("verifyProofsBatch") + stages.get("recomputeAggregatesPublicly")
                    + stages.get("decodeAndCompare");
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("homes", settings.homes());
            json.put("windows", settings.windows());
            json.put("windowMinutes", 15);
            json.put("keyBits", settings.keyBits());
            json.put("threads", settings.threads());
            json.put("deviationRate", settings.deviationRate());
            json.put("stagesMs", round(stages));
            json.put("billingPartyMs", Math.round(billingParty));
            json.put("verificationMs", Math.round(verification));
            json.put("totalMs", Math.round(total));
            json.put("systemLoadAverage", Map.of("atStart", loadAtStart, "atEnd",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
            json.put("targetMs", 60_000);
            json.put("withinTarget", total <= 60_000);
            json.put("perHomeVerificationMs", round1(stages.get("recomputeAggregatesPublicly") * settings.threads()
                    / settings.homes() + stages.get("verifyProofsBatch") * settings.threads() / settings.homes()));
            json.put("billsCorrect", correct);
            json.put("windowsBalanced", balanced);
            json.put("untimed", Map.of("keyGenerationMs", Math.round(keyMs), "recordGenerationMs",
                    Math.round(generateMs)));
            json.put("timed", "sum of the stages: billing party's aggregates (CRT), one decryption and proof per home, "
                    + "batch verification of all proofs, public recomputation of every aggregate, decoding and "
                    + "comparison with the plaintext reference, and the market-balance check of every window");
            json.put("ciphertextsPerHome", days.isEmpty() ? 0 : days.get(0).ciphertexts());
            Files.createDirectories(out);
            Files.writeString(out.resolve("billing.json"), new GsonBuilder().setPrettyPrinting().create().toJson(json)
                    + "\n", StandardCharsets.UTF_8);
            log.printf(Locale.ROOT, "total %.1f s for %d bills (%d correct), target 60 s -> %s%n", total / 1000,
                    settings.homes(), correct, out.resolve("billing.json"));
            if (correct != settings.homes() || balanced != settings.windows()) {
                throw new IllegalStateException(correct + " of " + settings.homes() + " bills correct, " + balanced
                        + " of " + settings.windows() + " windows balanced");
            }
            return json;
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** Every window's balance check: the members' committed volumes, multiplied, decrypted, proven and verified. */
    private static int marketBalances(ExecutorService pool, PaillierKeyPair keys, List<HomeDay> days,
                                      List<WindowTerms> terms, SecureRandom random) throws InterruptedException {
        List<Boolean> ok = parallel(pool, terms.size(), t -> {
            List<String> sellers = new ArrayList<>();
            List<String> buyers = new ArrayList<>();
            long sold = 0;
            long bought = 0;
            for (HomeDay d : days) {
                BillingWindow w = d.windows().get(t);
                if (w.record() != null && w.record().committed() != null) {
                    String c = w.record().committed();
                    long e = d.values().get(t).record().committed();
                    if (w.terms().role() == Role.SELLER) {
                        sellers.add(c);
                        sold += e;
                    } else {
                        buyers.add(c);
                        bought -= e;
                    }
                }
            }
            Ciphertext aggregate = BillAggregator.marketBalance(keys.publicKey(), sellers, buyers);
            ProofContext context = BillingContexts.marketBalance(CHANNEL, t);
            DecryptionClaim claim = new DecryptionProver(keys.privateKey())
                    .decryptAndProve(aggregate, context, random);
            claim.proof().verify(aggregate, claim.plaintext(), context);
            return claim.plaintext().longValueExact() == sold - bought;
        });
        return (int) ok.stream().filter(Boolean::booleanValue).count();
    }

    private static List<WindowTerms> terms(Settings s) {
        SplittableRandom r = new SplittableRandom(s.seed());
        Instant start = Instant.parse("2026-03-02T00:00:00Z");
        List<WindowTerms> out = new ArrayList<>();
        for (int t = 0; t < s.windows(); t++) {
            // A distinct price per window: the worst case for the price-weighted lines.
            long price = LOW_PRICE + r.nextLong(HIGH_PRICE - LOW_PRICE + 1);
            out.add(new WindowTerms(t, Clearing.GENERAL, Role.OFF, price, RETAIL_PRICE, FEED_IN_PRICE,
                    start.plusSeconds(900L * t).toString(), "settlement-" + t));
        }
        return out;
    }

    /** One home's generated day: its ledger records and the plaintext values behind them. */
    private record HomeDay(List<BillingWindow> windows, List<ExpectedBill.WindowValues> values, int ciphertexts) {
        static HomeDay generate(String homeId, List<WindowTerms> terms, PaillierPublicKey pk,
                                List<Randomizer> randomizers, Settings s) {
            SplittableRandom r = new SplittableRandom(s.seed() ^ homeId.hashCode());
            List<BillingWindow> windows = new ArrayList<>();
            List<ExpectedBill.WindowValues> values = new ArrayList<>();
            int count = 0;
            for (WindowTerms base : terms) {
                double u = r.nextDouble();
                Role role = u < 0.35 ? Role.SELLER : u < 0.7 ? Role.BUYER : Role.OFF;
                WindowTerms t = new WindowTerms(base.window(), base.clearing(), role, base.price(),
                        base.retailPrice(), base.feedInPrice(), base.settledAt(), base.settlementTx());
                long sn = (role == Role.SELLER ? 1 : role == Role.BUYER ? -1 : r.nextBoolean() ? 1 : -1)
                        * (10_000L + r.nextLong(2_000_000L));
                long committed = role == Role.OFF ? 0 : role == Role.SELLER ? sn : -Math.max(1, Math.abs(sn) * 3 / 4);
                long metered = r.nextDouble() < s.deviationRate() ? sn + r.nextLong(-500_000L, 500_000L) : sn;
                OwnRecord rec = DeviationRule.split(committed, metered);
                long imported = Math.max(-metered, 0L);
                long exported = Math.max(metered, 0L);
                String stamp = base.settledAt();
                SettlementRecord record = new SettlementRecord(t.window(), homeId, role,
                        role == Role.OFF ? null : enc(pk, rec.committed(), randomizers, r), enc(pk, rec.gridExport(),
                        randomizers, r), enc(pk, rec.gridImport(), randomizers, r), "", stamp, "record");
                MeterReport report = new MeterReport(t.window(), homeId, enc(pk, imported, randomizers, r),
                        enc(pk, exported, randomizers, r), "", "meter", new Submitter("CommunityMSP", homeId), stamp,
                        "report");
                count += role == Role.OFF ? 4 : 5;
                windows.add(new BillingWindow(t, record, report));
                values.add(new ExpectedBill.WindowValues(t, rec, imported, exported));
            }
            return new HomeDay(windows, values, count);
        }

        private static String enc(PaillierPublicKey pk, long value, List<Randomizer> randomizers,
                                  SplittableRandom r) {
            return pk.encrypt(value, randomizers.get(r.nextInt(randomizers.size()))).toBase64();
        }
    }

    private interface Job<T> {
        T run(int index) throws Exception;
    }

    private static <T> List<T> parallel(ExecutorService pool, int count, Job<T> job) throws InterruptedException {
        List<Future<T>> futures = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int index = i;
            Callable<T> c = () -> job.run(index);
            futures.add(pool.submit(c));
        }
        List<T> out = new ArrayList<>(count);
        for (Future<T> f : futures) {
            try {
                out.add(f.get());
            } catch (ExecutionException e) {
                throw new IllegalStateException("a benchmark job failed: " + e.getCause(), e.getCause());
            }
        }
        return out;
    }

    private static Map<String, Long> round(Map<String, Double> stages) {
        Map<String, Long> out = new LinkedHashMap<>();
        stages.forEach((k, v) -> out.put(k, Math.round(v)));
        return out;
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static double ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }
}
