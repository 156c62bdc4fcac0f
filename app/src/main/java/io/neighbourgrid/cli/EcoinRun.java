package io.neighbourgrid.cli;

import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.sim.LedgerProvider;
import io.neighbourgrid.sim.SimulationClock;
import io.neighbourgrid.sim.data.DataFormatException;
import io.neighbourgrid.sim.ecoin.EcoinDay;
import io.neighbourgrid.sim.ecoin.EcoinDayResult;
import io.neighbourgrid.sim.ecoin.EcoinDaySettings;
import io.neighbourgrid.sim.ecoin.EcoinOptions;
import io.neighbourgrid.sim.ecoin.EcoinReport;
import io.neighbourgrid.sim.ecoin.MicrogridProfiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/** {@code run --market ecoin}: a microgrid day of the e-coin system (docs/ecoin.md), with its bills and report. */
final class EcoinRun {
    /** The quarter-hour slot of the day: the piece's time. */
    static final int SLOT_MINUTES = 15;

    private EcoinRun() {
    }

    static int run(EcoinOptions options, RunSettings s, PrintStream out, PrintStream err,
                   RunCommand.Start start)
            throws IOException, DataFormatException, LedgerException {
        EcoinDaySettings settings;
        try {
            settings = options.settings(s.seed());
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return Main.USAGE;
        }
        MicrogridProfiles profiles = s.data() == null ? MicrogridProfiles.generated(SLOT_MINUTES, s.seed())
                : MicrogridProfiles.uci(s.data(), s.date(), SLOT_MINUTES);
        LocalDateTime day = (s.date() != null ? s.date() : LocalDate.of(2026, 6, 1)).atStartOfDay();
        SimulationClock clock = new SimulationClock(day.toInstant(ZoneOffset.UTC));
        EcoinDayResult r;
        try (LedgerProvider provider = RunCommand.provider(s, clock, start)) {
            r = EcoinDay.run(provider, clock, day, profiles, settings);
        }
        Path md = EcoinReport.write(r, SLOT_MINUTES, s.out());
        out.printf(Locale.ROOT, "%d type A + %d type B meters on the %s ledger, %d-bit substation key%n",
                settings.metersA(), settings.metersB(), r.ledger(), settings.blindKeyBits());
        out.printf(Locale.ROOT, "pieces: %d between meters, %d bought from the grid, %d sold to it%n",
                r.period().meterPairings(), r.period().gridImports(), r.period().gridExports());
        r.bills().forEach(b -> out.printf(Locale.ROOT, "bill %s: withdrawn %d, deposited %d, %s %.4f%n",
                b.meterId(), b.withdrawn(), b.deposited(), b.amountMicros() >= 0 ? "charged" : "paid",
                Math.abs(b.amountMicros()) / 1e6));
        out.printf(Locale.ROOT, "bills sum to %d coins, grid imports - exports %d: %s%n", r.billedCoins(),
                r.period().gridImports() - r.period().gridExports(), r.balanced() ? "balanced" : "NOT balanced");
        out.println("report: " + md.toAbsolutePath());
        return r.balanced() && r.billsMatchTrade() ? Main.OK : Main.FAILED;
    }
}
