package io.neighbourgrid.crypto.blind;

import java.math.BigInteger;

/**
 * The check anyone can make that a blind signature answers a blinded message: {@code s^e mod n == m}. Chaincode
 * runs it on every signature the substation issues, so the ledger records only withdrawals that were really signed.
 */
public final class BlindSignatures {
    private BlindSignatures() {
    }

    /**
     * Whether {@code blindSig} is the RSA signature of {@code blindedMessage} under {@code key}.
     *
     * @param key            the signer's public key
     * @param blindedMessage the blinded message, exactly {@code k} bytes and below {@code n}
     * @param blindSig       the blind signature, exactly {@code k} bytes and below {@code n}
     * @return whether both have the right length and range and {@code blindSig^e mod n == blindedMessage}
     */
    public static boolean opens(BlindRsaPublicKey key, byte[] blindedMessage, byte[] blindSig) {
        int k = key.modulusBytes();
        if (blindedMessage == null || blindSig == null || blindedMessage.length != k || blindSig.length != k) {
            return false;
        }
        BigInteger m = new BigInteger(1, blindedMessage);
        BigInteger s = new BigInteger(1, blindSig);
        if (m.compareTo(key.n()) >= 0 || s.compareTo(key.n()) >= 0) {
            return false;
        }
        return s.modPow(key.e(), key.n()).equals(m);
    }
}
