package io.neighbourgrid.embedded;

import io.neighbourgrid.ledger.Identity;
import io.neighbourgrid.ledger.Ledger;
import io.neighbourgrid.ledger.LocalCertificateAuthority;
import io.neighbourgrid.protocol.contract.TransactionHandler;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Objects;

/**
 * The embedded network: one {@link EmbeddedLedgerEngine} running the contract in this process, with organisations
 * registered by their CA certificates and connections that submit as an identity. It is the project's default
 * ledger; a Fabric Gateway connection offers the same {@link Ledger} interface.
 *
 * <p>Every connection's identity must belong to a registered organisation: its creator (MSP id and certificate) is
 * checked on every transaction, and must be issued by that organisation's CA and valid at the transaction time.
 *
 * <p>{@code
 * try (EmbeddedLedger network = EmbeddedLedger.inMemory("market", contract, Clock.systemUTC())) {
 *     LocalCertificateAuthority community = LocalCertificateAuthority.create("CommunityMSP", "community.example");
 *     network.registerOrganisation(community);
 *     Ledger home = network.connect(community.issue("home-1"));
 * }
 * }
 */
public final class EmbeddedLedger implements AutoCloseable {
    /** Most transactions the block cutter puts into one block. */
    public static final int MAX_TRANSACTIONS_PER_BLOCK = 1000;

    private final EmbeddedLedgerEngine engine;
    private final BlockCutter cutter;

    private EmbeddedLedger(EmbeddedLedgerEngine engine) {
        this.engine = engine;
        // Concurrent submissions are simulated in parallel and committed together, one block (and one sync of the
        // block log) per group, as a Fabric orderer cuts blocks.
        this.cutter = new BlockCutter(engine, MAX_TRANSACTIONS_PER_BLOCK);
    }

    /**
     * A network whose chain lives on the heap.
     *
     * @param channelId the channel name
     * @param handler   the contract
     * @param clock     the source of transaction and block timestamps
     */
    public static EmbeddedLedger inMemory(String channelId, TransactionHandler handler, Clock clock) {
        return new EmbeddedLedger(EmbeddedLedgerEngine.inMemory(channelId, clock, handler));
    }

    /**
     * A network persisted in {@code directory}, every block synced to storage before its commit returns. An
     * existing chain is verified and its state, history and organisations are rebuilt from it.
     *
     * @throws io.neighbourgrid.embedded.LedgerCorruptedException when the stored chain fails
     *                                                                      verification
     * @throws IOException                                                  when the directory cannot be used
     */
    public static EmbeddedLedger open(Path directory, String channelId, TransactionHandler handler, Clock clock)
            throws IOException {
        return new EmbeddedLedger(EmbeddedLedgerEngine.open(directory, channelId, clock, handler));
    }

    /** As {@link #open(Path, String, TransactionHandler, Clock)} with an explicit durability. */
    public static EmbeddedLedger open(Path directory, String channelId, TransactionHandler handler, Clock clock,
                                      Durability durability) throws IOException {
        return new EmbeddedLedger(EmbeddedLedgerEngine.open(directory, channelId, clock, handler, durability));
    }

    /**
     * A persisted network opened for an audit: verified and rebuilt as by {@link #open}, with nothing in
     * {@code directory} created, locked, modified or removed; transactions fail, evaluations work.
     *
     * @throws java.nio.file.NoSuchFileException when the directory holds no block log
     * @throws LedgerCorruptedException          when the stored chain fails verification
     */
    public static EmbeddedLedger openReadOnly(Path directory, String channelId, TransactionHandler handler,
                                              Clock clock) throws IOException {
        return new EmbeddedLedger(EmbeddedLedgerEngine.openReadOnly(directory, channelId, clock, handler));
    }

    /**
     * Registers an organisation by its CA certificate (a configuration block of the chain). Registering the same
     * organisation with the same certificate again does nothing.
     *
     * @return {@code true} when the organisation was newly registered
     * @throws IllegalArgumentException when the certificate is not a CA certificate
     * @throws IllegalStateException    when the organisation is registered with another certificate
     */
    public boolean registerOrganisation(String mspId, X509Certificate caCertificate) {
        return engine.registerOrganisation(mspId, caCertificate);
    }

    /** Registers the organisation of a local certificate authority. */
    public boolean registerOrganisation(LocalCertificateAuthority ca) {
        return engine.registerOrganisation(ca.mspId(), ca.certificate());
    }

    /**
     * A connection that submits as {@code identity}.
     *
     * @throws IllegalArgumentException when the identity's organisation is not registered
     */
    public Ledger connect(Identity identity) {
        Objects.requireNonNull(identity, "identity");
        if (!engine.organisations().containsKey(identity.mspId())) {
            throw new IllegalArgumentException("organisation " + identity.mspId()
                    + " is not registered on channel " + engine.channelId());
        }
        return new EmbeddedConnection(engine, cutter, identity);
    }

    /** The engine, for audits: state and history queries, {@link EmbeddedLedgerEngine#verifyChain()}. */
    public EmbeddedLedgerEngine engine() {
        return engine;
    }

    /** Closes the chain; connections fail with {@code UNAVAILABLE} afterwards. */
    @Override
    public void close() throws IOException {
        cutter.close();
        engine.close();
    }
}
