package io.neighbourgrid.sim.ecoin;

import picocli.CommandLine.Option;

/** The options of {@code run --market ecoin}: the microgrid and the e-coin settings (a picocli mixin). */
public final class EcoinOptions {
    @Option(names = "--meters-a", paramLabel = "N", defaultValue = "2",
            description = "with --market ecoin: type A meters, low producers, 0 to 100 (default ${DEFAULT-VALUE})")
    int metersA;

    @Option(names = "--meters-b", paramLabel = "N", defaultValue = "4",
            description = "with --market ecoin: type B meters, high producers, 0 to 100 (default ${DEFAULT-VALUE})")
    int metersB;

    @Option(names = "--piece-watts", paramLabel = "W", defaultValue = "200",
            description = "with --market ecoin: the power of the piece one coin buys, for 15 minutes "
                    + "(default ${DEFAULT-VALUE})")
    long pieceWatts;

    @Option(names = "--coin-value-micros", paramLabel = "V", defaultValue = "12500",
            description = "with --market ecoin: a coin's value in millionths of the currency unit "
                    + "(default ${DEFAULT-VALUE}: 50 Wh at 0.25/kWh)")
    long coinValueMicros;

    @Option(names = "--blind-key-bits", paramLabel = "B", defaultValue = "2048",
            description = "with --market ecoin: the substation's RSA modulus, 2048 to 4096 (default ${DEFAULT-VALUE})")
    int blindKeyBits;

    @Option(names = "--export-threshold", paramLabel = "N", defaultValue = "0",
            description = "with --market ecoin: unpaired meter offers the substation leaves before it buys the rest "
                    + "for the main grid (default ${DEFAULT-VALUE})")
    int exportThreshold;

    @Option(names = "--slot-stride", paramLabel = "K", defaultValue = "1",
            description = "with --market ecoin: trade every K-th quarter hour of the day (default ${DEFAULT-VALUE})")
    int slotStride;

    /**
     * The day's settings.
     *
     * @param seed the run's seed
     * @throws IllegalArgumentException naming the option out of range
     */
    public EcoinDaySettings settings(long seed) {
        require(metersA >= 0 && metersA <= 100 && metersB >= 0 && metersB <= 100 && metersA + metersB >= 2,
                "--meters-a and --meters-b are 0 to 100 each, at least 2 meters in all");
        require(pieceWatts >= 1 && pieceWatts <= 100_000, "--piece-watts is 1 to 100000");
        require(coinValueMicros >= 1 && coinValueMicros <= 1_000_000_000, "--coin-value-micros is 1 to 10^9");
        require(blindKeyBits >= 2048 && blindKeyBits <= 4096, "--blind-key-bits is 2048 to 4096");
        require(exportThreshold >= 0, "--export-threshold is not negative");
        require(slotStride >= 1 && slotStride <= 96, "--slot-stride is 1 to 96");
        return new EcoinDaySettings(metersA, metersB, pieceWatts, coinValueMicros, blindKeyBits, exportThreshold,
                slotStride, seed);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
