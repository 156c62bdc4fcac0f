package io.neighbourgrid.crypto.proof;

import io.neighbourgrid.crypto.Bytes;
import io.neighbourgrid.crypto.InvalidProofException;
import io.neighbourgrid.crypto.ProofContext;
import io.neighbourgrid.crypto.Transcript;
import io.neighbourgrid.crypto.math.BarrettReducer;
import io.neighbourgrid.crypto.math.MultiExponentiation;
import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.crypto.paillier.PaillierPrivateKey;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Proving and verifying many decryptions at once: one decryptor posts several aggregates' plaintexts (E_s, E_b,
 * K, D of a window), each with a {@link DecryptionProof}, and chaincode verifies them together.
 *
 * <p>Batch verification is the small-exponent test of Bellare, Garay and Rabin ("Fast batch verification for
 * modular exponentiation and digital signatures", EUROCRYPT 1998), applied to the n equations
 * z_i^N = a_i * u_i^{e_i} (mod N^2). With coefficients rho_i it checks the single equation
 * <pre>
 *   ( (prod_i z_i^{rho_i} mod N)^N )^2 == ( prod_i a_i^{rho_i} * u_i^{rho_i * e_i} )^2   (mod N^2)
 * </pre>
 * Three details keep it cheap. z^N mod N^2 depends only on z mod N (the binomial terms of (z + kN)^N beyond the
 * first are multiples of N^2), so prod z_i^{rho_i} is computed modulo N and raised to 2N once. Since
 * u_i = c_i (1+N)^{-m_i} and (1+N)^k = 1 + kN mod N^2, the right side is
 * (1 - K N) * prod_i (a_i c_i^{e_i})^{rho_i} with K = sum_i rho_i e_i m_i: one 128-bit {@code modPow} per claim,
 * then one simultaneous multi-exponentiation ({@link MultiExponentiation}) whose 129-bit exponents share one
 * chain of squarings. And whether every a_i, z_i and c_i is a unit is one gcd of their product with N. For 100
 * claims this costs about 16 single exponentiations r^N mod N^2, against 110 for 100 single checks.
 *
 * <p>The coefficients are not random: chaincode must be deterministic, so rho_i = 2^128 + h_i where h_1..h_n are
 * 128-bit SHAKE256 outputs over the domain {@value #BATCH_DOMAIN}, N, n, every claim (c, m, a, z) and the
 * context. A prover who wants a false claim accepted must make a hash output hit one residue modulo a prime
 * above 2^128, so it succeeds with probability at most 2^{-128} per hash query (the same bound as a single
 * proof's challenge). Deriving all coefficients from one hash over all claims means changing any claim changes
 * every coefficient, which rules out generalised-birthday attacks that pick claims one by one.
 *
 * <p>Small-order elements: Z*_{N^2} is not of prime order (-1 has order 2, and elements of order dividing
 * p - 1 or q - 1 exist), so the textbook argument for prime-order groups does not carry over as is. Write
 * Z*_{N^2} = &lt;1+N&gt; x R with R the N-th residues (valid since gcd(N, phi(N)) = 1, which the key proof
 * establishes). Whether a claim is true is decided only in the &lt;1+N&gt; = Z_N part: for a false claim j the
 * Z_N component of its error z_j^N / (a_j u_j^{e_j}) is, except with probability 2^{-128}, non-zero modulo a
 * prime factor P &gt; 2^{128} of N (the argument of {@link DecryptionProof}), and the batch then passes only if
 * rho_j hits one residue modulo P: probability at most 2^{-128}, since rho_j ranges over 2^{128} consecutive
 * integers, fewer than P.
 * Small-order elements live in R: a proof may differ from a valid one by a factor gamma_i in R with
 * prod gamma_i^{2 rho_i} = 1 and still pass the batch, but its claim is then still true, because R carries no
 * information about the plaintext. Squaring both sides removes the 2-torsion (for instance a_i replaced by -a_i,
 * which anyone can produce without the factorization): without it, such a proof would pass or fail the batch
 * by the parity of rho_i; with it, the outcome does not depend on 2-torsion at all. The batch therefore
 * certifies the claims, with soundness error at most 2^{-128} per hash query plus that of the single
 * proofs; it does not certify that every proof string would pass {@link DecryptionProof#verify} on its own.
 *
 * <p>When the batch equation fails, every claim is checked on its own, in order, and the first failing index is
 * reported ({@link InvalidDecryptionClaimException}).
 */
public final class DecryptionProofs {
    /** Fiat-Shamir domain of the batch coefficients. */
    public static final String BATCH_DOMAIN = "neighbourgrid/decryption-batch/v1";
    /** Entropy of each batch coefficient in bits. */
    public static final int COEFFICIENT_BITS = 128;

    private DecryptionProofs() {
    }

    /**
     * Proves the decryption of each ciphertext; {@code plaintexts.get(i)} must be the signed decryption of
     * {@code ciphertexts.get(i)}.
     *
     * @throws IllegalArgumentException if the lists differ in length or a plaintext is wrong
     */
    public static List<DecryptionProof> proveAll(PaillierPrivateKey key, List<Ciphertext> ciphertexts,
            List<BigInteger> plaintexts, ProofContext context, SecureRandom random) {
        Objects.requireNonNull(ciphertexts, "ciphertexts");
        Objects.requireNonNull(plaintexts, "plaintexts");
        if (ciphertexts.size() != plaintexts.size()) {
            throw new IllegalArgumentException(ciphertexts.size() + " ciphertexts but " + plaintexts.size()
                    + " plaintexts");
        }
        DecryptionProver prover = new DecryptionProver(key);
        List<DecryptionProof> proofs = new ArrayList<>(ciphertexts.size());
        for (int i = 0; i < ciphertexts.size(); i++) {
            proofs.add(prover.prove(ciphertexts.get(i), plaintexts.get(i), context, random));
        }
        return List.copyOf(proofs);
    }

    /** Decrypts every ciphertext and proves each decryption: what a decryptor posts. */
    public static List<DecryptionClaim> decryptAndProveAll(PaillierPrivateKey key, List<Ciphertext> ciphertexts,
            ProofContext context, SecureRandom random) {
        Objects.requireNonNull(ciphertexts, "ciphertexts");
        DecryptionProver prover = new DecryptionProver(key);
        List<DecryptionClaim> claims = new ArrayList<>(ciphertexts.size());
        for (Ciphertext c : ciphertexts) {
            claims.add(prover.decryptAndProve(c, context, random));
        }
        return List.copyOf(claims);
    }

    /**
     * Verifies many decryption claims of one prover under one key and one context, deterministically. An empty
     * list verifies.
     *
     * @throws InvalidDecryptionClaimException naming the index of a failing claim
     * @throws IllegalArgumentException        if the claims are under more than one Paillier key
     */
    public static void verifyBatch(List<DecryptionClaim> claims, ProofContext context) {
        Objects.requireNonNull(claims, "claims");
        Objects.requireNonNull(context, "context");
        int n = claims.size();
        if (n == 0) {
            return;
        }
        PaillierPublicKey key = Objects.requireNonNull(claims.get(0), "claim 0").ciphertext().key();
        for (int i = 0; i < n; i++) {
            DecryptionClaim claim = Objects.requireNonNull(claims.get(i), "claim " + i);
            if (!key.equals(claim.ciphertext().key())) {
                throw new IllegalArgumentException("decryption claims must all be under one Paillier key; claim "
                        + i + " is under " + claim.ciphertext().key().fingerprint() + ", claim 0 under "
                        + key.fingerprint());
            }
        }
        BigInteger nModulus = key.modulus();
        BigInteger nSquared = key.modulusSquared();
        BarrettReducer modN = new BarrettReducer(nModulus);
        BigInteger[] residues = new BigInteger[n];
        BigInteger units = BigInteger.ONE;
        for (int i = 0; i < n; i++) {
            DecryptionClaim claim = claims.get(i);
            DecryptionProof proof = claim.proof();
            try {
                residues[i] = proof.checkClaim(claim.ciphertext(), claim.plaintext());
            } catch (InvalidProofException ex) {
                throw new InvalidDecryptionClaimException(i, ex);
            }
            // a, c < N^2 < 2^{2 bitlen(N)}, so Barrett reduces them modulo N directly.
            units = modN.multiply(units, modN.reduce(proof.commitment()));
            units = modN.multiply(units, proof.response());
            units = modN.multiply(units, modN.reduce(claim.ciphertext().value()));
        }
        // One gcd for the whole batch: the product is a unit exactly when every a_i, z_i and c_i is.
        if (!units.gcd(nModulus).equals(BigInteger.ONE)) {
            for (int i = 0; i < n; i++) {
                DecryptionClaim claim = claims.get(i);
                if (!claim.proof().unitWitness(claim.ciphertext()).gcd(nModulus).equals(BigInteger.ONE)) {
                    try {
                        claim.proof().requireUnits(claim.ciphertext());
                    } catch (InvalidProofException ex) {
                        throw new InvalidDecryptionClaimException(i, ex);
                    }
                }
            }
        }
        BigInteger[] e = new BigInteger[n];
        for (int i = 0; i < n; i++) {
            DecryptionClaim claim = claims.get(i);
            e[i] = DecryptionProof.challenge(key, claim.ciphertext(), residues[i], claim.proof().commitment(), context);
        }
        if (n == 1) {
            requireSingle(claims, 0, residues, e);
            return;
        }
        BigInteger[] rho = coefficients(key, claims, residues, context);
        // (a_i u_i^{e_i})^{rho_i} = (a_i c_i^{e_i})^{rho_i} (1+N)^{-rho_i e_i m_i}: the (1+N) parts collapse into one
        // factor (1+N)^{-K} = 1 - K N mod N^2 with K = sum rho_i e_i m_i. The 128-bit powers c_i^{e_i} go through
        // BigInteger.modPow, whose Montgomery arithmetic is faster per step than the multi-exponentiation's
        // Barrett steps; the 129-bit rho_i then share one chain of squarings.
        BarrettReducer modNSquared = new BarrettReducer(nSquared);
        MultiExponentiation zSide = new MultiExponentiation(modN);
        MultiExponentiation aSide = new MultiExponentiation(modNSquared);
        BigInteger k = BigInteger.ZERO;
        for (int i = 0; i < n; i++) {
            DecryptionClaim claim = claims.get(i);
            BigInteger cToE = claim.ciphertext().value().modPow(e[i], nSquared);
            BigInteger x = modNSquared.multiply(claim.proof().commitment(), cToE);
            zSide.add(claim.proof().response(), rho[i]);
            aSide.add(x, rho[i]);
            k = k.add(rho[i].multiply(e[i]).multiply(residues[i]));
        }
        BigInteger gToMinusK = BigInteger.ONE.subtract(k.mod(nModulus).multiply(nModulus)).mod(nSquared);
        BigInteger left = zSide.compute().modPow(nModulus.shiftLeft(1), nSquared);
        BigInteger right = aSide.compute().multiply(gToMinusK).mod(nSquared);
        right = right.multiply(right).mod(nSquared);
        if (left.equals(right)) {
            return;
        }
        for (int i = 0; i < n; i++) {
            requireSingle(claims, i, residues, e);
        }
        // Unreachable in exact arithmetic: if every single equation holds, so does their combination.
        throw new InvalidProofException("batch of " + n + " decryption claims does not verify");
    }

    private static void requireSingle(List<DecryptionClaim> claims, int i, BigInteger[] residues, BigInteger[] e) {
        DecryptionClaim claim = claims.get(i);
        if (!claim.proof().equationHolds(claim.ciphertext(), residues[i], e[i])) {
            throw new InvalidDecryptionClaimException(i,
                    new InvalidProofException("decryption proof does not verify: z^N != a * u^e mod N^2"));
        }
    }

    /** rho_i = 2^128 + h_i, the h_i squeezed from one transcript over all claims. */
    static BigInteger[] coefficients(PaillierPublicKey key, List<DecryptionClaim> claims, BigInteger[] residues,
            ProofContext context) {
        Transcript t = new Transcript(BATCH_DOMAIN)
                .append("N", key.modulus())
                .append("count", claims.size());
        for (int i = 0; i < claims.size(); i++) {
            DecryptionClaim claim = claims.get(i);
            t.append("c", claim.ciphertext().toBytes())
                    .append("m", Bytes.fixedWidth(residues[i], key.modulusBytes()))
                    .append("a", Bytes.fixedWidth(claim.proof().commitment(), key.ciphertextBytes()))
                    .append("z", Bytes.fixedWidth(claim.proof().response(), key.modulusBytes()));
        }
        BigInteger[] h = context.bindTo(t).challenges(COEFFICIENT_BITS, claims.size());
        BigInteger offset = BigInteger.ONE.shiftLeft(COEFFICIENT_BITS);
        for (int i = 0; i < h.length; i++) {
            h[i] = h[i].add(offset);
        }
        return h;
    }
}
