package io.neighbourgrid.protocol.ecoin;

/**
 * A billing period: open while trading goes on, closed with its totals when the bills are written.
 *
 * @param period           the period's index (0, 1, ...)
 * @param openedAt         when it opened
 * @param closedAt         when it closed, {@code null} while open
 * @param openPairings     pairings made but not closed
 * @param meterPairings    closed pairings between two meters
 * @param gridImports      closed pairings of a grid offer: pieces the substation bought from the main grid
 * @param gridExports      closed pairings of a grid request: pieces the substation sold to the main grid
 * @param billedCoins      at close, the sum of the meters' net coins
 * @param outstandingCoins at close, {@code billedCoins - (gridImports - gridExports)}: coins meters still hold
 */
public record PeriodRecord(long period, String openedAt, String closedAt, long openPairings, long meterPairings,
                           long gridImports, long gridExports, long billedCoins, long outstandingCoins) {
    /** A freshly opened period. */
    public static PeriodRecord open(long period, String at) {
        return new PeriodRecord(period, at, null, 0, 0, 0, 0, 0, 0);
    }

    /** This period with one more pairing made. */
    public PeriodRecord paired() {
        return new PeriodRecord(period, openedAt, closedAt, openPairings + 1, meterPairings, gridImports, gridExports,
                billedCoins, outstandingCoins);
    }

    /** This period with a pairing closed. */
    public PeriodRecord closedPairing(Party offer, Party request) {
        return new PeriodRecord(period, openedAt, closedAt, openPairings - 1,
                meterPairings + (offer == Party.METER && request == Party.METER ? 1 : 0),
                gridImports + (offer == Party.GRID ? 1 : 0), gridExports + (request == Party.GRID ? 1 : 0),
                billedCoins, outstandingCoins);
    }

    /** This period with a pairing cancelled. */
    public PeriodRecord cancelledPairing() {
        return new PeriodRecord(period, openedAt, closedAt, openPairings - 1, meterPairings, gridImports, gridExports,
                billedCoins, outstandingCoins);
    }

    /** This period closed with the sum of its bills. */
    public PeriodRecord close(String at, long billed) {
        return new PeriodRecord(period, openedAt, at, openPairings, meterPairings, gridImports, gridExports, billed,
                billed - (gridImports - gridExports));
    }
}
