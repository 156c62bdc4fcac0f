package io.neighbourgrid.sim;

import io.neighbourgrid.agent.KeyStoreFile;
import io.neighbourgrid.crypto.paillier.PaillierKeyPair;
import io.neighbourgrid.crypto.paillier.PaillierPrivateKey;
import io.neighbourgrid.crypto.proof.KeyCorrectnessProof;
import io.neighbourgrid.protocol.KeyPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The simulated homes' key stores: one encrypted key file per home and key size, created on first use and
 * reused by later runs (key generation and key proofs dominate a run's set-up), plus each home's registration
 * proof for a channel. A directory of {@code null} keeps nothing.
 */
public final class KeyCache {
    private final Path directory;
    private final char[] passphrase;
    private final SecureRandom random;

    /**
     * @param directory  where key files go, or {@code null} to generate every key afresh
     * @param passphrase the key stores' passphrase
     */
    public KeyCache(Path directory, char[] passphrase, SecureRandom random) {
        this.directory = directory;
        this.passphrase = passphrase.clone();
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The passphrase of the homes' stores (a copy), also protecting their agent state. */
    char[] passphrase() {
        return passphrase.clone();
    }

    /**
     * The key pair of {@code homeId} with a {@code bits}-bit modulus, loaded or generated and stored.
     *
     * @param use what the key is for; {@code bits} must be a size {@link KeyPolicy} accepts for it
     * @throws IllegalArgumentException with the policy's message when it does not
     */
    public PaillierKeyPair keyPair(String homeId, int bits, KeyPolicy.Use use) {
        KeyPolicy.require(bits, use, "key size of " + homeId);
        if (directory == null) {
            return PaillierKeyPair.generate(bits, random);
        }
        Path file = directory.resolve(homeId + "-" + bits + ".key");
        try {
            if (Files.exists(file)) {
                PaillierPrivateKey sk = readCached(file, homeId);
                if (sk != null && sk.publicKey().bits() == bits) {
                    return new PaillierKeyPair(sk.publicKey(), sk);
                }
            }
            PaillierKeyPair pair = PaillierKeyPair.generate(bits, random);
            KeyStoreFile.write(file, homeId, pair.privateKey(), passphrase, random);
            return pair;
        } catch (IOException e) {
            throw new UncheckedIOException("key store of " + homeId + ": " + describe(e), e);
        }
    }

    /**
     * A cached key, or {@code null} when its store does not open under this community's passphrase (a store left by
     * another community, or one written before the community had its own passphrase): the cache then makes a new key.
     */
    private PaillierPrivateKey readCached(Path file, String homeId) throws IOException {
        try {
            return KeyStoreFile.read(file, homeId, passphrase);
        } catch (KeyStoreFile.KeyStoreException e) {
            return null;
        }
    }

    /**
     * The registration proof of a home's key for {@code channel}, loaded if stored for exactly this key, else
     * made by {@code prover} and stored.
     */
    public KeyCorrectnessProof registrationProof(String homeId, PaillierKeyPair keys, String channel,
                                                 Supplier<KeyCorrectnessProof> prover) {
        if (directory == null) {
            return prover.get();
        }
        Path file = directory.resolve(homeId + "-" + keys.publicKey().fingerprint() + "-" + channel + ".proof");
        try {
            if (Files.exists(file)) {
                return KeyCorrectnessProof.fromBase64(Files.readString(file, StandardCharsets.US_ASCII).strip());
            }
            KeyCorrectnessProof proof = prover.get();
            Files.createDirectories(directory);
            Files.writeString(file, proof.toBase64(), StandardCharsets.US_ASCII);
            return proof;
        } catch (IOException e) {
            throw new UncheckedIOException("proof of " + homeId + ": " + describe(e), e);
        }
    }

    /** An I/O failure in words: for a file system failure the file and the reason. */
    private static String describe(IOException e) {
        if (e instanceof FileSystemException f) {
            return f.getFile() + ": " + (f.getReason() != null ? f.getReason() : e.getClass().getSimpleName());
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
