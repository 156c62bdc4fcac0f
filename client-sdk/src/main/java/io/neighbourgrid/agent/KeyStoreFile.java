package io.neighbourgrid.agent;

import io.neighbourgrid.crypto.Bytes;
import io.neighbourgrid.crypto.MalformedEncodingException;
import io.neighbourgrid.crypto.paillier.PaillierPrivateKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * A home's Paillier private key encrypted at rest: AES-256-GCM under a key derived from a passphrase with scrypt
 * (N = 2^15, r = 8, p = 1), the home id bound as associated data so a key file cannot be swapped between homes
 * unnoticed. Written atomically (temporary file, then rename) so a crash never leaves a half-written key.
 *
 * <p>File layout: magic "NGKS", version byte, 16-byte salt, 12-byte nonce, length-prefixed ciphertext+tag.
 */
public final class KeyStoreFile {
    private static final byte[] MAGIC = "NGKS".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final int SCRYPT_N = 1 << 15;
    private static final int SCRYPT_R = 8;
    private static final int SCRYPT_P = 1;

    private KeyStoreFile() {
    }

    /** Encrypts and writes the key for {@code homeId} to {@code file}. */
    public static void write(Path file, String homeId, PaillierPrivateKey key, char[] passphrase, SecureRandom random)
            throws IOException {
        Objects.requireNonNull(homeId, "homeId");
        byte[] salt = new byte[16];
        byte[] nonce = new byte[12];
        random.nextBytes(salt);
        random.nextBytes(nonce);
        byte[] secret = key.toSecretBytes();
        byte[] sealed;
        try {
            sealed = cipher(Cipher.ENCRYPT_MODE, passphrase, salt, nonce, homeId).doFinal(secret);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
        byte[] out = new Bytes.Writer().field(MAGIC).u8(VERSION).field(salt).field(nonce).field(sealed).toByteArray();
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".keystore", ".tmp");
        Files.write(tmp, out);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Reads and decrypts the key of {@code homeId}.
     *
     * @throws KeyStoreException if the file is malformed, the passphrase is wrong, or the file belongs to another
     *                           home
     */
    public static PaillierPrivateKey read(Path file, String homeId, char[] passphrase) throws IOException {
        byte[] data = Files.readAllBytes(file);
        try {
            Bytes.Reader in = new Bytes.Reader(data, "key store " + file.getFileName());
            if (!Arrays.equals(in.field(8), MAGIC)) {
                throw new KeyStoreException("key store " + file + " does not start with the key-store magic");
            }
            int version = in.u8();
            if (version != VERSION) {
                throw new KeyStoreException("key store " + file + " has unsupported version " + version);
            }
            byte[] salt = in.field(64);
            byte[] nonce = in.field(12);
            byte[] sealed = in.field(1 << 16);
            in.finish();
            byte[] secret = cipher(Cipher.DECRYPT_MODE, passphrase, salt, nonce, homeId).doFinal(sealed);
            try {
                return PaillierPrivateKey.fromSecretBytes(secret);
            } finally {
                Arrays.fill(secret, (byte) 0);
            }
        } catch (AEADBadTagException e) {
            throw new KeyStoreException("key store " + file + " cannot be opened: wrong passphrase, wrong home "
                    + homeId + ", or a modified file");
        } catch (MalformedEncodingException e) {
            throw new KeyStoreException("key store " + file + " is malformed: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new KeyStoreException("key store " + file + " cannot be decrypted: " + e.getMessage());
        }
    }

    private static Cipher cipher(int mode, char[] passphrase, byte[] salt, byte[] nonce, String homeId)
            throws GeneralSecurityException {
        byte[] pass = new String(passphrase).getBytes(StandardCharsets.UTF_8);
        byte[] key = SCrypt.generate(pass, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P, 32);
        Arrays.fill(pass, (byte) 0);
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        Arrays.fill(key, (byte) 0);
        c.updateAAD(("neighbourgrid/keystore/v1/" + homeId).getBytes(StandardCharsets.UTF_8));
        return c;
    }

    /** The key store could not be opened; the message says why (never shows key material). */
    public static final class KeyStoreException extends IOException {
        private static final long serialVersionUID = 1L;

        public KeyStoreException(String message) {
            super(message);
        }
    }
}
