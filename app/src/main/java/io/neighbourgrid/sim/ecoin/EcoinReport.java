package io.neighbourgrid.sim.ecoin;

import com.google.gson.GsonBuilder;
import io.neighbourgrid.protocol.ecoin.Bill;
import io.neighbourgrid.protocol.ecoin.Party;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The report of an e-coin day: {@code ecoin-report.json} (the settings, the closed period, every bill, the balance
 * checks and the pairing times read from the ledger) and {@code ecoin-report.md} (the same for a reader).
 */
public final class EcoinReport {
    private EcoinReport() {
    }

    /** What {@code ecoin-report.json} holds. */
    record Json(EcoinDaySettings settings, String data, String ledger, long pieceMinutes, long gridImports,
                long gridExports, long meterPairings, long billedCoins, boolean balanced, boolean billsMatchTrade,
                int withdrawals, int depositedCoins, Double meanPairingSecondsGridOffer,
                Double meanPairingSecondsMeterOffer, double wallSeconds, List<Bill> bills) {
    }

    /** Writes both files into {@code dir}; returns the Markdown file. */
    public static Path write(EcoinDayResult r, int pieceMinutes, Path dir) throws IOException {
        Files.createDirectories(dir);
        Json json = new Json(r.settings(), r.dataSource(), r.ledger(), pieceMinutes, r.period().gridImports(),
                r.period().gridExports(), r.period().meterPairings(), r.billedCoins(), r.balanced(),
                r.billsMatchTrade(), r.withdrawals(), r.deposited(), mean(r, Party.GRID), mean(r, Party.METER),
                r.seconds(), r.bills());
        Files.writeString(dir.resolve("ecoin-report.json"),
                new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(json) + "\n",
                StandardCharsets.UTF_8);
        Path md = dir.resolve("ecoin-report.md");
        Files.writeString(md, markdown(r, pieceMinutes), StandardCharsets.UTF_8);
        return md;
    }

    /** The human-readable report. */
    static String markdown(EcoinDayResult r, int pieceMinutes) {
        StringBuilder sb = new StringBuilder();
        EcoinDaySettings s = r.settings();
        sb.append("# E-coin microgrid day\n\n");
        sb.append(String.format(Locale.ROOT, "%d type A and %d type B meters on the %s ledger; a coin buys %d W for "
                        + "%d min and is worth %s; consumption %s.%n%n", s.metersA(), s.metersB(), r.ledger(),
                s.pieceWatts(), pieceMinutes, money(s.coinValueMicros()), r.dataSource()));
        sb.append("## Bills (withdrawn - deposited) x coin value\n\n");
        sb.append("| meter | withdrawn | deposited | net coins | amount | |\n|---|---:|---:|---:|---:|---|\n");
        for (Bill b : r.bills()) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %s | %s |%n", b.meterId(), b.withdrawn(),
                    b.deposited(), b.netCoins(), money(Math.abs(b.amountMicros())),
                    b.amountMicros() > 0 ? "charged" : b.amountMicros() < 0 ? "paid" : ""));
        }
        sb.append(String.format(Locale.ROOT, "%nGrid exchange: the substation bought %d pieces from the main grid "
                        + "and sold %d to it; the meters traded %d pieces among themselves.%n",
                r.period().gridImports(), r.period().gridExports(), r.period().meterPairings()));
        sb.append(String.format(Locale.ROOT, "Sum of the bills: %d coins; imports - exports: %d coins: %s.%n",
                r.billedCoins(), r.period().gridImports() - r.period().gridExports(),
                r.balanced() ? "balanced" : "NOT BALANCED"));
        sb.append(String.format(Locale.ROOT, "Every bill equals its meter's own record of bought - sold pieces: "
                + "%s.%n%n", r.billsMatchTrade() ? "yes" : "NO"));
        sb.append("## Pairing time on the ledger (request to receipt, ledger timestamps)\n\n");
        sb.append(String.format(Locale.ROOT, "offers by the substation (grid): %s s; offers by meters: %s s%n%n",
                fmt(mean(r, Party.GRID)), fmt(mean(r, Party.METER))));
        sb.append(String.format(Locale.ROOT, "%d identified withdrawals, %d coins deposited; the day took %.1f s.%n",
                r.withdrawals(), r.deposited(), r.seconds()));
        return sb.toString();
    }

    private static Double mean(EcoinDayResult r, Party p) {
        var m = r.meanPairingSeconds(p);
        return m.isPresent() ? m.getAsDouble() : null;
    }

    private static String fmt(Double v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String money(long micros) {
        return String.format(Locale.ROOT, "%.4f", micros / 1e6);
    }
}
