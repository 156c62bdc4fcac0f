package io.neighbourgrid.crypto.proof;

import io.neighbourgrid.crypto.InvalidProofException;
import io.neighbourgrid.crypto.math.BarrettReducer;
import io.neighbourgrid.crypto.math.MultiExponentiation;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Verification equations of the form prod_i b_i^{x_i} = 1 modulo one modulus, written as products of factors with
 * signed exponents, checked one by one (single verification) or combined with random small exponents into one
 * (batch verification, Bellare, Garay and Rabin 1998): every factor of the k-th equation is raised to rho_k,
 * uniform in [1, 2^128], and the combined product must be one.
 *
 * <p>Two kinds of modulus: N^ of a ring-Pedersen parameter set, where s and t are fixed bases with cached tables
 * ({@link RingPedersenTables}) and their exponents are summed over all equations; and N^2 of a Paillier key, where
 * (1 + N)^x = 1 + xN needs no exponentiation at all and y^N depends only on y mod N, so the N-th powers of all
 * equations are one multi-exponentiation modulo N raised to N once. Bases that occur in several equations (a
 * commitment in three of them) are merged into one base with the summed exponent.
 *
 * <p>Every equation is checked squared: L^2 = R^2 instead of L = R. Anyone can multiply an element by -1, and an
 * error of order two could cancel in a combination of equations; squaring makes single and batch verification
 * accept the same proofs with respect to such factors. It costs nothing in soundness: the extraction arguments
 * (docs/crypto.md, section "Range proof") square the relations anyway, and Paillier's plaintext group Z_N has odd
 * order.
 */
final class ProductEquations {
    /** Bits of a batch coefficient rho (rho - 1 is uniform below 2^128). */
    static final int COEFFICIENT_BITS = 128;

    private final BigInteger modulus;
    private final BarrettReducer reducer;
    private final RingPedersenTables tables;
    private final PaillierPublicKey key;
    private final SecureRandom random;
    private final String what;
    private Map<BigInteger, BigInteger> factors = new LinkedHashMap<>();
    private Map<BigInteger, BigInteger> nthPowers = new LinkedHashMap<>();
    private BigInteger sExponent = BigInteger.ZERO;
    private BigInteger tExponent = BigInteger.ZERO;
    private BigInteger gExponent = BigInteger.ZERO;
    private BigInteger rho = BigInteger.ONE;
    private String equation;

    private ProductEquations(BigInteger modulus, RingPedersenTables tables, PaillierPublicKey key,
                             SecureRandom random, String what) {
        this.modulus = modulus;
        this.reducer = tables != null ? tables.reducer() : new BarrettReducer(modulus);
        this.tables = tables;
        this.key = key;
        this.random = random;
        this.what = what;
    }

    /** Equations modulo N^; {@code random} null checks each equation when it ends, else combines them. */
    static ProductEquations ringPedersen(RingPedersenTables tables, SecureRandom random, String what) {
        return new ProductEquations(tables.parameters().modulus(), tables, null, random, what);
    }

    /** Equations modulo N^2 of a Paillier key; {@code random} as for {@link #ringPedersen}. */
    static ProductEquations paillier(PaillierPublicKey key, SecureRandom random, String what) {
        return new ProductEquations(key.modulusSquared(), null, key, random, what);
    }

    /**
     * Starts the next equation, named for the exception of a single check ("s^zv t^zmu = A_S S^e").
     *
     * @return this, to add the equation's factors
     */
    ProductEquations begin(String name) {
        equation = name;
        if (random != null) {
            rho = new BigInteger(COEFFICIENT_BITS, random).add(BigInteger.ONE);
        }
        return this;
    }

    /** Multiplies the equation by b^x (b an element of the group, x any integer). */
    ProductEquations factor(BigInteger b, BigInteger x) {
        factors.merge(b, x.multiply(rho), BigInteger::add);
        return this;
    }

    /** Multiplies by s^x (ring-Pedersen only). */
    ProductEquations s(BigInteger x) {
        sExponent = sExponent.add(x.multiply(rho));
        return this;
    }

    /** Multiplies by t^x (ring-Pedersen only). */
    ProductEquations t(BigInteger x) {
        tExponent = tExponent.add(x.multiply(rho));
        return this;
    }

    /** Multiplies by (1 + N)^x (Paillier only). */
    ProductEquations onePlusN(BigInteger x) {
        gExponent = gExponent.add(x.multiply(rho));
        return this;
    }

    /** Multiplies by y^N (Paillier only; y in Z*_N). */
    ProductEquations nthPower(BigInteger y) {
        nthPowers.merge(y, rho, BigInteger::add);
        return this;
    }

    /**
     * Ends the equation. Single verification checks it here.
     *
     * @throws InvalidProofException naming the equation, if it is checked here and fails
     */
    void end() {
        if (random == null) {
            boolean ok = holds();
            reset();
            if (!ok) {
                throw new InvalidProofException(what + " check failed: " + equation);
            }
        }
    }

    /** Whether the product of all factors added since the last check is one (squared). */
    boolean holds() {
        MultiExponentiation numerator = new MultiExponentiation(reducer);
        MultiExponentiation denominator = new MultiExponentiation(reducer);
        for (Map.Entry<BigInteger, BigInteger> f : factors.entrySet()) {
            if (f.getValue().signum() > 0) {
                numerator.add(f.getKey(), f.getValue());
            } else if (f.getValue().signum() < 0) {
                denominator.add(f.getKey(), f.getValue().negate());
            }
        }
        BigInteger left = numerator.compute();
        BigInteger right = denominator.compute();
        if (tables != null) {
            BigInteger st = reducer.multiply(tables.s(sExponent), tables.t(tExponent));
            left = reducer.multiply(left, st);
        }
        if (key != null) {
            BigInteger n = key.modulus();
            BigInteger g = BigInteger.ONE.add(gExponent.mod(n).multiply(n));
            left = reducer.multiply(left, g);
            if (!nthPowers.isEmpty()) {
                BarrettReducer modN = new BarrettReducer(n);
                MultiExponentiation ys = new MultiExponentiation(modN);
                nthPowers.forEach(ys::add);
                left = reducer.multiply(left, ys.compute().modPow(n, modulus));
            }
        }
        return reducer.square(left).equals(reducer.square(right));
    }

    private void reset() {
        factors = new LinkedHashMap<>();
        nthPowers = new LinkedHashMap<>();
        sExponent = BigInteger.ZERO;
        tExponent = BigInteger.ZERO;
        gExponent = BigInteger.ZERO;
    }

    /** The modulus of the equations. */
    BigInteger modulus() {
        return modulus;
    }
}
