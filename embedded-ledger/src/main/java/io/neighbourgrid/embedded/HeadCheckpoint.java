package io.neighbourgrid.embedded;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import io.neighbourgrid.ledger.Identity;
import io.neighbourgrid.protocol.contract.Creator;
import io.neighbourgrid.protocol.json.StrictJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Objects;
import java.util.Set;

/**
 * A signed statement of a block log's head, published outside the log: the channel, the height (blocks, genesis
 * included), the SHA-256 of the last block, when it was published and who signed it. A log can be cut back at a
 * record boundary and still verify block by block; compared with a checkpoint published earlier it cannot: the
 * checkpointed block must still be there and still hash to the same value
 * ({@link EmbeddedLedgerEngine#verifyChain(HeadCheckpoint)}).
 *
 * <p>The signature is ECDSA (SHA-256) by the signer's key over a length-prefixed encoding of every other field;
 * the signer's certificate must be issued by the CA its organisation registered in the chain.
 *
 * @param channel     the channel of the log
 * @param height      number of blocks, genesis included
 * @param headHash    lower-case hex SHA-256 of block {@code height - 1}
 * @param publishedAt when the checkpoint was signed (ISO-8601 instant)
 * @param signerMsp   the signer's organisation
 * @param signerCertificate the signer's X.509 certificate, Base64 DER
 * @param signature   Base64 ECDSA signature over {@link #signedBytes()}
 */
public record HeadCheckpoint(String channel, long height, String headHash, String publishedAt, String signerMsp,
                             String signerCertificate, String signature) {
    private static final String DOMAIN = "neighbourgrid ledger head checkpoint v1";
    private static final String ALGORITHM = "SHA256withECDSA";
    private static final Set<String> FIELDS = Set.of("channel", "height", "headHash", "publishedAt", "signerMsp",
            "signerCertificate", "signature");

    public HeadCheckpoint {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(headHash, "headHash");
        Objects.requireNonNull(publishedAt, "publishedAt");
        Objects.requireNonNull(signerMsp, "signerMsp");
        Objects.requireNonNull(signerCertificate, "signerCertificate");
        Objects.requireNonNull(signature, "signature");
        if (height < 1) {
            throw new IllegalArgumentException("a checkpoint's height counts the genesis block, got " + height);
        }
        if (!headHash.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("head hash must be 64 lower-case hex digits");
        }
    }

    /**
     * Signs the head of a chain.
     *
     * @param channel the channel
     * @param head    the height and head hash
     * @param at      the publication time
     * @param signer  who vouches for the head (the operator)
     */
    public static HeadCheckpoint sign(String channel, ChainSummary head, Instant at, Identity signer) {
        String cert;
        try {
            cert = Base64.getEncoder().encodeToString(signer.certificate().getEncoded());
        } catch (CertificateException e) {
            throw new IllegalArgumentException("signer certificate cannot be encoded", e);
        }
        HeadCheckpoint unsigned = new HeadCheckpoint(channel, head.blockCount(), head.headHash(), at.toString(),
                signer.mspId(), cert, "");
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initSign(signer.privateKey());
            s.update(unsigned.signedBytes());
            return new HeadCheckpoint(channel, head.blockCount(), head.headHash(), at.toString(), signer.mspId(),
                    cert, Base64.getEncoder().encodeToString(s.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing the checkpoint failed: " + e.getMessage(), e);
        }
    }

    /** The bytes the signature covers: a domain tag, then every field but the signature, length-prefixed. */
    byte[] signedBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (String field : new String[] {DOMAIN, channel, Long.toString(height), headHash, publishedAt,
                    signerMsp, signerCertificate}) {
                byte[] b = field.getBytes(StandardCharsets.UTF_8);
                out.writeInt(b.length);
                out.write(b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Checks the signature and that the signer's certificate is issued by its organisation's CA in
     * {@code membership}, valid at the publication time.
     *
     * @throws CheckpointException naming what does not hold
     */
    void verifySignature(Membership membership) throws CheckpointException {
        byte[] der;
        X509Certificate cert;
        Instant at;
        try {
            der = Base64.getDecoder().decode(signerCertificate);
            cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            at = Instant.parse(publishedAt);
        } catch (IllegalArgumentException | CertificateException | ClassCastException | DateTimeParseException e) {
            throw new CheckpointException("checkpoint is malformed: " + e.getMessage());
        }
        try {
            membership.check(new Creator(signerMsp, der), at);
        } catch (CreatorRejectedException e) {
            throw new CheckpointException("checkpoint signer is not accepted by the chain's membership: "
                    + e.getMessage());
        }
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initVerify(cert.getPublicKey());
            s.update(signedBytes());
            if (!s.verify(Base64.getDecoder().decode(signature))) {
                throw new CheckpointException("checkpoint signature does not verify (checkpoint altered)");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new CheckpointException("checkpoint signature does not verify: " + e.getMessage());
        }
    }

    /** The checkpoint as a JSON object. */
    public String toJson() {
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(this);
    }

    /**
     * Parses a checkpoint written by {@link #toJson()}: every field present, nothing else.
     *
     * @throws CheckpointException when the text is not such a checkpoint
     */
    public static HeadCheckpoint fromJson(String json) throws CheckpointException {
        try {
            JsonObject o = StrictJson.object(json, "checkpoint", FIELDS, Set.of());
            return new HeadCheckpoint(StrictJson.stringField(o, "channel", "checkpoint"),
                    StrictJson.longField(o, "height", "checkpoint"),
                    StrictJson.stringField(o, "headHash", "checkpoint"),
                    StrictJson.stringField(o, "publishedAt", "checkpoint"),
                    StrictJson.stringField(o, "signerMsp", "checkpoint"),
                    StrictJson.stringField(o, "signerCertificate", "checkpoint"),
                    StrictJson.stringField(o, "signature", "checkpoint"));
        } catch (RuntimeException e) {
            throw new CheckpointException("not a ledger checkpoint: " + e.getMessage());
        }
    }

    /**
     * Reads a checkpoint file.
     *
     * @throws CheckpointException when the file is not a checkpoint (its name in the message)
     * @throws IOException         when it cannot be read
     */
    public static HeadCheckpoint read(Path file) throws IOException {
        try {
            return fromJson(Files.readString(file, StandardCharsets.UTF_8));
        } catch (CheckpointException e) {
            throw new CheckpointException(file + ": " + e.getMessage());
        }
    }

    /** Writes the checkpoint to {@code file} atomically (a temporary file renamed over it). */
    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = parent.resolve(file.getFileName() + ".writing");
        Files.writeString(tmp, toJson() + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** One line: height, head and signer. */
    public String describe() {
        return "height " + height + " head " + headHash + " signed by " + signerMsp + " at " + publishedAt;
    }

    /** A checkpoint that is malformed, not validly signed, or contradicted by the log it is compared with. */
    public static final class CheckpointException extends IOException {
        private static final long serialVersionUID = 1L;

        /** @param message what is wrong */
        public CheckpointException(String message) {
            super(message);
        }
    }
}
