package io.neighbourgrid.cli;

import com.google.gson.GsonBuilder;
import io.neighbourgrid.protocol.KeyPolicy;
import io.neighbourgrid.report.RunReport;
import io.neighbourgrid.report.RunSummary;
import io.neighbourgrid.report.WindowReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code bench-market}: trading days of growing communities on the embedded ledger with 2048-bit keys, written to
 * {@code DIR/market.json}: per community size the summary figures, the median and 95th-percentile window latency,
 * the median of every phase (where the time goes), bytes per home per window and the precomputation time; and the
 * growth of the median latency from the smallest to the largest community.
 */
final class MarketBench {
    private MarketBench() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws Options.UsageException, IOException,
            io.neighbourgrid.sim.data.DataFormatException, io.neighbourgrid.ledger.LedgerException, InterruptedException {
        Options o = Options.parse(args, Set.of("out", "homes", "windows", "key-bits", "keys", "threads"),
                Set.of("quick"));
        o.noPositional();
        Path dir = o.path("out", "bench");
        boolean quick = o.has("quick");
        List<Integer> sizes = new ArrayList<>();
        for (String s : o.get("homes", quick ? "20,50" : "50,100,200,300").split(",", -1)) {
            sizes.add((int) Options.parseLong("homes", s, Limits.HOMES));
        }
        int windows = o.intValue("windows", quick ? 4 : 10, Limits.MARKET_BENCH_WINDOWS);
        int keyBits = o.keyBits("key-bits", quick ? 1024 : 2048, KeyPolicy.Use.MARKET);
        Map<Integer, RunSettings> settings = new LinkedHashMap<>();
        for (int homes : sizes) {
            List<String> runArgs = new ArrayList<>(List.of("--homes", Integer.toString(homes), "--windows",
                    Integer.toString(windows), "--key-bits", Integer.toString(keyBits), "--out",
                    dir.resolve("market-" + homes).toString(), "--quiet"));
            if (o.has("keys")) {
                runArgs.addAll(List.of("--keys", o.get("keys", "")));
            }
            if (o.has("threads")) {
                runArgs.addAll(List.of("--threads", o.get("threads", "")));
            }
            settings.put(homes, RunSettings.parse(runArgs.toArray(String[]::new)));
        }
        Files.createDirectories(dir);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("keyBits", keyBits);
        result.put("windows", windows);
        result.put("ledger", "embedded (block log on disk, fsync per block)");
        result.put("cores", Runtime.getRuntime().availableProcessors());
        Map<String, Object> runs = new LinkedHashMap<>();
        for (int homes : sizes) {
            err.printf(Locale.ROOT, "market bench: %d homes x %d windows, %d-bit keys%n", homes, windows, keyBits);
            RunReport report = Main.simulate(settings.get(homes), err);
            runs.put(Integer.toString(homes), figures(report));
        }
        result.put("runs", runs);
        if (sizes.size() >= 2) {
            double first = median(runs, sizes.get(0));
            double last = median(runs, sizes.get(sizes.size() - 1));
            result.put("latencyGrowth", Map.of("fromHomes", sizes.get(0), "toHomes", sizes.get(sizes.size() - 1),
                    "ratio", first > 0 ? last / first : 0.0));
        }
        Map<String, Object> targets = new LinkedHashMap<>();
        Object largest = runs.get(Integer.toString(sizes.get(sizes.size() - 1)));
        if (largest instanceof Map<?, ?> m) {
            targets.put("medianWindowLatencyMsAtLargest<=1000", ((Number) m.get("medianWindowLatencyMs")).doubleValue() <= 1000);
            targets.put("bytesPerHomePerWindow<=20480", ((Number) m.get("bytesPerHomePerWindow")).doubleValue() <= 20480);
        }
        result.put("targets", targets);
        Path file = dir.resolve("market.json");
        Files.writeString(file, new GsonBuilder().setPrettyPrinting().create().toJson(result), StandardCharsets.UTF_8);
        out.println("wrote " + file.toAbsolutePath());
        return 0;
    }

    private static double median(Map<String, Object> runs, int homes) {
        Object r = runs.get(Integer.toString(homes));
        return r instanceof Map<?, ?> m ? ((Number) m.get("medianWindowLatencyMs")).doubleValue() : 0.0;
    }

    private static Map<String, Object> figures(RunReport report) {
        RunSummary s = report.summary();
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("medianWindowLatencyMs", s.medianWindowLatencyMs().orElse(0));
        f.put("p95WindowLatencyMs", s.p95WindowLatencyMs().orElse(0));
        f.put("bytesPerHomePerWindow", s.bytesPerHomePerWindow().orElse(0));
        f.put("precomputationMs", s.precomputationMs());
        f.put("buyerCostReductionPct", s.buyerCostReductionPct().orElse(0));
        f.put("sellerRevenueGainPct", s.sellerRevenueGainPct().orElse(0));
        f.put("gridExchangeReductionPct", s.gridExchangeReductionPct().orElse(0));
        f.put("referenceMaxDeviationCents", s.referenceMaxDeviationCents().orElse(0));
        f.put("referenceMismatchedWindows", s.referenceMismatches());
        f.put("individuallyRational", s.individuallyRational());
        f.put("windows", Map.of("general", s.generalWindows(), "extreme", s.extremeWindows(),
                "gridOnly", s.gridOnlyWindows()));
        Map<String, List<Double>> phases = new LinkedHashMap<>();
        for (WindowReport w : report.windows()) {
            w.metrics().phaseLatencyMs().forEach((k, v) -> phases.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
        }
        Map<String, Double> medians = new LinkedHashMap<>();
        phases.forEach((k, v) -> {
            List<Double> sorted = new ArrayList<>(v);
            sorted.sort(null);
            medians.put(k, sorted.get(sorted.size() / 2));
        });
        f.put("phaseMedianMs", medians);
        return f;
    }
}
