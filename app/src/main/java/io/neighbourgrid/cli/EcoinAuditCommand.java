package io.neighbourgrid.cli;

import io.neighbourgrid.ecoin.EcoinAudit;
import io.neighbourgrid.ecoin.EcoinClient;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.sim.LedgerProvider;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ecoin-audit}: re-checks every bill of a closed e-coin billing period from the ledger. */
@Command(name = "ecoin-audit", mixinStandardHelpOptions = true, versionProvider = Version.class,
        header = "Re-check the bills of an e-coin billing period from the ledger.",
        description = {"Recomputes every bill of the period from its account, recounts the grid exchange from the "
                + "closed pairings and checks that the bills sum to it (docs/ecoin.md). Reads the ledger an earlier "
                + "'run --market ecoin' left in --out, or the Fabric network."},
        footerHeading = "%n", footer = "Exit codes: 0 PASS, 1 FAIL or a failure, 2 bad usage.")
final class EcoinAuditCommand implements Callable<Integer> {
    @ParentCommand
    private NeighbourgridCommand top;

    @Spec
    private CommandSpec spec;

    @Mixin
    private LedgerOptions ledgerOptions;

    @Option(names = "--period", paramLabel = "P", defaultValue = "0",
            description = "the billing period (default ${DEFAULT-VALUE})")
    private long period;

    @Override
    public Integer call() throws IOException, LedgerException {
        PrintStream out = top.out();
        EcoinAudit.Report r;
        try (LedgerProvider provider = ledgerOptions.open(spec)) {
            r = EcoinAudit.audit(new EcoinClient(provider.connectOperator()), period);
        }
        r.bills().forEach(b -> out.printf(Locale.ROOT, "bill %s: withdrawn %d, deposited %d, net %d coins, %.4f%n",
                b.meterId(), b.withdrawn(), b.deposited(), b.netCoins(), b.amountMicros() / 1e6));
        out.printf(Locale.ROOT, "grid: %d imported, %d exported; %d coins still held by meters%n",
                r.period().gridImports(), r.period().gridExports(), r.heldCoins());
        r.findings().forEach(f -> out.println("finding: " + f));
        out.println(r.passed() ? "PASS" : "FAIL");
        return r.passed() ? Main.OK : Main.FAILED;
    }
}
