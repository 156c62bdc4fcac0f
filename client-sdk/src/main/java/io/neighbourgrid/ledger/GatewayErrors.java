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

    private GatewayErrors() {
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
