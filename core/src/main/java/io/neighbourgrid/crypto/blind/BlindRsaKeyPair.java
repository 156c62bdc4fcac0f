package io.neighbourgrid.crypto.blind;

import io.neighbourgrid.crypto.Bytes;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Objects;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.DataLengthException;
import org.bouncycastle.crypto.engines.RSAEngine;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;

/** The signer's side of RFC 9474: its key pair and BlindSign (Section 4.3). The private key never leaves it. */
public final class BlindRsaKeyPair {
    /** The public exponent of generated keys. */
    public static final BigInteger EXPONENT = BigInteger.valueOf(65537);

    private final BlindRsaPublicKey publicKey;
    private final RSAKeyParameters privateKey;

    private BlindRsaKeyPair(BlindRsaPublicKey publicKey, RSAKeyParameters privateKey) {
        this.publicKey = publicKey;
        this.privateKey = privateKey;
    }

    /**
     * A fresh key pair.
     *
     * @param bits   the modulus size, within {@link BlindRsaPublicKey}'s bounds
     * @param random the randomness of the primes
     */
    public static BlindRsaKeyPair generate(int bits, SecureRandom random) {
        RSAKeyPairGenerator generator = new RSAKeyPairGenerator();
        generator.init(new RSAKeyGenerationParameters(EXPONENT, random, bits, 100));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        RSAPrivateCrtKeyParameters priv = (RSAPrivateCrtKeyParameters) pair.getPrivate();
        return new BlindRsaKeyPair(BlindRsaPublicKey.of(priv.getModulus(), priv.getPublicExponent()), priv);
    }

    /**
     * A key pair from its modulus and exponents (the known-answer tests' keys).
     *
     * @param n the modulus
     * @param e the public exponent
     * @param d the private exponent
     */
    public static BlindRsaKeyPair of(BigInteger n, BigInteger e, BigInteger d) {
        return new BlindRsaKeyPair(BlindRsaPublicKey.of(n, e), new RSAKeyParameters(true, n, d));
    }

    /** The public key every verifier holds. */
    public BlindRsaPublicKey publicKey() {
        return publicKey;
    }

    /**
     * RFC 9474 Section 4.3, BlindSign: {@code s = m^d mod n}, checked by {@code s^e mod n == m} before it is
     * released (a faulty signature would leak the key).
     *
     * @param blindedMessage the client's blinded message, exactly {@code k} bytes
     * @return the blind signature, {@code k} bytes
     * @throws InvalidBlindSignatureException if the message has the wrong length or is not below the modulus
     */
    public byte[] blindSign(byte[] blindedMessage) {
        Objects.requireNonNull(blindedMessage, "blindedMessage");
        int k = publicKey.modulusBytes();
        if (blindedMessage.length != k) {
            throw new InvalidBlindSignatureException("the blinded message is " + blindedMessage.length
                    + " bytes, not " + k);
        }
        BigInteger m = new BigInteger(1, blindedMessage);
        if (m.compareTo(publicKey.n()) >= 0) {
            throw new InvalidBlindSignatureException("the blinded message is not below the modulus");
        }
        RSAEngine engine = new RSAEngine();
        engine.init(true, privateKey);
        byte[] s;
        try {
            s = Bytes.fixedWidth(new BigInteger(1, engine.processBlock(blindedMessage, 0, k)), k);
        } catch (DataLengthException e) {
            throw new InvalidBlindSignatureException("the blinded message is not below the modulus");
        }
        if (!BlindSignatures.opens(publicKey, blindedMessage, s)) {
            throw new IllegalStateException("the blind signature failed its own check");
        }
        return s;
    }

    @Override
    public String toString() {
        return "BlindRsaKeyPair[" + publicKey.n().bitLength() + " bits]";
    }
}
