package io.neighbourgrid.ledger;

import java.util.List;
import org.hyperledger.fabric.client.CommitException;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.GatewayRuntimeException;

/**
 * Translates the Fabric Gateway's failures into {@link LedgerException}s with the same error codes as the embedded
 * ledger. The contract's failure message reaches the client only inside the gateway's error details ("chaincode
 * response 500, CODE: message"); the contract's error code is taken from there.
 */
final class GatewayErrors {
    /**
     * What a peer says when it cannot run the chaincode for reasons outside the contract: its service is down
     * ("could not launch chaincode ...: connection refused"), went away while it ran the transaction, or did not
     * answer in time.
     */
    private static final List<String> CHAINCODE_UNREACHABLE = List.of("could not launch chaincode",
            "chaincode stream terminated", "connection refused", "timeout expired while executing transaction",
            "chaincode registration failed", "error sending");

    /**
     * What a peer's gateway says when service discovery cannot (yet) name peers that satisfy the endorsement
     * policy: right after a peer restarts, until discovery has learnt the endorsers again.
     */
    private static final List<String> DISCOVERY_NOT_READY = List.of("no combination of peers",
            "no peers available", "failed to find any endorsing peers", "cannot satisfy endorsement policy",
            "failed to collect enough transaction endorsements");

    /**
     * What gRPC says when the connection's own gateway peer cannot be reached at all (it is down, or it went away
     * while a call was under way): the transport failed, so no peer answered with details of its own.
     */
    private static final List<String> TRANSPORT_FAILED = List.of("io exception", "Connection refused",
            "Network closed", "Connection reset", "Channel shutdown", "Keepalive failed", "connection closed",
            "Connection closed", "UNAVAILABLE: Unable to resolve host");

    /** The part of the network a call failed in, named in every failure that is not the contract's. */
    enum Component {
        /** The peer whose gateway the connection uses. */
        GATEWAY_PEER("the gateway peer"),
        /** A peer's chaincode service (chaincode as a service). */
        CHAINCODE("a peer's chaincode service"),
        /** Service discovery on the gateway peer. */
        DISCOVERY("service discovery on the gateway peer"),
        /** The ordering service, reached through the gateway peer. */
        ORDERER("the ordering service"),
        /** The commit status, awaited from the gateway peer. */
        COMMIT("the commit status from the gateway peer");

        private final String words;

        Component(String words) {
            this.words = words;
        }

        /** The component in words. */
        String words() {
            return words;
        }
    }

    private GatewayErrors() {
    }

    /**
     * As {@link #translate(Exception)}, for a failure of a call to {@code component} through the gateway at
     * {@code target}: a failure that is not the contract's names the component that failed (a chaincode service,
     * discovery, the ordering service, the commit status, the gateway peer) and the gateway; discovery that has not
     * yet learnt the endorsers is {@code UNAVAILABLE} (transient).
     */
    static LedgerException translate(Exception e, Component component, String target) {
        LedgerException plain = translate(e);
        String code = plain.errorCode();
        Component failed = component;
        if (plain.getMessage().contains("could not reach its chaincode service")) {
            failed = Component.CHAINCODE;
        } else if (discoveryNotReady(e)) {
            failed = Component.DISCOVERY;
            code = LedgerException.UNAVAILABLE;
        } else if (!LedgerException.UNAVAILABLE.equals(code) && !LedgerException.DEADLINE_EXCEEDED.equals(code)
                && !LedgerException.UNKNOWN.equals(code)) {
            return plain;
        }
        String rest = plain.getMessage().startsWith(plain.errorCode() + ": ")
                ? plain.getMessage().substring(plain.errorCode().length() + 2) : plain.getMessage();
        return new LedgerException(code, code + ": " + failed.words() + " (gateway " + target + ") failed: " + rest,
                e);
    }

    /**
     * True when {@code e} says that the gateway peer itself could not be reached (gRPC {@code UNAVAILABLE} from the
     * transport, with no error details from any peer): the connection may go on through another gateway peer of
     * its organisation. A failure the gateway peer reports (a chaincode service, discovery, the orderers, the
     * contract) is not one: the peer answered.
     */
    static boolean gatewayUnreachable(Exception e) {
        io.grpc.Status status = io.grpc.Status.fromThrowable(e);
        if (status.getCode() != io.grpc.Status.Code.UNAVAILABLE) {
            return false;
        }
        if (e instanceof GatewayException g && !g.getDetails().isEmpty()
                || e instanceof GatewayRuntimeException r && !r.getDetails().isEmpty()) {
            return false;
        }
        StringBuilder text = new StringBuilder(String.valueOf(status.getDescription()));
        for (Throwable t = e; t != null; t = t.getCause()) {
            text.append(' ').append(t.getMessage());
        }
        for (Throwable t = status.getCause(); t != null; t = t.getCause()) {
            text.append(' ').append(t.getMessage());
        }
        for (String sign : TRANSPORT_FAILED) {
            if (text.indexOf(sign) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean discoveryNotReady(Exception e) {
        StringBuilder text = new StringBuilder(String.valueOf(io.grpc.Status.fromThrowable(e).getDescription()));
        if (e instanceof GatewayException g) {
            g.getDetails().forEach(d -> text.append(' ').append(d.getMessage()));
        } else if (e instanceof GatewayRuntimeException g) {
            g.getDetails().forEach(d -> text.append(' ').append(d.getMessage()));
        }
        for (String sign : DISCOVERY_NOT_READY) {
            if (text.indexOf(sign) >= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Maps a gateway failure to a {@link LedgerException}: the contract's error code from the first error detail
     * that carries one; {@code UNAVAILABLE} when a peer could not reach its chaincode service; else the gRPC status
     * ({@code UNAVAILABLE}, {@code DEADLINE_EXCEEDED}, ...).
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
        if (!(e instanceof CommitException) && chaincodeUnreachable(details + " " + grpcStatus.getDescription())) {
            return new LedgerException(LedgerException.UNAVAILABLE, LedgerException.UNAVAILABLE
                    + ": a peer could not reach its chaincode service:" + details, e);
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

    private static boolean chaincodeUnreachable(String message) {
        for (String sign : CHAINCODE_UNREACHABLE) {
            if (message.contains(sign)) {
                return true;
            }
        }
        return false;
    }

    private static String stripToCode(String message, String code) {
        int at = message.indexOf(code + ":");
        return at < 0 ? message : message.substring(at + code.length() + 1).strip();
    }
}
