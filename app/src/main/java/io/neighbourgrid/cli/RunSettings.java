package io.neighbourgrid.cli;

import io.neighbourgrid.protocol.KeyPolicy;
import io.neighbourgrid.sim.bids.BidMode;
import io.neighbourgrid.sim.bids.StrategicHomes;
import io.neighbourgrid.sim.coalitions.CoalitionRule;
import io.neighbourgrid.sim.partners.PartnerOptions;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * The settings of one {@code run}, from the command line ({@link RunCommand}), every value checked against
 * {@link Limits} and {@link KeyPolicy} while parsing, so that a run that starts has settings the market accepts.
 *
 * @param data the {@code --data} file, or {@code null} for the generated day
 * @param date the first day to take from {@code data}, or {@code null} for its first full day
 * @param coalitions the coalition formation rule, or {@code null} for none
 * @param coalitionBlock windows per coalition formation block
 * @param representatives representatives acting for the homes (round-robin), 0 for none
 */
record RunSettings(int homes, int windows, long windowSeconds, int keyBits, long seed, Path data, LocalDate date,
                   LocalTime start, Path out, Converters.LedgerKind ledger, Path network, Path keys, int threads,
                   int minCoalition, int epochWindows, boolean inMemory, boolean quiet, boolean bills,
                   double deviationRate, BidMode bids, StrategicHomes strategic, CoalitionRule coalitions,
                   int coalitionBlock, PartnerOptions.Sales partners, PartnerOptions.Donations donations,
                   int representatives) {
    /** Default key size of {@code run}. */
    static final int DEFAULT_KEY_BITS = 2048;

    /** The key stores of the simulated homes without {@code --keys}: {@code $XDG_CACHE_HOME/neighbourgrid/keys}. */
    static Path defaultKeys() {
        return Path.of(System.getenv().getOrDefault("XDG_CACHE_HOME", System.getProperty("user.home") + "/.cache"),
                "neighbourgrid", "keys");
    }

    /** The threads without {@code --threads}: one per core. */
    static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }
}
