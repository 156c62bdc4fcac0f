package io.neighbourgrid.crypto.proof;

import io.neighbourgrid.crypto.math.BarrettReducer;
import io.neighbourgrid.crypto.math.FixedBaseCache;
import java.math.BigInteger;
import java.util.Objects;

/**
 * Fixed-base tables for the two bases s and t of one ring-Pedersen parameter set, shared by every prover and
 * verifier of the range and contribution proofs. A commitment s^x t^r with r of about |N^| + 256 bits then costs
 * one modular multiplication per 8-bit digit of r and no squaring (a fixed-base table), about an eighth of a
 * {@code modPow}. The tables are the process-wide ones of {@link FixedBaseCache}, which the mask
 * transfer and outcome proofs share; instances are immutable and thread-safe.
 *
 * <p>About 27 MB for t and 11 MB for s at 2048-bit parameters, built in roughly the time of forty exponentiations.
 * Not constant time: the prover's secret exponents are its own values (a home's slot values and masks), whose
 * timing is not observable from the ledger.
 */
public final class RingPedersenTables {
    /** Exponents of s stay below this many bits beyond nothing: values, masks and batch sums of them. */
    private static final int S_EXPONENT_BITS = 1088;
    /** Exponents of t: up to |N^| + the widest mask (|N^| + 2 l + eps + 64 slot bits) plus batch coefficients. */
    private static final int T_EXTRA_BITS = 640;

    private final RingPedersenParameters params;
    private final BarrettReducer reducer;

    private RingPedersenTables(RingPedersenParameters params) {
        this.params = params;
        this.reducer = new BarrettReducer(params.modulus());
        // Sized once here; the tables themselves are the process-wide ones of FixedBaseCache.
        FixedBaseCache.table(params.s(), params.modulus(), S_EXPONENT_BITS);
        FixedBaseCache.table(params.t(), params.modulus(), params.bits() + T_EXTRA_BITS);
    }

    /**
     * The tables of a parameter set, built on first use and shared through {@link FixedBaseCache}.
     *
     * @param params the ring-Pedersen parameters
     * @return their tables
     */
    public static RingPedersenTables of(RingPedersenParameters params) {
        return new RingPedersenTables(Objects.requireNonNull(params, "params"));
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
        return FixedBaseCache.pow(params.s(), x, params.modulus());
    }

    /** t^x mod N^ for any integer x (a negative x through the inverse). */
    public BigInteger t(BigInteger x) {
        return FixedBaseCache.pow(params.t(), x, params.modulus());
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
}
