package io.neighbourgrid.embedded;

import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.contract.TransactionHandler;
import io.neighbourgrid.protocol.contract.TxContext;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A tiny key-value contract for the ledger's tests. Responses are UTF-8 text; queries answer
 * {@code key=value;key=value}.
 */
final class KeyValueContract implements TransactionHandler {
    @Override
    public byte[] invoke(TxContext ctx, String function, List<String> args) {
        switch (function) {
            case "put":
                ctx.putState(args.get(0), utf8(args.get(1)));
                return utf8("ok");
            case "putAnnounced":
                ctx.putState(args.get(0), utf8(args.get(1)));
                ctx.setEvent("put", utf8(args.get(0)));
                return utf8("ok");
            case "get": {
                byte[] v = ctx.getState(args.get(0));
                return v == null ? new byte[0] : v;
            }
            case "delete":
                ctx.deleteState(args.get(0));
                return utf8("ok");
            case "increment": {
                byte[] v = ctx.getState(args.get(0));
                long n = v == null ? 0 : Long.parseLong(new String(v, StandardCharsets.UTF_8));
                ctx.putState(args.get(0), utf8(Long.toString(n + 1)));
                return utf8(Long.toString(n + 1));
            }
            case "putComposite":
                ctx.putState(ctx.compositeKey(args.get(0), args.subList(1, args.size() - 1).toArray(String[]::new)),
                        utf8(args.get(args.size() - 1)));
                return utf8("ok");
            case "range":
                return render(ctx.getStateByRange(args.get(0), args.get(1)));
            case "partial":
                return render(ctx.getStateByPartialCompositeKey(args.get(0),
                        args.subList(1, args.size()).toArray(String[]::new)));
            case "countAndPut": {
                // Reads a range and writes its size: the shape that phantom-read validation protects.
                int n = ctx.getStateByRange(args.get(0), args.get(1)).size();
                ctx.putState(args.get(2), utf8(Integer.toString(n)));
                return utf8(Integer.toString(n));
            }
            case "history": {
                StringBuilder sb = new StringBuilder();
                for (TxContext.KeyModification m : ctx.getHistoryForKey(args.get(0))) {
                    sb.append(m.deleted() ? "-" : new String(m.value(), StandardCharsets.UTF_8)).append(';');
                }
                return utf8(sb.toString());
            }
            case "putWithEvents":
                ctx.putState(args.get(0), utf8(args.get(1)));
                ctx.setEvent("first", utf8("1"));
                ctx.setEvent("second", utf8(args.get(1)));
                return utf8("ok");
            case "whoami":
                return utf8(ctx.creator().mspId() + "|" + ctx.channelId() + "|" + ctx.txId() + "|"
                        + ctx.txTimestamp());
            case "identity":
                return utf8(ctx.creator().mspId() + "|" + ctx.creator().certificateHash());
            case "reject":
                throw ErrorCode.valueOf(args.get(0)).exception(args.get(1));
            case "fail":
                throw new IllegalStateException(args.get(0) + ": " + args.get(1));
            case "putThenFail":
                ctx.putState(args.get(0), utf8(args.get(1)));
                throw new IllegalStateException("REFUSED: after writing");
            default:
                throw new IllegalStateException("UNKNOWN_FUNCTION: " + function);
        }
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static byte[] render(List<TxContext.KeyValue> kvs) {
        StringBuilder sb = new StringBuilder();
        for (TxContext.KeyValue kv : kvs) {
            if (sb.length() > 0) {
                sb.append(';');
            }
            sb.append(kv.key().replace('\u0000', '|')).append('=').append(new String(kv.value(),
                    StandardCharsets.UTF_8));
        }
        return utf8(sb.toString());
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
