package io.neighbourgrid.sim;

import io.neighbourgrid.chaincode.ChaincodeTransactions;
import io.neighbourgrid.embedded.EmbeddedLedger;
import io.neighbourgrid.embedded.EmbeddedLedgerEngine;
import io.neighbourgrid.embedded.HeadCheckpoint;
import io.neighbourgrid.embedded.LedgerCorruptedException;
import io.neighbourgrid.ledger.Identity;
import io.neighbourgrid.ledger.Ledger;
import io.neighbourgrid.ledger.LocalCertificateAuthority;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The embedded ledger for a simulated community: the market contract in-process, an operator organisation and a
 * community organisation with local certificate authorities, every home an identity issued by the community CA.
 * With a directory, the chain is persisted there as a hash-chained block log.
 */
public final class EmbeddedLedgerProvider implements LedgerProvider {
    /** The operator organisation's MSP id. */
    public static final String OPERATOR_MSP = "OperatorMSP";
    /** The community organisation's MSP id. */
    public static final String COMMUNITY_MSP = "CommunityMSP";
    /** The channel name. */
    public static final String CHANNEL = "market";

    private final EmbeddedLedger ledger;
    private final LocalCertificateAuthority operatorCa;
    private final LocalCertificateAuthority communityCa;
    private final Path directory;

    /**
     * @param directory where the block log goes, or {@code null} for a ledger in memory
     * @param clock     the clock of transaction timestamps
     */
    public EmbeddedLedgerProvider(Path directory, Clock clock) {
        this(directory, clock, false);
    }

    private EmbeddedLedgerProvider(Path directory, Clock clock, boolean audit) {
        this.directory = directory;
        try {
            operatorCa = authority(directory, OPERATOR_MSP, "Operator", audit);
            communityCa = authority(directory, COMMUNITY_MSP, "Community", audit);
        } catch (IOException e) {
            throw new UncheckedIOException((audit ? "cannot audit " + directory + ": " + oneLine(e)
                    : "cannot keep the organisations' CAs in " + directory + ": " + e.getMessage()), e);
        }
        ChaincodeTransactions contract = ChaincodeTransactions.of(OPERATOR_MSP, List.of(COMMUNITY_MSP));
        try {
            ledger = directory == null ? EmbeddedLedger.inMemory(CHANNEL, contract, clock)
                    : audit ? EmbeddedLedger.openReadOnly(directory, CHANNEL, contract, clock)
                    : EmbeddedLedger.open(directory, CHANNEL, contract, clock);
        } catch (IOException e) {
            throw new UncheckedIOException(audit ? oneLine(e) : "cannot open the embedded ledger in " + directory + ": " + e.getMessage(), e);
        }
        if (audit) {
            requireRegistered(operatorCa);
            requireRegistered(communityCa);
        } else {
            ledger.registerOrganisation(operatorCa);
            ledger.registerOrganisation(communityCa);
        }
    }

    /**
     * The persisted ledger in {@code directory} opened for an audit: nothing in the directory is created, modified
     * or removed (no CA is made up when its files are missing, no empty ledger started when the log is missing).
     *
     * @throws UncheckedIOException naming the missing or damaged file
     */
    public static EmbeddedLedgerProvider forAudit(Path directory, Clock clock) {
        return new EmbeddedLedgerProvider(java.util.Objects.requireNonNull(directory, "directory"), clock, true);
    }

    /** A failure to open for an audit in one line: the file and what is wrong with it. */
    private static String oneLine(IOException e) {
        if (e instanceof java.nio.file.FileSystemException f && f.getFile() != null) {
            return f.getFile() + ": " + (f.getReason() != null ? f.getReason() : e.getClass().getSimpleName());
        }
        return String.valueOf(e.getMessage());
    }

    /**
     * The persisted ledger of a stopped day, reopened to continue it. A final block record torn by the stop (never
     * acknowledged, so nothing a home was told) is removed; any other damage is refused. When {@code checkpoint}
     * exists the log must still hold the head it vouches for: a day is never continued on a log cut back behind
     * what was published.
     *
     * @throws IOException naming what is missing or damaged; nothing is changed then
     */
    public static EmbeddedLedgerProvider forResume(Path directory, Path checkpoint, Clock clock) throws IOException {
        if (!Files.isRegularFile(directory.resolve("blocks.log"))) {
            throw new java.nio.file.NoSuchFileException(directory.resolve("blocks.log").toString(), null,
                    "no ledger to resume");
        }
        HeadCheckpoint published = Files.exists(checkpoint) ? HeadCheckpoint.read(checkpoint) : null;
        EmbeddedLedgerProvider provider;
        try {
            provider = new EmbeddedLedgerProvider(directory, clock);
        } catch (UncheckedIOException e) {
            if (!(e.getCause() instanceof LedgerCorruptedException c) || !c.isTornTail()) {
                throw e;
            }
            EmbeddedLedgerEngine.truncateTornTail(directory);
            provider = new EmbeddedLedgerProvider(directory, clock);
        }
        if (published != null) {
            try {
                provider.ledger.engine().verifyChain(published);
            } catch (IOException e) {
                provider.close();
                throw new IOException("refusing to resume: " + checkpoint + ": " + e.getMessage(), e);
            }
        }
        return provider;
    }

    private void requireRegistered(LocalCertificateAuthority ca) {
        if (!ca.certificate().equals(ledger.engine().organisations().get(ca.mspId()))) {
            close();
            throw new UncheckedIOException(new IOException(directory.resolve("ca") + ": the CA of " + ca.mspId()
                    + " there is not the one the ledger registered"));
        }
    }

    /**
     * Signs the ledger's current head as the operator and writes it to {@code file} (atomically).
     *
     * @return the checkpoint
     */
    public HeadCheckpoint publishCheckpoint(Path file) throws IOException {
        HeadCheckpoint checkpoint = ledger.engine().checkpoint(operatorCa.issue("operator"), Instant.now());
        checkpoint.write(file);
        return checkpoint;
    }

    /**
     * The organisation's certificate authority: kept beside a persisted ledger (directory {@code ca/}) so that a
     * reopened ledger recognises the identities it issued; a fresh one for a ledger in memory. For an audit the
     * files must exist: nothing is written.
     */
    private static LocalCertificateAuthority authority(Path directory, String mspId, String organisation,
                                                       boolean audit) throws IOException {
        if (directory == null) {
            return LocalCertificateAuthority.create(mspId, organisation);
        }
        Path cert = directory.resolve("ca").resolve(mspId + "-ca.pem");
        Path key = directory.resolve("ca").resolve(mspId + "-ca.key");
        if (Files.exists(cert) && Files.exists(key)) {
            return LocalCertificateAuthority.fromPemFiles(mspId, cert, key);
        }
        if (audit) {
            throw new java.nio.file.NoSuchFileException(Files.exists(cert) ? key.toString() : cert.toString(), null,
                    "missing: the audit reads the ledger as its organisations' CAs left it and writes nothing");
        }
        Files.createDirectories(cert.getParent());
        LocalCertificateAuthority ca = LocalCertificateAuthority.create(mspId, organisation);
        ca.writePemFiles(cert, key);
        return ca;
    }

    /** The embedded ledger (for audits: history, chain verification). */
    public EmbeddedLedger ledger() {
        return ledger;
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    @Override
    public Ledger connectOperator() {
        return ledger.connect(operatorCa.issue("operator"));
    }

    @Override
    public Ledger connectHome(int index, String homeId) {
        return ledger.connect(homeIdentity(homeId));
    }

    /**
     * The home's identity: beside a persisted ledger it is kept ({@code identities/<home>.pem} and {@code .key},
     * the key readable by its owner only) so that a resumed day's homes rejoin as the identities their records are
     * bound to; a fresh one for a ledger in memory.
     */
    private Identity homeIdentity(String homeId) {
        if (directory == null) {
            return communityCa.issue(homeId);
        }
        Path cert = directory.resolve("identities").resolve(homeId + ".pem");
        Path key = directory.resolve("identities").resolve(homeId + ".key");
        try {
            if (Files.exists(cert) && Files.exists(key)) {
                return Identity.fromPemFiles(COMMUNITY_MSP, cert, key);
            }
            Files.createDirectories(cert.getParent());
            Identity identity = communityCa.issue(homeId);
            identity.writePemFiles(cert, key);
            return identity;
        } catch (IOException e) {
            throw new UncheckedIOException("identity of " + homeId + " in " + cert.getParent() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return directory == null ? "embedded (in memory)" : "embedded (" + directory + ")";
    }

    @Override
    public void close() {
        try {
            ledger.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing the embedded ledger: " + e.getMessage(), e);
        }
    }
}
