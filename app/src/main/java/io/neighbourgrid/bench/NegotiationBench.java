package io.neighbourgrid.bench;

import com.google.gson.GsonBuilder;
import io.neighbourgrid.sim.EmbeddedLedgerProvider;
import io.neighbourgrid.sim.negotiation.NegotiationReport;
import io.neighbourgrid.sim.negotiation.NegotiationRun;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The negotiation benchmark (seed 002, Section 5.6: plain against private): both cases, each negotiated plain and
 * private on a fresh in-memory embedded ledger, timed from the first iteration to the recorded trades (key
 * generation and registration not counted), with the deviations from the ojAlgo reference. Writes
 * {@code negotiation.json}: {@code uncongested} and {@code congested}, each with {@code plain} and {@code private}
 * entries of {@code iterations}, {@code seconds}, {@code maxTradeDeviationKw} and {@code maxPriceDeviation}.
 *
 * <p>Usage: {@code NegotiationBench --out DIR [--quick]}; {@code --quick} uses 1024-bit keys instead of 2048.
 */
public final class NegotiationBench {
    private NegotiationBench() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args {@code --out DIR [--quick]}
     */
    public static void main(String[] args) throws Exception {
        Path out = null;
        boolean quick = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--quick" -> quick = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (out == null) {
            throw new IllegalArgumentException("--out DIR is required");
        }
        int keyBits = quick ? 1024 : 2048;
        double loadAtStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        NegotiationReport report = NegotiationRun.run(name -> new EmbeddedLedgerProvider(null, Clock.systemUTC()),
                "embedded (in memory)", keyBits, System.err);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("ledger", report.ledger());
        json.put("keyBits", keyBits);
        json.put("cores", Runtime.getRuntime().availableProcessors());
        json.put("loadAverageAtStart", loadAtStart);
        for (NegotiationReport.CaseReport c : report.cases()) {
            Map<String, Object> variants = new LinkedHashMap<>();
            for (NegotiationReport.RunReport r : c.runs()) {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("converged", r.converged());
                v.put("iterations", r.iterations());
                v.put("seconds", r.seconds());
                v.put("secondsPerIteration", r.seconds() / r.iterations());
                v.put("maxTradeDeviationKw", r.maxTradeDeviationKw());
                v.put("maxPriceDeviation", r.maxPriceDeviation());
                v.put("provenDecryptions", r.provenDecryptions());
                variants.put(r.variant(), v);
            }
            json.put(c.name(), variants);
        }
        json.put("loadAverageAtEnd", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Files.createDirectories(out);
        Files.writeString(out.resolve("negotiation.json"), new GsonBuilder().setPrettyPrinting().create().toJson(json)
                + "\n", StandardCharsets.UTF_8);
        if (!NegotiationRun.allWithinReference(report)) {
            System.err.println("error: a run did not reach the centralised optimum within 1e-3");
            System.exit(1);
        }
    }
}
