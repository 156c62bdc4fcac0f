package io.neighbourgrid.chaincode;

import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.protocol.contract.TxContext;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reading and writing contract records: every record goes to state as canonical JSON
 * ({@link CanonicalJson}), so endorsers write byte-identical values, and comes back through the same
 * serializer. Shared by the market and billing logic.
 */
public final class StateIo {
    private StateIo() {
    }

    /** The record at {@code key}, or {@code null} when the key does not exist. */
    public static <T> T read(TxContext ctx, String key, Class<T> type) {
        byte[] bytes = ctx.getState(key);
        return bytes == null || bytes.length == 0 ? null : CanonicalJson.fromBytes(bytes, type);
    }

    /** Every record under a composite-key prefix, in key order. */
    public static <T> List<T> readAll(TxContext ctx, Class<T> type, String objectType, String... attributes) {
        List<T> out = new ArrayList<>();
        for (TxContext.KeyValue kv : ctx.getStateByPartialCompositeKey(objectType, attributes)) {
            out.add(CanonicalJson.fromBytes(kv.value(), type));
        }
        return out;
    }

    /** Writes a record as canonical JSON. */
    public static void write(TxContext ctx, String key, Object record) {
        ctx.putState(key, CanonicalJson.toBytes(record));
    }

    /** SHA-256 of {@code data}. */
    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
