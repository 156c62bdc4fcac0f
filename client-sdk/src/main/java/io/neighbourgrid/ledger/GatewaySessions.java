package io.neighbourgrid.ledger;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;

/**
 * The gateway sessions of one {@link FabricLedger}: a list of gateway peers of the client's organisation, of which
 * one is in use at a time. When the peer in use cannot be reached, {@link #failOver} closes its session and opens
 * one to the next peer in the list (round robin); a gRPC channel connects lazily, so opening a session costs
 * nothing until the first call.
 */
final class GatewaySessions implements GatewayRetry.GatewayPeers, AutoCloseable {
    /**
     * The largest response a session accepts: a window's full view carries every member's contribution with its
     * proof (about 17 KB each), which passes gRPC's default of 4 MiB from about 240 members on; Fabric's peers send
     * up to 100 MiB by default.
     */
    static final int MAX_MESSAGE_BYTES = 100 * 1024 * 1024;

    /** One gRPC channel to a gateway peer, with the gateway, channel and contract objects bound to it. */
    record Session(String target, ManagedChannel channel, Gateway gateway, Network network, Contract contract) {
        void close() {
            gateway.close();
            channel.shutdownNow();
        }
    }

    private final List<FabricLedger.Endpoint> endpoints;
    private final Identity identity;
    private int index;
    private Session current;
    private boolean closed;

    /**
     * Opens a session to the first endpoint.
     *
     * @throws LedgerException {@code UNAVAILABLE} when its TLS CA file cannot be read
     */
    GatewaySessions(List<FabricLedger.Endpoint> endpoints, Identity identity) throws LedgerException {
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("at least one gateway endpoint is needed");
        }
        FabricLedger.Endpoint first = endpoints.get(0);
        for (FabricLedger.Endpoint e : endpoints) {
            if (!e.channelName().equals(first.channelName()) || !e.chaincodeName().equals(first.chaincodeName())) {
                throw new IllegalArgumentException("every gateway endpoint must name channel " + first.channelName()
                        + " and chaincode " + first.chaincodeName() + ", got " + e);
            }
        }
        this.endpoints = List.copyOf(endpoints);
        this.identity = identity;
        this.current = open(this.endpoints.get(0), identity);
    }

    /** The session calls go through now. */
    synchronized Session current() {
        return current;
    }

    @Override
    public synchronized String target() {
        return current.target();
    }

    @Override
    public int count() {
        return endpoints.size();
    }

    @Override
    public synchronized boolean failOver(String failed) throws LedgerException {
        if (closed || endpoints.size() < 2) {
            return false;
        }
        if (!current.target().equals(failed)) {
            return true;   // another call moved on already
        }
        Session dead = current;
        index = (index + 1) % endpoints.size();
        current = open(endpoints.get(index), identity);
        dead.close();
        return true;
    }

    /** The endpoint of the first session, which names the channel and chaincode of every session. */
    FabricLedger.Endpoint first() {
        return endpoints.get(0);
    }

    @Override
    public synchronized void close() {
        closed = true;
        current.close();
        try {
            current.channel().awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A gRPC channel to the peer and a gateway session signed by {@code identity}.
     *
     * @throws LedgerException {@code UNAVAILABLE} when the TLS CA file cannot be read or the gateway not built
     */
    private static Session open(FabricLedger.Endpoint endpoint, Identity identity) throws LedgerException {
        ChannelCredentials credentials;
        try {
            credentials = TlsChannelCredentials.newBuilder().trustManager(endpoint.tlsCaCert().toFile()).build();
        } catch (IOException e) {
            throw new LedgerException(LedgerException.UNAVAILABLE, "UNAVAILABLE: cannot read TLS CA certificate "
                    + endpoint.tlsCaCert() + ": " + e.getMessage(), e);
        }
        ManagedChannel channel = Grpc.newChannelBuilder(endpoint.target(), credentials)
                .overrideAuthority(endpoint.tlsHostOverride())
                .maxInboundMessageSize(MAX_MESSAGE_BYTES)
                .build();
        try {
            Gateway gateway = Gateway.newInstance()
                    .identity(new X509Identity(identity.mspId(), identity.certificate()))
                    .signer(Signers.newPrivateKeySigner(identity.privateKey()))
                    .hash(Hash.SHA256)
                    .connection(channel)
                    .evaluateOptions(o -> o.withDeadlineAfter(30, TimeUnit.SECONDS))
                    .endorseOptions(o -> o.withDeadlineAfter(60, TimeUnit.SECONDS))
                    .submitOptions(o -> o.withDeadlineAfter(30, TimeUnit.SECONDS))
                    .commitStatusOptions(o -> o.withDeadlineAfter(120, TimeUnit.SECONDS))
                    .connect();
            Network network = gateway.getNetwork(endpoint.channelName());
            return new Session(endpoint.target(), channel, gateway, network,
                    network.getContract(endpoint.chaincodeName()));
        } catch (RuntimeException e) {
            channel.shutdownNow();
            throw new LedgerException(LedgerException.UNAVAILABLE, "UNAVAILABLE: cannot open a gateway to "
                    + endpoint.target() + ": " + e.getMessage(), e);
        }
    }
}
