package io.neighbourgrid.crypto.proof;

import io.neighbourgrid.crypto.math.BarrettReducer;
import io.neighbourgrid.crypto.math.FixedBaseTable;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Fixed-base tables for the two bases s and t of one ring-Pedersen parameter set, shared by every prover and
 * verifier of the range and contribution proofs. A commitment s^x t^r with r of about |N^| + 256 bits then costs
 * one modular multiplication per 5-bit digit of r and no squaring ({@link FixedBaseTable}), about a fifth of a
 * {@code modPow}. Tables are built on first use and kept in a small process-wide cache keyed by the parameters'
 * fingerprint (at most {@value #CACHED} sets; the market has one); instances are immutable and thread-safe.
 *
 * <p>About 4.3 MB for t and 1.7 MB for s at 2048-bit parameters, built in roughly the time of ten exponentiations.
 * Not constant time: the prover's secret exponents are its own values (a home's slot values and masks), whose
 * timing is not observable from the ledger.
 */
public final class RingPedersenTables {
    /** Number of parameter sets whose tables are kept. */
    public static final int CACHED = 4;
    private static final int WINDOW = 5;
    /** Exponents of s stay below this many bits beyond nothing: values, masks and batch sums of them. */
    private static final int S_EXPONENT_BITS = 1088;
    /** Exponents of t: up to |N^| + the widest mask (|N^| + 2 l + eps + 64 slot bits) plus batch coefficients. */
    private static final int T_EXTRA_BITS = 640;
    private static final Map<String, RingPedersenTables> CACHE = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RingPedersenTables> eldest) {
            return size() > CACHED;
        }
    };

    private final RingPedersenParameters params;
    private final BarrettReducer reducer;
    private final FixedBaseTable s;
    private final FixedBaseTable t;

    private RingPedersenTables(RingPedersenParameters params) {
        this.params = params;
        this.reducer = new BarrettReducer(params.modulus());
        this.s = new FixedBaseTable(params.s(), reducer, S_EXPONENT_BITS, WINDOW);
        this.t = new FixedBaseTable(params.t(), reducer, params.bits() + T_EXTRA_BITS, WINDOW);
    }

    /**
     * The tables of a parameter set, built on first use and cached.
     *
     * @param params the ring-Pedersen parameters
     * @return their tables
     */
    public static RingPedersenTables of(RingPedersenParameters params) {
        Objects.requireNonNull(params, "params");
        String key = HexFormat.of().formatHex(params.fingerprintBytes());
        synchronized (CACHE) {
            RingPedersenTables known = CACHE.get(key);
            if (known != null && known.params.equals(params)) {
                return known;
            }
        }
        RingPedersenTables built = new RingPedersenTables(params);
        synchronized (CACHE) {
            CACHE.putIfAbsent(key, built);
            return CACHE.get(key);
        }
    }

    /** The parameters these tables are for. */
    public RingPedersenParameters parameters() {
        return params;
    }

    /** The reducer modulo N^, shared with the callers' other arithmetic. */
    BarrettReducer reducer() {
        return reducer;
    }

    /** s^x mod N^ for any integer x (a negative x through the inverse). */
    public BigInteger s(BigInteger x) {
        return signedPow(s, x);
    }

    /** t^x mod N^ for any integer x (a negative x through the inverse). */
    public BigInteger t(BigInteger x) {
        return signedPow(t, x);
    }

    /** The commitment s^x t^r mod N^. */
    public BigInteger commit(BigInteger x, BigInteger r) {
        return reducer.multiply(s(x), t(r));
    }

    /** b^x mod N^ for an element b and any integer x (a negative x through the inverse). */
    BigInteger pow(BigInteger b, BigInteger x) {
        BigInteger n = params.modulus();
        return x.signum() >= 0 ? b.modPow(x, n) : b.modInverse(n).modPow(x.negate(), n);
    }

    private BigInteger signedPow(FixedBaseTable table, BigInteger x) {
        BigInteger positive = table.pow(x.abs());
        return x.signum() >= 0 ? positive : positive.modInverse(params.modulus());
    }
}
