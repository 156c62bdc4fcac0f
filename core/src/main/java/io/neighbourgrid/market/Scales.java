package io.neighbourgrid.market;

/**
 * The fixed-point scales of every market quantity (see {@code docs/architecture.md}, "Number formats").
 *
 * <p>All market arithmetic is done on integers so that chaincode endorsers, home agents and the plaintext
 * reference agree bit for bit. A quantity {@code q} in its natural unit is held as {@code round(q * SCALE)}.
 */
public final class Scales {

    /** Energy (g, l, b, sn, E_s, E_b, allocations): 1 unit = 10^-6 kWh. */
    public static final long ENERGY = 1_000_000L;

    /** Load-behaviour preference k of a seller (PEM Eq. 4): 1 unit = 10^-6 utility units. */
    public static final long PREFERENCE = 1_000_000L;

    /** Battery loss coefficient epsilon in (0, 1) (PEM Eq. 4): 1 unit = 10^-6. */
    public static final long EPSILON = 1_000_000L;

    /** Prices (ps, pb, p_l, p_h, p): 1 unit = 10^-6 cent per kWh. */
    public static final long PRICE = 1_000_000L;

    /** Money: 1 unit = 10^-6 cent. */
    public static final long MONEY = 1_000_000L;

    /** Number of fractional bits of the fill ratio rho in [0, 1]: 1 unit = 2^-40. */
    public static final int RATIO_BITS = 40;

    /** The fill ratio 1 (the whole long side trades in the market), {@code 2^RATIO_BITS}. */
    public static final long RATIO_ONE = 1L << RATIO_BITS;

    private Scales() {
    }
}
