package io.neighbourgrid.fabric;

import com.google.gson.GsonBuilder;
import io.neighbourgrid.agent.AgentAction;
import io.neighbourgrid.agent.AgentListener;
import io.neighbourgrid.agent.MarketClient;
import io.neighbourgrid.ledger.FabricLedger;
import io.neighbourgrid.ledger.Ledger;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.market.MarketParameters;
import io.neighbourgrid.protocol.state.MarketConfig;
import io.neighbourgrid.report.RunReport;
import io.neighbourgrid.report.RunSummary;
import io.neighbourgrid.report.WindowReport;
import io.neighbourgrid.sim.Community;
import io.neighbourgrid.sim.FabricLedgerProvider;
import io.neighbourgrid.sim.SimulationClock;
import io.neighbourgrid.sim.Simulator;
import io.neighbourgrid.sim.data.CommunityDay;
import io.neighbourgrid.sim.data.SyntheticCommunity;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The market benchmark on the native Fabric network ({@code scripts/fabric-bench.sh}): a synthetic community of
 * home agents, each with its own Fabric identity and connection, trades a few windows; every window is checked
 * against the plaintext reference. Writes {@code fabric.json}: the latency of each window from its opening to its
 * recorded settlement (median, 95th percentile), transactions per second, the orderer's batch settings, and where
 * the time goes: endorsement, ordering, commit, the wait until every peer has the block, queries, and the agents'
 * own computation.
 *
 * <p>The time of ledger calls is summed over every connection and thread ({@link FabricLedger.Timings}): homes act
 * concurrently, so these sums are thread-time and exceed the wall-clock time; the per-phase wall-clock times are
 * reported beside them.
 *
 * <pre>
 * usage: FabricBench --connection DIR --out DIR [--homes 50] [--windows 5] [--key-bits 2048] [--seed 1]
 *                    [--threads 2] [--representatives 0] [--phase-seconds S]
 * </pre>
 */
public final class FabricBench {
    /** The latency the market aims for at 50 homes, milliseconds per window. */
    static final double TARGET_MEDIAN_MS = 3_000;

    private FabricBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        Path connection = Path.of(required(o, "connection"));
        Path out = Path.of(required(o, "out"));
        int homes = Integer.parseInt(o.getOrDefault("homes", "50"));
        int windows = Integer.parseInt(o.getOrDefault("windows", "5"));
        int keyBits = Integer.parseInt(o.getOrDefault("key-bits", "2048"));
        long seed = Long.parseLong(o.getOrDefault("seed", "1"));
        int threads = Integer.parseInt(o.getOrDefault("threads", "2"));
        int representatives = Integer.parseInt(o.getOrDefault("representatives", "0"));
        long phaseSeconds = Long.parseLong(o.getOrDefault("phase-seconds", "0"));
        Map<String, Object> result = run(FabricNetwork.at(connection), homes, windows, keyBits, seed, threads,
                representatives, phaseSeconds);
        Files.createDirectories(out);
        Path file = out.resolve("fabric.json");
        Files.writeString(file, new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
                .create().toJson(result) + "\n", StandardCharsets.UTF_8);
        System.out.println("[fabric-bench] wrote " + file);
        if (((Number) result.get("referenceMismatches")).intValue() != 0) {
            System.err.println("[fabric-bench] some windows deviate from the plaintext reference");
            System.exit(2);
        }
    }

    /**
     * @param phaseSeconds the length of every phase's deadline, or 0 for the defaults (a community of a thousand homes
     *                     on two cores needs more than the default 20 s to declare)
     */
    static Map<String, Object> run(FabricNetwork network, int homes, int windows, int keyBits, long seed,
                                   int threads, int representatives, long phaseSeconds) throws Exception {
        CommunityDay base = SyntheticCommunity.builder().homes(homes).windows(windows).seed(seed).build().generate();
        MarketParameters params = MarketParameters.defaults().withWindowSeconds(base.windowSeconds());
        MarketConfig defaults = MarketConfig.of(params, keyBits, MarketConfig.DEFAULT_SELECTION_EPOCH_WINDOWS);
        MarketConfig config = phaseSeconds > 0 ? defaults.withPhaseSeconds(phaseSeconds) : defaults;
        FabricLedgerProvider provider = network.provider();
        long first = firstFreeBlock(provider, windows);
        CommunityDay day = RepeatedDay.of(base, (int) (first / windows) + 1);
        SimulationClock clock = new SimulationClock(day.windowStart(0).toInstant(ZoneOffset.UTC));

        Map<AgentAction, AtomicLong> actionNanos = new EnumMap<>(AgentAction.class);
        for (AgentAction a : AgentAction.values()) {
            actionNanos.put(a, new AtomicLong());
        }
        List<String> errors = new ArrayList<>();
        AgentListener agents = new AgentListener() {
            @Override
            public void onAction(String homeId, long window, AgentAction action, long nanos) {
                if (window >= first) {
                    actionNanos.get(action).addAndGet(nanos);
                }
            }

            @Override
            public void onError(String homeId, long window, Exception error) {
                synchronized (errors) {
                    errors.add(homeId + " in window " + window + ": " + error);
                }
            }
        };
        Map<Integer, FabricLedger.Timings[]> perWindow = new ConcurrentHashMap<>();
        // Per window: the homes', the operator's and the representatives' connections.
        FabricLedger.Timings[] mark = {FabricLedger.Timings.NONE, FabricLedger.Timings.NONE,
            FabricLedger.Timings.NONE};
        // CPU time of every process from the end of the first window (whose time includes warming up) to the end
        // of the last: what one window costs the machine.
        List<Map<String, Duration>> cpu = new ArrayList<>();
        long[] cpuWall = new long[2];
        Simulator.SimulationListener progress = new Simulator.SimulationListener() {
            @Override
            public void stage(String message) {
                System.out.println("[fabric-bench] " + message);
                mark[0] = provider.homeTimings();
                mark[1] = provider.operatorTimings();
                mark[2] = provider.representativeTimings();
            }

            @Override
            public void windowDone(int index, int total, WindowReport report) {
                FabricLedger.Timings h = provider.homeTimings();
                FabricLedger.Timings op = provider.operatorTimings();
                FabricLedger.Timings rep = provider.representativeTimings();
                perWindow.put(index, new FabricLedger.Timings[] {h.minus(mark[0]), op.minus(mark[1]),
                    rep.minus(mark[2])});
                mark[0] = h;
                mark[1] = op;
                mark[2] = rep;
                if (index == 0 || index == total - 1) {
                    Map<String, Duration> now = network.cpuTimes();
                    ProcessHandle.current().info().totalCpuDuration().ifPresent(d -> now.put("clients", d));
                    cpu.add(now);
                    cpuWall[cpu.size() - 1] = System.nanoTime();
                }
                System.out.printf(Locale.ROOT, "[fabric-bench] window %d/%d: %s, %.0f ms%n", index + 1, total,
                        report.clearing(), report.metrics().onlineLatencyMs());
            }

            @Override
            public void error(String who, long window, Exception error) {
                synchronized (errors) {
                    errors.add(who + " in window " + window + ": " + error);
                }
            }
        };

        System.out.printf(Locale.ROOT, "[fabric-bench] %d homes x %d windows (from window %d), %d-bit keys, on %s%n",
                homes, windows, first, keyBits, network);
        RunReport report;
        try (Community community = new Community(provider, day, keyBits, FabricNetwork.keyCache(), clock, agents,
                threads)) {
            community.setRepresentatives(representatives);
            report = new Simulator(community, day, config, threads, progress)
                    .run(RunReport.builder(params), (int) first, windows);
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException("the run reported errors: " + errors);
        }
        Map<String, Object> result = describe(network, report, perWindow, actionNanos, homes, windows, keyBits,
                first, threads);
        result.put("representatives", representatives);
        result.put("phaseSeconds", new long[] {config.roleSeconds(), config.contributionSeconds(),
            config.transferSeconds(), config.outcomeSeconds()});
        result.put("transactionsPerWindow", report.medianTransactionsPerWindow());
        if (cpu.size() == 2) {
            result.put("cpuPerWindow", cpuPerWindow(cpu.get(0), cpu.get(1), (cpuWall[1] - cpuWall[0]) / 1e9,
                    windows - 1));
        }
        return result;
    }

    /** CPU seconds per window of each process between two measurements, and the share of the machine used. */
    private static Map<String, Object> cpuPerWindow(Map<String, Duration> before, Map<String, Duration> after,
                                                    double wallSeconds, int windows) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("note", "CPU seconds per window, windows 2.." + (windows + 1) + " (the first warms up); clients is "
                + "the JVM of every home agent and the operator");
        double total = 0;
        Map<String, Object> processes = new LinkedHashMap<>();
        for (Map.Entry<String, Duration> e : after.entrySet()) {
            Duration was = before.get(e.getKey());
            if (was != null) {
                double s = (e.getValue().toNanos() - was.toNanos()) / 1e9 / windows;
                total += s;
                processes.put(e.getKey(), round(s));
            }
        }
        r.put("processes", processes);
        r.put("totalCpuSeconds", round(total));
        r.put("wallSeconds", round(wallSeconds / windows));
        r.put("machineShareUsed", round(total / (wallSeconds / windows) / Runtime.getRuntime().availableProcessors()));
        return r;
    }

    /** The first multiple of {@code windows} whose window the ledger does not hold yet. */
    private static long firstFreeBlock(FabricLedgerProvider provider, int windows) throws LedgerException {
        try (Ledger operator = provider.connectOperator()) {
            MarketClient client = new MarketClient(operator, provider.channel());
            long first = 0;
            while (isOpened(client, first)) {
                first += windows;
            }
            return first;
        }
    }

    private static boolean isOpened(MarketClient client, long t) throws LedgerException {
        try {
            return client.window(t).isPresent();
        } catch (LedgerException e) {
            if ("MARKET_NOT_CONFIGURED".equals(e.errorCode())) {
                return false;
            }
            throw e;
        }
    }

    private static Map<String, Object> describe(FabricNetwork network, RunReport report,
                                                Map<Integer, FabricLedger.Timings[]> perWindow,
                                                Map<AgentAction, AtomicLong> actionNanos, int homes, int windows,
                                                int keyBits, long first, int threads) {
        RunSummary summary = report.summary();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("fabricVersion", network.fabricVersion());
        // The topology measured: the ordering service's nodes, every peer, every organisation and who endorses.
        r.putAll(network.topology());
        r.put("homes", homes);
        r.put("windows", windows);
        r.put("firstWindow", first);
        r.put("keyBits", keyBits);
        r.put("threads", threads);
        r.put("processors", Runtime.getRuntime().availableProcessors());
        // Other programs on the machine compete for the same processors; the one-minute load average at the end
        // of the run says how much.
        r.put("loadAverageAtEnd", round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        r.put("ordererBatchTimeout", network.batchTimeout());
        r.put("ordererMaxMessageCount", network.maxMessageCount());
        r.put("referenceMismatches", summary.referenceMismatches());

        Map<String, Object> latency = new LinkedHashMap<>();
        latency.put("medianMs", round(summary.medianWindowLatencyMs().orElse(Double.NaN)));
        latency.put("p95Ms", round(summary.p95WindowLatencyMs().orElse(Double.NaN)));
        latency.put("targetMedianMs", TARGET_MEDIAN_MS);
        latency.put("targetMet", summary.medianWindowLatencyMs().orElse(Double.MAX_VALUE) <= TARGET_MEDIAN_MS);
        r.put("windowLatency", latency);

        FabricLedger.Timings homesTotal = FabricLedger.Timings.NONE;
        FabricLedger.Timings operatorTotal = FabricLedger.Timings.NONE;
        FabricLedger.Timings representativesTotal = FabricLedger.Timings.NONE;
        double onlineMs = 0;
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < report.windows().size(); i++) {
            WindowReport w = report.windows().get(i);
            FabricLedger.Timings[] t = perWindow.getOrDefault(i, new FabricLedger.Timings[] {
                FabricLedger.Timings.NONE, FabricLedger.Timings.NONE, FabricLedger.Timings.NONE});
            homesTotal = homesTotal.plus(t[0]);
            operatorTotal = operatorTotal.plus(t[1]);
            representativesTotal = representativesTotal.plus(t[2]);
            onlineMs += w.metrics().onlineLatencyMs();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("window", w.outcome().window());
            row.put("clearing", w.clearing().toString());
            row.put("matchesReference", w.matchesReference());
            row.put("latencyMs", round(w.metrics().onlineLatencyMs()));
            Map<String, Object> phases = new LinkedHashMap<>();
            w.metrics().phaseLatencyMs().forEach((k, v) -> phases.put(k, round(v)));
            row.put("phasesMs", phases);
            row.put("transactions", t[0].submissions() + t[1].submissions() + t[2].submissions());
            row.put("representativeTransactions", t[2].submissions());
            row.put("queries", t[0].evaluations() + t[1].evaluations() + t[2].evaluations());
            rows.add(row);
        }
        FabricLedger.Timings all = homesTotal.plus(operatorTotal).plus(representativesTotal);
        Map<String, Object> throughput = new LinkedHashMap<>();
        throughput.put("transactions", all.submissions());
        throughput.put("queries", all.evaluations());
        throughput.put("transactionsPerSecond", round(all.submissions() / (onlineMs / 1000)));
        throughput.put("transactionsPerWindow", round((double) all.submissions() / Math.max(1, windows)));
        r.put("throughput", throughput);

        long agentNanos = 0;
        Map<String, Object> actions = new LinkedHashMap<>();
        for (Map.Entry<AgentAction, AtomicLong> e : actionNanos.entrySet()) {
            agentNanos += e.getValue().get();
            actions.put(e.getKey().name(), round(e.getValue().get() / 1e6));
        }
        long homeLedgerNanos = homesTotal.endorseNanos() + homesTotal.submitNanos() + homesTotal.commitNanos()
                + homesTotal.visibleNanos();
        Map<String, Object> time = new LinkedHashMap<>();
        time.put("note", "thread-time summed over every connection of the measured windows (homes act "
                + "concurrently, so the sums exceed the wall-clock time); clientComputationMs is the agents' "
                + "action time (encryption, decryption, proofs, the comparison) minus the ledger calls inside it");
        time.put("endorsementMs", round(all.endorseNanos() / 1e6));
        time.put("orderingSubmitMs", round(all.submitNanos() / 1e6));
        time.put("commitWaitMs", round(all.commitNanos() / 1e6));
        time.put("otherPeersCommitWaitMs", round(all.visibleNanos() / 1e6));
        time.put("queriesMs", round(all.evaluateNanos() / 1e6));
        time.put("clientComputationMs", round(Math.max(0, agentNanos - homeLedgerNanos) / 1e6));
        time.put("agentActionsMs", actions);
        time.put("retriesForUnreachableChaincode", all.retries());
        time.put("submissionsReturnedBeforeEveryPeerHadTheBlock", all.lagging());
        time.put("precomputationMs", round(summary.precomputationMs()));
        r.put("timeSpent", time);
        Map<String, Object> perTx = new LinkedHashMap<>();
        long n = Math.max(1, all.submissions());
        perTx.put("endorsementMs", round(all.endorseNanos() / 1e6 / n));
        perTx.put("orderingSubmitMs", round(all.submitNanos() / 1e6 / n));
        perTx.put("commitWaitMs", round(all.commitNanos() / 1e6 / n));
        perTx.put("otherPeersCommitWaitMs", round(all.visibleNanos() / 1e6 / n));
        r.put("perTransaction", perTx);
        r.put("perWindow", rows);
        return r;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: FabricBench --connection DIR --out DIR [--homes N] "
                        + "[--windows N] [--key-bits N] [--seed N] [--threads N]; got " + String.join(" ", args));
            }
            o.put(args[i].substring(2), args[i + 1]);
        }
        return o;
    }

    private static String required(Map<String, String> o, String name) {
        String v = o.get(name);
        if (v == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return v;
    }
}
