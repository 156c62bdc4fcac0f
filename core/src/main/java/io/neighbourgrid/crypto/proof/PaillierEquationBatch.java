package io.neighbourgrid.crypto.proof;

import io.neighbourgrid.crypto.Bytes;
import io.neighbourgrid.crypto.ProofContext;
import io.neighbourgrid.crypto.Transcript;
import io.neighbourgrid.crypto.math.BarrettReducer;
import io.neighbourgrid.crypto.math.MultiExponentiation;
import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The Paillier equations (1 + N)^{z_i} y_i^N = E_i C_i^{e_i} mod N^2 of many {@link NonNegativityProof}s under one
 * key, checked at once with the small-exponent test of Bellare, Garay and Rabin, as
 * {@link DecryptionProofs#verifyBatch} checks decryption proofs: with rho_i = 2^128 + h_i,
 * <pre>
 *   ( (1 + N)^{sum rho_i z_i} ((prod y_i^{rho_i} mod N)^N) )^2 == ( prod (E_i C_i^{e_i})^{rho_i} )^2   (mod N^2)
 * </pre>
 * One y^N mod N^2 for the whole batch instead of one per proof. The h_i are 128-bit SHAKE256 outputs over
 * {@value #DOMAIN}, N, the number of equations, every (z_i, y_i, E_i, C_i, e_i) and the context, so chaincode stays
 * deterministic. Soundness is the argument of {@link DecryptionProofs}: write Z*_{N^2} = &lt;1+N&gt; x R; a false
 * equation has a non-zero &lt;1+N&gt; component modulo a prime factor P &gt; 2^{128} of N (no small factor,
 * {@link NoSmallFactorProof}), which the batch absorbs only if rho_i hits one residue modulo P (probability at most
 * 2^{-128} per hash query); a deviation in R (small order, or an N-th residue) does not change the plaintext that
 * the proof's extraction reads from the &lt;1+N&gt; component, and squaring removes the 2-torsion. When the batch
 * fails, the caller verifies each proof on its own to name the failing one.
 */
final class PaillierEquationBatch {
    /** Fiat-Shamir domain of the batch coefficients. */
    static final String DOMAIN = "neighbourgrid/paillier-equation-batch/v1";
    private static final int COEFFICIENT_BITS = 128;

    private final PaillierPublicKey key;
    private final List<BigInteger[]> equations = new ArrayList<>();
    private final List<Ciphertext> ciphertexts = new ArrayList<>();

    PaillierEquationBatch(PaillierPublicKey key) {
        this.key = key;
    }

    /** Adds (1 + N)^z y^N = E C^e mod N^2; y, E and C must have been checked to be units in range. */
    void add(BigInteger z, BigInteger y, BigInteger commitment, Ciphertext c, BigInteger e) {
        if (!c.key().equals(key)) {
            throw new IllegalArgumentException("a batch holds equations under one key");
        }
        equations.add(new BigInteger[] {z, y, commitment, e});
        ciphertexts.add(c);
    }

    /** Number of equations in the batch. */
    int size() {
        return equations.size();
    }

    /**
     * Whether the combined equation holds; true for an empty batch.
     *
     * @param context the context the proofs were verified in, bound into the coefficients
     */
    boolean holds(ProofContext context) {
        int n = equations.size();
        if (n == 0) {
            return true;
        }
        BigInteger modulus = key.modulus();
        BigInteger nn = key.modulusSquared();
        BigInteger[] rho = coefficients(context);
        MultiExponentiation ySide = new MultiExponentiation(new BarrettReducer(modulus));
        MultiExponentiation rightSide = new MultiExponentiation(new BarrettReducer(nn));
        BigInteger exponent = BigInteger.ZERO;
        for (int i = 0; i < n; i++) {
            BigInteger[] eq = equations.get(i);
            exponent = exponent.add(rho[i].multiply(eq[0]));
            ySide.add(eq[1], rho[i]);
            rightSide.add(eq[2].multiply(ciphertexts.get(i).value().modPow(eq[3], nn)).mod(nn), rho[i]);
        }
        BigInteger left = key.generatorPower(exponent).multiply(ySide.compute().modPow(modulus, nn)).mod(nn);
        BigInteger right = rightSide.compute();
        return left.multiply(left).mod(nn).equals(right.multiply(right).mod(nn));
    }

    /** rho_i = 2^128 + h_i, the h_i squeezed from one transcript over every equation. */
    private BigInteger[] coefficients(ProofContext context) {
        Transcript t = new Transcript(DOMAIN)
                .append("N", key.modulus())
                .append("count", equations.size());
        for (int i = 0; i < equations.size(); i++) {
            BigInteger[] eq = equations.get(i);
            t.append("z.sign", eq[0].signum())
                    .append("z", eq[0].abs())
                    .append("y", Bytes.fixedWidth(eq[1], key.modulusBytes()))
                    .append("E", Bytes.fixedWidth(eq[2], key.ciphertextBytes()))
                    .append("C", ciphertexts.get(i).toBytes())
                    .append("e", eq[3]);
        }
        BigInteger[] h = context.bindTo(t).challenges(COEFFICIENT_BITS, equations.size());
        BigInteger offset = BigInteger.ONE.shiftLeft(COEFFICIENT_BITS);
        for (int i = 0; i < h.length; i++) {
            h[i] = h[i].add(offset);
        }
        return h;
    }
}
