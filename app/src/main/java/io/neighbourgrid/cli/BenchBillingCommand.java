package io.neighbourgrid.cli;

import io.neighbourgrid.bench.BillingBench;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code bench-billing}: bills of a community over one period computed, proven and verified, stage by stage. */
@Command(name = "bench-billing", mixinStandardHelpOptions = true, versionProvider = Version.class,
        sortOptions = false,
        header = "The billing benchmark: bills computed, proven and verified.",
        description = {"Bills of 1,000 homes over 96 windows computed, proven and verified, stage by stage; the "
                + "figures are written to billing.json in --out."})
final class BenchBillingCommand implements Callable<Integer> {
    @ParentCommand
    private NeighbourgridCommand top;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "bench", converter = Converters.PathValue.class,
            description = "where billing.json goes (default ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--quick", description = "a short bench: 50 homes")
    boolean quick;

    @Option(names = "--homes", paramLabel = "N", converter = Converters.BenchHomes.class,
            description = "homes, " + Limits.BENCH_HOMES_MIN + " to " + Limits.BENCH_HOMES_MAX
                    + " (default 1000; with --quick 50)")
    Integer homes;

    @Option(names = "--windows", paramLabel = "T", defaultValue = "96", converter = Converters.BenchWindows.class,
            description = "windows of the billing period, " + Limits.BENCH_WINDOWS_MIN + " to "
                    + Limits.BENCH_WINDOWS_MAX + " (default ${DEFAULT-VALUE})")
    int windows;

    @Option(names = "--key-bits", paramLabel = "B", defaultValue = "2048", converter = Converters.BillingKeyBits.class,
            description = "Paillier modulus length of the billing key, " + Limits.BILLING_KEY_BITS_TEXT
                    + " (default ${DEFAULT-VALUE})")
    int keyBits;

    @Option(names = "--threads", paramLabel = "N", converter = Converters.Threads.class,
            description = "threads, " + Limits.THREADS_MIN + " to " + Limits.THREADS_MAX + " (default: one per core)")
    Integer threads;

    @Option(names = "--deviation-rate", paramLabel = "R", defaultValue = "0.1", converter = Converters.Share.class,
            description = "share of home-windows whose metered energy deviates from the plan, 0 to 1 "
                    + "(default ${DEFAULT-VALUE})")
    double deviationRate;

    @Override
    public Integer call() throws IOException, InterruptedException {
        BillingBench.Settings settings = new BillingBench.Settings(
                homes != null ? homes : quick ? 50 : 1000,
                windows,
                keyBits,
                threads != null ? threads : RunSettings.defaultThreads(),
                deviationRate, 1);
        BillingBench.run(settings, out, top.err());
        return Main.OK;
    }
}
