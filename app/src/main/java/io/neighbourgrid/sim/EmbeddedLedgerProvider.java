package io.neighbourgrid.sim;

import io.neighbourgrid.chaincode.ChaincodeTransactions;
import io.neighbourgrid.embedded.EmbeddedLedger;
import io.neighbourgrid.ledger.Ledger;
import io.neighbourgrid.ledger.LocalCertificateAuthority;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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
        this.directory = directory;
        try {
            operatorCa = authority(directory, OPERATOR_MSP, "Operator");
            communityCa = authority(directory, COMMUNITY_MSP, "Community");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the organisations' CAs in " + directory + ": "
                    + e.getMessage(), e);
        }
        ChaincodeTransactions contract = ChaincodeTransactions.of(OPERATOR_MSP, List.of(COMMUNITY_MSP));
        try {
            ledger = directory == null ? EmbeddedLedger.inMemory(CHANNEL, contract, clock)
                    : EmbeddedLedger.open(directory, CHANNEL, contract, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the embedded ledger in " + directory + ": " + e.getMessage(), e);
        }
        ledger.registerOrganisation(operatorCa);
        ledger.registerOrganisation(communityCa);
    }

    /**
     * The organisation's certificate authority: kept beside a persisted ledger (directory {@code ca/}) so that a
     * reopened ledger recognises the identities it issued; a fresh one for a ledger in memory.
     */
    private static LocalCertificateAuthority authority(Path directory, String mspId, String organisation)
            throws IOException {
        if (directory == null) {
            return LocalCertificateAuthority.create(mspId, organisation);
        }
        Path cert = directory.resolve("ca").resolve(mspId + "-ca.pem");
        Path key = directory.resolve("ca").resolve(mspId + "-ca.key");
        if (Files.exists(cert) && Files.exists(key)) {
            return LocalCertificateAuthority.fromPemFiles(mspId, cert, key);
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
        return ledger.connect(communityCa.issue(homeId));
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
