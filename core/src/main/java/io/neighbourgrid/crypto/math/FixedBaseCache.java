package io.neighbourgrid.crypto.math;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Process-wide {@link FixedBaseTable}s for the public bases every proof raises again and again: s and t of the
 * registered ring-Pedersen parameters. A table is built the first time a (base, modulus) pair is asked for with an
 * exponent size, and kept for the next proofs; at most {@value #MAX_TABLES} tables are kept, the least recently used
 * dropped first. Thread-safe: lookups are synchronised, tables are immutable.
 *
 * <p>Only for public bases and moduli (the table's timing depends on the exponent, like {@link BigInteger#modPow}).
 * A table for exponents of up to b bits with a w-bit window holds ceil(b / w) (2^w - 1) residues: with w =
 * {@value #WINDOW} about 27 MB for 2,688-bit exponents modulo a 2048-bit modulus (8-bit windows take a third fewer
 * multiplications per power than 5-bit ones, for five times the memory).
 *
 * <pre>{@code
 * BigInteger c = FixedBaseCache.pow(s, x, nHat);   // s^x mod N^, x of any sign
 * }</pre>
 */
public final class FixedBaseCache {
    /** Most tables kept at once. */
    public static final int MAX_TABLES = 8;
    /** Window of every table, in bits. */
    public static final int WINDOW = 8;

    private static final Map<Key, Entry> TABLES = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
            return size() > MAX_TABLES;
        }
    };

    private FixedBaseCache() {
    }

    /**
     * base^exponent mod modulus for a public base; a negative exponent is that of the inverse.
     *
     * @param base     a unit modulo {@code modulus}
     * @param exponent any integer
     * @param modulus  the modulus
     * @return the power, in [0, modulus)
     * @throws ArithmeticException if the exponent is negative and the base not invertible
     */
    public static BigInteger pow(BigInteger base, BigInteger exponent, BigInteger modulus) {
        Objects.requireNonNull(exponent, "exponent");
        BigInteger power = table(base, modulus, exponent.bitLength()).pow(exponent.abs());
        return exponent.signum() >= 0 ? power : power.modInverse(modulus);
    }

    /**
     * The table of {@code base} modulo {@code modulus} for exponents of at least {@code bits} bits: the cached one
     * if it is large enough, otherwise a new one (for the larger of {@code bits} and the old size) that replaces it.
     *
     * @param base    the base
     * @param modulus the modulus
     * @param bits    the exponent size needed
     * @return the table
     */
    public static FixedBaseTable table(BigInteger base, BigInteger modulus, int bits) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(modulus, "modulus");
        Key key = new Key(base, modulus);
        Entry old;
        synchronized (TABLES) {
            old = TABLES.get(key);
        }
        if (old != null && old.bits >= bits) {
            return old.table;
        }
        int size = Math.max(Math.max(bits, 1), old == null ? 0 : old.bits);
        Entry fresh = new Entry(size, new FixedBaseTable(base, new BarrettReducer(modulus), size, WINDOW));
        synchronized (TABLES) {
            Entry current = TABLES.get(key);
            if (current != null && current.bits >= size) {
                return current.table;
            }
            TABLES.put(key, fresh);
        }
        return fresh.table;
    }

    private record Key(BigInteger base, BigInteger modulus) {
    }

    private record Entry(int bits, FixedBaseTable table) {
    }
}
