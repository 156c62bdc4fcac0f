package io.neighbourgrid.ledger;

import io.neighbourgrid.chaincode.TxContext;
import io.neighbourgrid.chaincode.embedded.TransactionHandler;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hyperledger.fabric.shim.ChaincodeException;

/** A tiny key-value contract for the ledger client's tests. */
final class KeyValueContract implements TransactionHandler {
    @Override
    public byte[] invoke(TxContext ctx, String function, List<String> args) {
        switch (function) {
            case "put":
                ctx.putState(args.get(0), utf8(args.get(1)));
                ctx.setEvent("put", utf8(args.get(0)));
                return utf8("ok");
            case "get": {
                byte[] v = ctx.getState(args.get(0));
                return v == null ? new byte[0] : v;
            }
            case "whoami":
                return utf8(ctx.creator().mspId() + "|" + ctx.creator().certificateHash());
            case "fail":
                throw new ChaincodeException(args.get(0) + ": " + args.get(1), args.get(0));
            case "failWithPayloadCode":
                throw new ChaincodeException("something went wrong", args.get(0));
            default:
                throw new ChaincodeException("UNKNOWN_FUNCTION: " + function, "UNKNOWN_FUNCTION");
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
