package io.neighbourgrid.ecoin;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything a meter's unidentified traffic contains that is its own: offer and request ids, one-time keys, the
 * coins it paid with and received, the blinded messages of its fresh coins. The unlinkability scan searches the
 * ledger for any of it next to the meter's identity. Also the meter's energy trade, for checking its bill.
 */
public final class MeterTrail {
    private final Set<String> unidentified = new TreeSet<>();
    private final Set<String> deposited = new TreeSet<>();
    private long bought;
    private long sold;
    private long boughtFromGrid;
    private long soldToGrid;

    void unidentified(String value) {
        unidentified.add(value);
    }

    void deposited(String coinHash) {
        deposited.add(coinHash);
    }

    void bought(boolean fromGrid) {
        bought++;
        boughtFromGrid += fromGrid ? 1 : 0;
    }

    void sold(boolean toGrid) {
        sold++;
        soldToGrid += toGrid ? 1 : 0;
    }

    /** The values of the meter's unidentified messages. */
    public Set<String> unidentifiedValues() {
        return Collections.unmodifiableSet(unidentified);
    }

    /** The hashes of the coins the meter deposited. */
    public Set<String> depositedCoins() {
        return Collections.unmodifiableSet(deposited);
    }

    /** Pieces the meter bought (paid for). */
    public long bought() {
        return bought;
    }

    /** Pieces the meter sold (was paid for). */
    public long sold() {
        return sold;
    }

    /** Pieces bought from the grid. */
    public long boughtFromGrid() {
        return boughtFromGrid;
    }

    /** Pieces sold to the grid. */
    public long soldToGrid() {
        return soldToGrid;
    }
}
