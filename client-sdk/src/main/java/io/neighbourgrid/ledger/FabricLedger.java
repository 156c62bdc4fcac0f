package io.neighbourgrid.ledger;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.CommitException;
import org.hyperledger.fabric.client.CommitStatusException;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.GatewayRuntimeException;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmitException;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;

/**
 * A {@link Ledger} connection to a Fabric network through the Fabric Gateway of one peer (fabric-gateway 1.10):
 * the peer's gateway collects endorsements from the organisations the chaincode's policy needs, submits the
 * endorsed transaction to the ordering service and reports its commit status.
 *
 * <p>The contract's failure message reaches the client only inside the gateway's error details
 * ("chaincode response 500, CODE: message"); {@link #translate} extracts the contract's error code from there, so
 * callers see the same {@link LedgerException#errorCode()} as on the embedded ledger.
 */
public final class FabricLedger implements Ledger {
    private final Identity identity;
    private final ManagedChannel channel;
    private final Gateway gateway;
    private final Network network;
    private final Contract contract;
    private final String chaincodeName;
    private final Set<CloseableIterator<ChaincodeEvent>> eventStreams = ConcurrentHashMap.newKeySet();
    private final AtomicLong submissions = new AtomicLong();
    private final AtomicLong submittedBytes = new AtomicLong();
    private final AtomicLong evaluations = new AtomicLong();
    private final AtomicLong evaluatedBytes = new AtomicLong();

    /**
     * Where to connect.
     *
     * @param target        host:port of the peer's gateway endpoint, e.g. {@code 127.0.0.1:7051}
     * @param tlsCaCert     PEM file of the CA that issued the peer's TLS certificate
     * @param tlsHostOverride the host name in the peer's TLS certificate, e.g. {@code peer0.operator.example.com}
     * @param channelName   the channel, e.g. {@code market}
     * @param chaincodeName the chaincode, e.g. {@code market}
     */
    public record Endpoint(String target, Path tlsCaCert, String tlsHostOverride, String channelName,
            String chaincodeName) {
        public Endpoint {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(tlsCaCert, "tlsCaCert");
            Objects.requireNonNull(tlsHostOverride, "tlsHostOverride");
            Objects.requireNonNull(channelName, "channelName");
            Objects.requireNonNull(chaincodeName, "chaincodeName");
        }
    }

    private FabricLedger(Identity identity, ManagedChannel channel, Gateway gateway, Endpoint endpoint) {
        this.identity = identity;
        this.channel = channel;
        this.gateway = gateway;
        this.network = gateway.getNetwork(endpoint.channelName());
        this.contract = network.getContract(endpoint.chaincodeName());
        this.chaincodeName = endpoint.chaincodeName();
    }

    /**
     * Opens a gRPC connection to the peer and a gateway session signed by {@code identity}.
     *
     * @throws LedgerException with code {@code UNAVAILABLE} when the TLS CA file cannot be read
     */
    public static FabricLedger connect(Endpoint endpoint, Identity identity) throws LedgerException {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(identity, "identity");
        ChannelCredentials credentials;
        try {
            credentials = TlsChannelCredentials.newBuilder().trustManager(endpoint.tlsCaCert().toFile()).build();
        } catch (IOException e) {
            throw new LedgerException(LedgerException.UNAVAILABLE, "UNAVAILABLE: cannot read TLS CA certificate "
                    + endpoint.tlsCaCert() + ": " + e.getMessage(), e);
        }
        ManagedChannel channel = Grpc.newChannelBuilder(endpoint.target(), credentials)
                .overrideAuthority(endpoint.tlsHostOverride())
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
            return new FabricLedger(identity, channel, gateway, endpoint);
        } catch (RuntimeException e) {
            channel.shutdownNow();
            throw new LedgerException(LedgerException.UNAVAILABLE, "UNAVAILABLE: cannot open a gateway to "
                    + endpoint.target() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public SubmitResult submit(String transaction, String... args) throws LedgerException {
        submissions.incrementAndGet();
        submittedBytes.addAndGet(LedgerTraffic.sizeOf(transaction, args));
        try {
            SubmittedTransaction tx = contract.newProposal(transaction).addArguments(args).build().endorse()
                    .submitAsync();
            byte[] result = tx.getResult();
            Status status = tx.getStatus();
            if (!status.isSuccessful()) {
                String code = status.getCode().name();
                throw new LedgerException(code, code + ": transaction " + status.getTransactionId() + " ("
                        + transaction + ") was invalidated in block " + status.getBlockNumber(), null);
            }
            return new SubmitResult(status.getTransactionId(), status.getBlockNumber(), result);
        } catch (EndorseException | SubmitException | CommitStatusException e) {
            throw translate(e);
        } catch (GatewayRuntimeException e) {
            throw translate(e);
        }
    }

    @Override
    public byte[] evaluate(String transaction, String... args) throws LedgerException {
        evaluations.incrementAndGet();
        evaluatedBytes.addAndGet(LedgerTraffic.sizeOf(transaction, args));
        try {
            return contract.evaluateTransaction(transaction, args);
        } catch (GatewayException e) {
            throw translate(e);
        } catch (GatewayRuntimeException e) {
            throw translate(e);
        }
    }

    @Override
    public LedgerSubscription subscribe(Consumer<LedgerEvent> listener) throws LedgerException {
        Objects.requireNonNull(listener, "listener");
        CloseableIterator<ChaincodeEvent> events;
        try {
            events = network.getChaincodeEvents(chaincodeName);
        } catch (GatewayRuntimeException e) {
            throw translate(e);
        }
        eventStreams.add(events);
        Thread reader = new Thread(() -> {
            try {
                while (events.hasNext()) {
                    ChaincodeEvent e = events.next();
                    listener.accept(new LedgerEvent(e.getBlockNumber(), e.getTransactionId(), e.getEventName(),
                            e.getPayload()));
                }
            } catch (GatewayRuntimeException | IllegalStateException closed) {
                // The stream ends when the subscription or the connection is closed.
            }
        }, "fabric-events-" + identity.mspId());
        reader.setDaemon(true);
        reader.start();
        return () -> {
            eventStreams.remove(events);
            events.close();
        };
    }

    @Override
    public Identity identity() {
        return identity;
    }

    @Override
    public LedgerTraffic traffic() {
        return new LedgerTraffic(submissions.get(), submittedBytes.get(), evaluations.get(), evaluatedBytes.get());
    }

    @Override
    public void close() {
        for (CloseableIterator<ChaincodeEvent> events : eventStreams) {
            events.close();
        }
        eventStreams.clear();
        gateway.close();
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Maps a gateway failure to a {@link LedgerException}: the contract's error code from the first error detail
     * that carries one, else the gRPC status ({@code UNAVAILABLE}, {@code DEADLINE_EXCEEDED}, ...).
     */
    static LedgerException translate(Exception e) {
        io.grpc.Status grpcStatus = io.grpc.Status.fromThrowable(e);
        StringBuilder details = new StringBuilder();
        if (e instanceof GatewayException g) {
            g.getDetails().forEach(d -> details.append(" [").append(d.getMspId()).append(' ')
                    .append(d.getAddress()).append("] ").append(d.getMessage()));
            for (var d : g.getDetails()) {
                var code = LedgerException.parseErrorCode(d.getMessage());
                if (code.isPresent()) {
                    return new LedgerException(code.get(), code.get() + ": " + stripToCode(d.getMessage(), code.get()), e);
                }
            }
        } else if (e instanceof GatewayRuntimeException g) {
            g.getDetails().forEach(d -> details.append(' ').append(d.getMessage()));
            for (var d : g.getDetails()) {
                var code = LedgerException.parseErrorCode(d.getMessage());
                if (code.isPresent()) {
                    return new LedgerException(code.get(), code.get() + ": " + stripToCode(d.getMessage(), code.get()), e);
                }
            }
        }
        if (e instanceof CommitException c) {
            String code = c.getCode().name();
            return new LedgerException(code, code + ": transaction " + c.getTransactionId() + " was invalidated", e);
        }
        var fromMessage = LedgerException.parseErrorCode(grpcStatus.getDescription());
        if (fromMessage.isPresent()) {
            return new LedgerException(fromMessage.get(), grpcStatus.getDescription(), e);
        }
        String code = switch (grpcStatus.getCode()) {
            case UNAVAILABLE -> LedgerException.UNAVAILABLE;
            case DEADLINE_EXCEEDED -> LedgerException.DEADLINE_EXCEEDED;
            case PERMISSION_DENIED, UNAUTHENTICATED -> LedgerException.ACCESS_DENIED;
            default -> LedgerException.UNKNOWN;
        };
        return new LedgerException(code, code + ": " + grpcStatus.getCode() + " " + grpcStatus.getDescription()
                + details, e);
    }

    private static String stripToCode(String message, String code) {
        int at = message.indexOf(code + ":");
        return at < 0 ? message : message.substring(at + code.length() + 1).strip();
    }
}
