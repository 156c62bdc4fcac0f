package io.neighbourgrid.cli;

import io.neighbourgrid.agent.KeyStoreFile;
import io.neighbourgrid.agent.MarketClient;
import io.neighbourgrid.agent.Passphrases;
import io.neighbourgrid.audit.BillVerifier;
import io.neighbourgrid.audit.Finding;
import io.neighbourgrid.billing.BillingClient;
import io.neighbourgrid.billing.HomeBilling;
import io.neighbourgrid.crypto.paillier.PaillierPrivateKey;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.ledger.Ledger;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.protocol.billing.state.Bill;
import io.neighbourgrid.protocol.billing.state.BillLines;
import io.neighbourgrid.protocol.billing.state.PartnerBill;
import io.neighbourgrid.protocol.billing.state.PartnerBillLines;
import io.neighbourgrid.protocol.state.HomeRecord;
import io.neighbourgrid.sim.LedgerProvider;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code bill --home H --period FROM-TO}: a home's bill from the ledger, every line re-checked, and compared with
 * the home's own records when its key store is in {@code --keys}.
 */
@Command(name = "bill", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        header = "A home's bill from the ledger, every line re-checked.",
        description = {"Prints a home's bill from the ledger of an earlier 'run --bills' and re-checks every line "
                + "against the ledger, and against the home's own records when its key store is in --keys."},
        footerHeading = "%n",
        footer = "Exit codes: 0 every check holds, 1 a check fails (or the home has no such bill, or a failure), "
                + "2 bad usage.")
final class BillCommand implements Callable<Integer> {
    @ParentCommand
    private NeighbourgridCommand top;

    @Spec
    private CommandSpec spec;

    @Option(names = "--home", paramLabel = "H", required = true, description = "the home, e.g. h001")
    String home;

    @Option(names = "--period", paramLabel = "FROM-TO", required = true, converter = Converters.PeriodValue.class,
            description = "the bill's first and last window, e.g. 0-59")
    Converters.Period period;

    @Mixin
    LedgerOptions ledgerOptions;

    @Option(names = "--keys", paramLabel = "DIR", converter = Converters.PathValue.class,
            description = "key stores of the simulated homes (default as for run)")
    Path keys;

    @Option(names = "--passphrase-file", paramLabel = "FILE", converter = Converters.PathValue.class,
            description = {"the home's key-store passphrase, first line of FILE (mode 0600); else "
                    + Passphrases.ENVIRONMENT + ", else the simulated community's KEYS/passphrase, else a prompt"})
    Path passphraseFile;

    @Override
    public Integer call() throws IOException, LedgerException {
        PrintStream out = top.out();
        PrintStream err = top.err();
        try (LedgerProvider provider = ledgerOptions.open(spec); Ledger ledger = provider.connectOperator()) {
            MarketClient market = new MarketClient(ledger, provider.channel());
            BillingClient billing = new BillingClient(ledger, provider.channel());
            Optional<Bill> bill = billing.bill(home, period.from(), period.to());
            if (bill.isEmpty()) {
                err.println("error: home " + home + " has no bill for windows " + period);
                return Main.FAILED;
            }
            print(bill.get(), out);
            HomeRecord record = market.home(home).orElseThrow();
            PaillierPrivateKey key = homeKey(record.keyBits());
            HomeBilling homeBilling = new HomeBilling(home, billing, PaillierPublicKey.fromBase64(
                    record.paillierKey()), key, new SecureRandom());
            List<Finding> findings;
            if (key != null) {
                findings = new ArrayList<>(homeBilling.checkBill(period.from(), period.to(), null));
            } else {
                findings = new ArrayList<>(homeBilling.checkBillOnLedger(period.from(), period.to()));
                findings.add(Finding.note("own records", "no key store of " + home + " in " + keysDir()
                        + ": the lines are checked against the ledger only"));
            }
            Optional<PartnerBill> partner = billing.partnerBill(home, period.from(), period.to());
            if (partner.isPresent()) {
                printPartnerLines(partner.get(), out);
                findings.addAll(BillVerifier.verifyPartnerBill(partner.get(), billing.partnerLines(home,
                        period.from(), period.to()), billing.billingKey(), provider.channel()));
            }
            out.println("checks:");
            for (Finding f : findings) {
                out.printf(Locale.ROOT, "  %-4s %s: %s%n", f.status(), f.check(), f.detail());
            }
            boolean ok = findings.stream().noneMatch(Finding::failed);
            out.println("verdict: " + (ok ? "PASS" : "FAIL"));
            return ok ? Main.OK : Main.FAILED;
        }
    }

    /** Prints a bill's lines in natural units. */
    static void print(Bill bill, PrintStream out) {
        BillLines l = bill.lines();
        out.printf(Locale.ROOT, "bill of %s for windows %s (transaction %s at %s)%n", bill.homeId(), bill.period(),
                bill.txId(), bill.postedAt());
        line(out, "market energy sold", l.soldEnergy(), l.soldAmount(), "received");
        line(out, "market energy bought", l.boughtEnergy(), l.boughtAmount(), "paid");
        line(out, "grid import", l.importEnergy(), l.importAmount(), "paid");
        line(out, "grid export", l.exportEnergy(), l.exportAmount(), "received");
        BigInteger balance = l.balance();
        out.printf(Locale.ROOT, "  %-22s %s cents (%s)%n", "balance", cents(balance.abs()),
                balance.signum() >= 0 ? "the home receives" : "the home pays");
        out.printf(Locale.ROOT, "  windows: %d (%d in the market); missing meter reports %s (billed from the "
                        + "home's record); missing records %s (grid only at metered values); unbilled %s%n",
                bill.windows().windows(), bill.windows().marketWindows(), bill.windows().missingReportWindows(),
                bill.windows().missingRecordWindows(), bill.windows().unbilledWindows());
        out.printf(Locale.ROOT, "  deviation check: metered net minus (committed + grid export - grid import) = %s "
                + "energy units%s%n", l.residual(), l.consistentWithMeters() ? "" : "  <-- records disagree with "
                + "the meter");
    }

    /** Prints the partner lines posted beside a bill ({@code docs/partners.md}, section 4). */
    static void printPartnerLines(PartnerBill partner, PrintStream out) {
        PartnerBillLines l = partner.lines();
        out.printf(Locale.ROOT, "partner lines (transaction %s, %d windows recorded%s)%n", partner.txId(),
                partner.recorded(), partner.missing().isEmpty() ? "" : ", no lines for windows " + partner.missing());
        out.printf(Locale.ROOT, "  %-22s %14s kWh  %14s cents received%n", "to partners",
                kwh(l.energyOut()), cents(new BigInteger(l.moneyIn())));
        out.printf(Locale.ROOT, "  %-22s %14s kWh  %14s cents paid%n", "from partners",
                kwh(l.energyIn()), cents(new BigInteger(l.moneyOut())));
        BigInteger net = l.net();
        out.printf(Locale.ROOT, "  %-22s %s cents (%s)%n", "partner money, net", cents(net.abs()),
                net.signum() >= 0 ? "the home receives" : "the home pays");
        out.printf(Locale.ROOT, "  the grid lines above include %s kWh of export that went to partners and %s kWh of "
                + "import that came from them%n", kwh(l.gridExportAvoided()), kwh(l.gridImportAvoided()));
    }

    private static String kwh(String energy) {
        return new BigDecimal(new BigInteger(energy), 6).toPlainString();
    }

    private static void line(PrintStream out, String name, String energy, String amount, String direction) {
        out.printf(Locale.ROOT, "  %-22s %14s kWh  %14s cents %s%n", name,
                new BigDecimal(new BigInteger(energy), 6).toPlainString(), cents(BillLines.money(amount)), direction);
    }

    private static String cents(BigInteger money) {
        return new BigDecimal(money, 6).setScale(2, RoundingMode.FLOOR).toPlainString();
    }

    /** The home's private key from its key store, or {@code null} when there is none. */
    private PaillierPrivateKey homeKey(int bits) throws IOException {
        Path file = keysDir().resolve(home + "-" + bits + ".key");
        if (!Files.exists(file)) {
            return null;
        }
        return KeyStoreFile.read(file, home, passphrase());
    }

    /**
     * The home's passphrase, as a home controller takes it: {@code --passphrase-file}, the environment, the
     * simulated community's file beside the keys, or a prompt on the terminal. Never a built-in constant.
     */
    private char[] passphrase() throws IOException {
        if (passphraseFile != null) {
            return Passphrases.fromFile(passphraseFile);
        }
        Optional<char[]> env = Passphrases.fromEnvironment(Passphrases.ENVIRONMENT);
        if (env.isPresent()) {
            return env.get();
        }
        if (Passphrases.hasSimulatorPassphrase(keysDir())) {
            return Passphrases.fromFile(keysDir().resolve(Passphrases.FILE_NAME));
        }
        return Passphrases.fromPrompt("passphrase of " + home + "'s key store: ").orElseThrow(
                () -> new Passphrases.PassphraseException("no passphrase for " + home + "'s key store: give "
                        + "--passphrase-file, set " + Passphrases.ENVIRONMENT + " or run on a terminal"));
    }

    private Path keysDir() {
        return keys != null ? keys : RunSettings.defaultKeys();
    }
}
