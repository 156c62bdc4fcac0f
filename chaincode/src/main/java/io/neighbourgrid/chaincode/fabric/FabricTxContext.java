package io.neighbourgrid.chaincode.fabric;

import io.neighbourgrid.protocol.contract.Creator;
import io.neighbourgrid.protocol.contract.TxContext;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hyperledger.fabric.contract.ClientIdentity;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;

/**
 * {@link TxContext} over the Fabric contract API's {@link Context}: what the market contract needs from a Fabric
 * peer. Every query is materialised into a list and its iterator closed before the call returns; range results are
 * sorted by key (the peer already returns them in key order; sorting makes the contract independent of that).
 */
public final class FabricTxContext implements TxContext {
    private final Context ctx;
    private final ChaincodeStub stub;
    private Creator creator;
    /** The values this transaction read, by key (null for a missing key). */
    private final Map<String, byte[]> reads = new HashMap<>();

    /**
     * Wraps one transaction's context.
     *
     * @param ctx the shim's context
     */
    public FabricTxContext(Context ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.stub = Objects.requireNonNull(ctx.getStub(), "stub");
    }

    @Override
    public String channelId() {
        return stub.getChannelId();
    }

    @Override
    public String txId() {
        return stub.getTxId();
    }

    @Override
    public Instant txTimestamp() {
        return stub.getTxTimestamp();
    }

    /** The signer: its MSP id and the DER of its X.509 certificate, from the proposal's creator. */
    @Override
    public Creator creator() {
        if (creator == null) {
            ClientIdentity identity = ctx.getClientIdentity();
            X509Certificate certificate = identity.getX509Certificate();
            try {
                creator = new Creator(identity.getMSPID(), certificate.getEncoded());
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException("the creator's certificate cannot be encoded", e);
            }
        }
        return creator;
    }

    /**
     * The committed value of {@code key}, read from the peer once per transaction: a Fabric transaction reads the
     * state as of its simulation, never its own writes, so a second read of a key returns the first read's value and
     * costs the peer no second round trip.
     */
    @Override
    public byte[] getState(String key) {
        byte[] value;
        if (reads.containsKey(key)) {
            value = reads.get(key);
        } else {
            byte[] read = stub.getState(key);
            // The shim returns an empty array for a missing key; the contract interface says null.
            value = read == null || read.length == 0 ? null : read;
            reads.put(key, value);
        }
        return value == null ? null : value.clone();
    }

    @Override
    public void putState(String key, byte[] value) {
        stub.putState(key, value);
    }

    @Override
    public void deleteState(String key) {
        stub.delState(key);
    }

    @Override
    public List<KeyValue> getStateByPartialCompositeKey(String objectType, String... attributes) {
        try (QueryResultsIterator<org.hyperledger.fabric.shim.ledger.KeyValue> it =
                     stub.getStateByPartialCompositeKey(objectType, attributes)) {
            return sorted(it);
        }
    }

    @Override
    public List<KeyValue> getStateByRange(String startKey, String endKey) {
        try (QueryResultsIterator<org.hyperledger.fabric.shim.ledger.KeyValue> it =
                     stub.getStateByRange(startKey, endKey)) {
            return sorted(it);
        }
    }

    @Override
    public List<KeyModification> getHistoryForKey(String key) {
        List<KeyModification> out = new ArrayList<>();
        try (QueryResultsIterator<org.hyperledger.fabric.shim.ledger.KeyModification> it =
                     stub.getHistoryForKey(key)) {
            for (org.hyperledger.fabric.shim.ledger.KeyModification m : it) {
                byte[] value = m.isDeleted() ? null : m.getValue();
                out.add(new KeyModification(m.getTxId(), m.getTimestamp(), m.isDeleted(), value));
            }
        }
        // The peer returns the newest modification first; the contract interface promises oldest first.
        Collections.reverse(out);
        return out;
    }

    @Override
    public void setEvent(String name, byte[] payload) {
        stub.setEvent(name, payload);
    }

    private static List<KeyValue> sorted(Iterable<org.hyperledger.fabric.shim.ledger.KeyValue> it) {
        List<KeyValue> out = new ArrayList<>();
        for (org.hyperledger.fabric.shim.ledger.KeyValue kv : it) {
            out.add(new KeyValue(kv.getKey(), kv.getValue()));
        }
        out.sort(Comparator.comparing(KeyValue::key));
        return out;
    }
}
