package io.neighbourgrid.crypto.proof;

import io.neighbourgrid.crypto.Bytes;
import io.neighbourgrid.crypto.ProofContext;
import io.neighbourgrid.crypto.math.NumberTheory;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;

/**
 * A best-effort prover of the Paillier-Blum modulus proof for an arbitrary factored modulus, used to show that
 * moduli that are not Paillier-Blum moduli are rejected: it knows every prime factor, computes every fourth root
 * and N-th root that exists, tries many w, and encodes the result in the documented layout.
 */
final class ModulusProofForger {
    private static final BigInteger FOUR = BigInteger.valueOf(4);

    private ModulusProofForger() {
    }

    /**
     * @param primes the prime factors of n with multiplicity (e.g. [p, p, q] for p^2 q)
     */
    static byte[] forge(BigInteger n, List<BigInteger> primes, ProofContext context, Random random) {
        PaillierPublicKey key = PaillierPublicKey.of(n);
        int length = key.modulusBytes();
        BigInteger lambda = BigInteger.ONE;
        for (BigInteger p : primes.stream().distinct().toList()) {
            int k = (int) primes.stream().filter(p::equals).count();
            BigInteger order = p.pow(k - 1).multiply(p.subtract(BigInteger.ONE));
            lambda = lambda.divide(lambda.gcd(order)).multiply(order);
        }
        BigInteger nInverse = n.gcd(lambda).equals(BigInteger.ONE) ? n.modInverse(lambda) : null;
        byte[] best = null;
        int bestValid = -1;
        for (int attempt = 0; attempt < 16 && bestValid < KeyCorrectnessProof.ROUNDS; attempt++) {
            BigInteger w;
            do {
                w = new BigInteger(n.bitLength(), random).mod(n);
            } while (!w.gcd(n).equals(BigInteger.ONE) || NumberTheory.jacobi(w, n) != -1);
            BigInteger[] y = KeyCorrectnessProof.challenges(key, w, context);
            if (!java.util.Arrays.stream(y).allMatch(v -> v.gcd(n).equals(BigInteger.ONE))) {
                continue;
            }
            Bytes.Writer out = new Bytes.Writer().u8(1).u32(length).u8(KeyCorrectnessProof.ROUNDS).fixed(w, length);
            int valid = 0;
            for (BigInteger yi : y) {
                int flags = 0;
                BigInteger x = BigInteger.ONE;
                for (int combo = 0; combo < 4; combo++) {
                    BigInteger t = (combo & 2) != 0 ? yi.multiply(w).mod(n) : yi;
                    if ((combo & 1) != 0) {
                        t = n.subtract(t);
                    }
                    BigInteger root = fourthRoot(t, primes);
                    if (root != null && root.pow(4).mod(n).equals(t)) {
                        flags = combo;
                        x = root;
                        valid++;
                        break;
                    }
                }
                BigInteger z = nInverse != null ? yi.modPow(nInverse, n) : yi;
                out.u8(flags).fixed(x, length).fixed(z, length);
            }
            if (valid > bestValid) {
                bestValid = valid;
                best = out.toByteArray();
            }
        }
        return best;
    }

    /** A fourth root of t modulo the product of the prime powers, or null if one prime power has none. */
    private static BigInteger fourthRoot(BigInteger t, List<BigInteger> primes) {
        BigInteger modulus = BigInteger.ONE;
        BigInteger root = BigInteger.ZERO;
        for (BigInteger p : primes.stream().distinct().toList()) {
            int k = (int) primes.stream().filter(p::equals).count();
            BigInteger pk = p.pow(k);
            BigInteger r = fourthRootModPrime(t.mod(p), p);
            if (r == null) {
                return null;
            }
            // Hensel lifting of x^4 - t from p to p^k.
            BigInteger pj = p;
            for (int j = 2; j <= k; j++) {
                pj = pj.multiply(p);
                BigInteger f = r.pow(4).subtract(t).mod(pj);
                BigInteger derivative = FOUR.multiply(r.pow(3)).mod(pj);
                r = r.subtract(f.multiply(derivative.modInverse(pj))).mod(pj);
            }
            // Chinese remainder: combine root (mod modulus) with r (mod pk).
            BigInteger h = r.subtract(root).multiply(modulus.modInverse(pk)).mod(pk);
            root = root.add(modulus.multiply(h));
            modulus = modulus.multiply(pk);
        }
        return root;
    }

    private static BigInteger fourthRootModPrime(BigInteger t, BigInteger p) {
        BigInteger s = sqrt(t, p);
        if (s == null) {
            return null;
        }
        BigInteger r = sqrt(s, p);
        return r != null ? r : sqrt(p.subtract(s), p);
    }

    /** Tonelli-Shanks square root modulo an odd prime, or null for a non-residue. */
    private static BigInteger sqrt(BigInteger a, BigInteger p) {
        a = a.mod(p);
        if (a.signum() == 0) {
            return BigInteger.ZERO;
        }
        BigInteger pMinusOne = p.subtract(BigInteger.ONE);
        if (!a.modPow(pMinusOne.shiftRight(1), p).equals(BigInteger.ONE)) {
            return null;
        }
        int s = pMinusOne.getLowestSetBit();
        BigInteger q = pMinusOne.shiftRight(s);
        BigInteger z = BigInteger.TWO;
        while (z.modPow(pMinusOne.shiftRight(1), p).equals(BigInteger.ONE)) {
            z = z.add(BigInteger.ONE);
        }
        BigInteger c = z.modPow(q, p);
        BigInteger r = a.modPow(q.add(BigInteger.ONE).shiftRight(1), p);
        BigInteger t = a.modPow(q, p);
        int m = s;
        while (!t.equals(BigInteger.ONE)) {
            int i = 0;
            BigInteger t2 = t;
            while (!t2.equals(BigInteger.ONE)) {
                t2 = t2.multiply(t2).mod(p);
                i++;
            }
            BigInteger b = c.modPow(BigInteger.ONE.shiftLeft(m - i - 1), p);
            r = r.multiply(b).mod(p);
            c = b.multiply(b).mod(p);
            t = t.multiply(c).mod(p);
            m = i;
        }
        return r;
    }
}
