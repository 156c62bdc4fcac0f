package io.neighbourgrid.sim;

import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.ledger.FabricLedger;
import io.neighbourgrid.ledger.Identity;
import io.neighbourgrid.ledger.Ledger;
import io.neighbourgrid.ledger.LedgerException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Connections to the Fabric network that {@code test-network/network.sh up} starts, described by the
 * {@code connection.json} it writes: the operator signs as a client identity of the operator organisation and
 * home i as the i-th client identity of the community organisation, each through its own organisation's peer
 * gateway.
 */
public final class FabricLedgerProvider implements LedgerProvider {
    /** The operator organisation's MSP id on the test network. */
    public static final String OPERATOR_MSP = "OperatorMSP";
    /** The community organisation's MSP id on the test network. */
    public static final String COMMUNITY_MSP = "CommunityMSP";

    /** The parts of {@code connection.json} the SDK reads. */
    record Connection(String channel, String chaincode, List<Organization> organizations) {
    }

    record Organization(String name, String mspId, List<Peer> peers, List<User> users) {
    }

    record Peer(String name, String endpoint, String hostOverride, String tlsCaCert) {
    }

    record User(String name, String cert, String key) {
    }

    private final Connection connection;
    private final Path file;

    private FabricLedgerProvider(Connection connection, Path file) {
        this.connection = connection;
        this.file = file;
    }

    /**
     * Reads {@code DIR/connection.json}.
     *
     * @throws IOException naming the file when it is missing (the network is not up) or malformed
     */
    public static FabricLedgerProvider fromDirectory(Path directory) throws IOException {
        Path file = directory.resolve("connection.json");
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IOException("no Fabric connection description at " + file
                    + ": start the network with test-network/network.sh up && test-network/network.sh deploy", e);
        }
        Connection c;
        try {
            c = CanonicalJson.fromJson(json, Connection.class);
        } catch (RuntimeException e) {
            throw new IOException(file + " is not a valid connection description: " + e.getMessage(), e);
        }
        if (c.channel() == null || c.chaincode() == null || c.organizations() == null) {
            throw new IOException(file + " lacks channel, chaincode or organizations");
        }
        return new FabricLedgerProvider(c, file);
    }

    @Override
    public String channel() {
        return connection.channel();
    }

    @Override
    public Ledger connectOperator() throws LedgerException {
        return connect(OPERATOR_MSP, 0);
    }

    @Override
    public Ledger connectHome(int index, String homeId) throws LedgerException {
        return connect(COMMUNITY_MSP, index);
    }

    private Ledger connect(String mspId, int userIndex) throws LedgerException {
        Organization org = connection.organizations().stream().filter(o -> mspId.equals(o.mspId())).findFirst()
                .orElseThrow(() -> new LedgerException(LedgerException.UNAVAILABLE,
                        "UNAVAILABLE: " + file + " has no organisation " + mspId, null));
        if (org.users() == null || userIndex >= org.users().size()) {
            throw new LedgerException(LedgerException.UNAVAILABLE, "UNAVAILABLE: organisation " + mspId + " has "
                    + (org.users() == null ? 0 : org.users().size()) + " client identities, identity "
                    + (userIndex + 1) + " was asked for (raise the user count of network/crypto-config.yaml)", null);
        }
        User user = org.users().get(userIndex);
        Peer peer = Objects.requireNonNull(org.peers(), "peers").get(0);
        Identity identity;
        try {
            identity = Identity.fromPemFiles(mspId, Path.of(user.cert()), Path.of(user.key()));
        } catch (IOException e) {
            throw new LedgerException(LedgerException.UNAVAILABLE, "UNAVAILABLE: cannot read identity " + user.name()
                    + " of " + mspId + ": " + e.getMessage(), e);
        }
        FabricLedger.Endpoint endpoint = new FabricLedger.Endpoint(peer.endpoint(), Path.of(peer.tlsCaCert()),
                peer.hostOverride(), connection.channel(), connection.chaincode());
        return FabricLedger.connect(endpoint, identity);
    }

    @Override
    public String describe() {
        return "fabric (" + file + ")";
    }

    @Override
    public void close() {
        // Connections are closed by their owners.
    }
}
