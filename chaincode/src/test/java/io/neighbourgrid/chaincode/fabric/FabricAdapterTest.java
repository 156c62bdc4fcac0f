package io.neighbourgrid.chaincode.fabric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.neighbourgrid.chaincode.StateKeys;
import io.neighbourgrid.chaincode.market.Guards;
import io.neighbourgrid.crypto.paillier.PaillierKeyPair;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.market.Scales;
import io.neighbourgrid.protocol.ContractTransaction;
import io.neighbourgrid.protocol.ProofContexts;
import io.neighbourgrid.protocol.contract.CompositeKeys;
import io.neighbourgrid.protocol.contract.Creator;
import io.neighbourgrid.protocol.contract.TxContext;
import io.neighbourgrid.protocol.state.HomeRecord;
import io.neighbourgrid.protocol.state.MarketConfig;
import io.neighbourgrid.testing.TestKeys;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The Fabric adapter over a stand-in for the peer's {@link ChaincodeStub}: a real serialized identity with a real
 * X.509 certificate, a sorted in-memory state, and iterators that record whether they were closed.
 */
class FabricAdapterTest {
    private static final String CHANNEL = "fabric-test";
    private static final Instant NOW = Instant.parse("2026-03-02T07:00:00.123456789Z");

    /** A DER X.509 certificate for an EC key, signed by itself. */
    /**
     * Asserts that a namespaced contract has one method per transaction, named after it, taking the context and the
     * transaction's arguments, annotated with its intent, under the namespace's contract name.
     */
    static void assertOneMethodPerTransaction(Class<?> contract, String namespace,
                                              io.neighbourgrid.protocol.contract.NamespacedTransaction[] transactions) {
        assertEquals(namespace, contract.getAnnotation(org.hyperledger.fabric.contract.annotation.Contract.class)
                .name());
        for (io.neighbourgrid.protocol.contract.NamespacedTransaction t : transactions) {
            java.lang.reflect.Method m = java.util.Arrays.stream(contract.getMethods())
                    .filter(x -> x.getName().equals(t.functionName())).findFirst().orElseThrow();
            assertEquals(t.arity() + 1, m.getParameterCount(), t.functionName());
            assertEquals(t.submit() ? org.hyperledger.fabric.contract.annotation.Transaction.TYPE.SUBMIT
                            : org.hyperledger.fabric.contract.annotation.Transaction.TYPE.EVALUATE,
                    m.getAnnotation(org.hyperledger.fabric.contract.annotation.Transaction.class).intent(),
                    t.functionName());
        }
    }

    static byte[] certificate(String commonName) throws Exception {
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
        kpg.initialize(256);
        KeyPair kp = kpg.generateKeyPair();
        AlgorithmIdentifier ecdsa = new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
        V3TBSCertificateGenerator g = new V3TBSCertificateGenerator();
        g.setSerialNumber(new ASN1Integer(BigInteger.valueOf(commonName.hashCode() & 0x7fffffff)));
        g.setIssuer(new X500Name("CN=" + commonName));
        g.setSubject(new X500Name("CN=" + commonName));
        g.setStartDate(new Time(Date.from(NOW.minusSeconds(3600))));
        g.setEndDate(new Time(Date.from(NOW.plusSeconds(86_400))));
        g.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(kp.getPublic().getEncoded()));
        g.setSignature(ecdsa);
        TBSCertificate tbs = g.generateTBSCertificate();
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(kp.getPrivate());
        signer.update(tbs.getEncoded(ASN1Encoding.DER));
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(tbs);
        v.add(ecdsa);
        v.add(new DERBitString(signer.sign()));
        return new DERSequence(v).getEncoded(ASN1Encoding.DER);
    }

    static String pem(byte[] der) {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END CERTIFICATE-----\n";
    }

    /** A stand-in for the peer: state, history and the last event, shared by the transactions run on it. */
    static final class FakePeer {
        final TreeMap<String, byte[]> state = new TreeMap<>();
        final Map<String, List<byte[]>> history = new TreeMap<>();
        final List<String> openIterators = new ArrayList<>();
        final List<String> events = new ArrayList<>();
        int txCounter;

        /** A context for one transaction signed by {@code mspId} with certificate {@code der}. */
        Context context(String mspId, byte[] der) {
            String txId = "tx" + (++txCounter);
            byte[] creator = SerializedIdentity.newBuilder().setMspid(mspId)
                    .setIdBytes(ByteString.copyFrom(pem(der), StandardCharsets.UTF_8)).build().toByteArray();
            ChaincodeStub stub = (ChaincodeStub) Proxy.newProxyInstance(ChaincodeStub.class.getClassLoader(),
                    new Class<?>[] {ChaincodeStub.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "getCreator" -> creator;
                        case "getChannelId" -> CHANNEL;
                        case "getTxId" -> txId;
                        case "getTxTimestamp" -> NOW;
                        // The shim returns an empty array, not null, for a missing key.
                        case "getState" -> state.getOrDefault((String) args[0], new byte[0]);
                        case "putState" -> {
                            state.put((String) args[0], (byte[]) args[1]);
                            history.computeIfAbsent((String) args[0], k -> new ArrayList<>()).add((byte[]) args[1]);
                            yield null;
                        }
                        case "delState" -> state.remove((String) args[0]);
                        case "setEvent" -> events.add((String) args[0]);
                        case "getStateByPartialCompositeKey" -> {
                            String prefix = CompositeKeys.create((String) args[0], (String[]) args[1]);
                            List<KeyValue> rows = new ArrayList<>();
                            state.subMap(prefix, prefix + Character.MAX_VALUE).forEach((k, v) -> rows.add(kv(k, v)));
                            // Deliberately not in key order: the adapter must sort.
                            Collections.reverse(rows);
                            yield iterator("partial " + args[0], rows);
                        }
                        case "getHistoryForKey" -> {
                            List<KeyModification> mods = new ArrayList<>();
                            List<byte[]> values = history.getOrDefault((String) args[0], List.of());
                            for (int i = values.size() - 1; i >= 0; i--) {
                                mods.add(modification("tx-v" + i, values.get(i)));
                            }
                            yield iterator("history", mods);
                        }
                        case "toString" -> "FakePeerStub";
                        default -> throw new AssertionError("the adapter called " + method.getName());
                    });
            return new Context(stub);
        }

        <T> QueryResultsIterator<T> iterator(String name, List<T> rows) {
            openIterators.add(name);
            return new QueryResultsIterator<>() {
                @Override
                public void close() {
                    openIterators.remove(name);
                }

                @Override
                public Iterator<T> iterator() {
                    return rows.iterator();
                }
            };
        }
    }

    static KeyValue kv(String key, byte[] value) {
        return new KeyValue() {
            @Override
            public String getKey() {
                return key;
            }

            @Override
            public byte[] getValue() {
                return value;
            }

            @Override
            public String getStringValue() {
                return new String(value, StandardCharsets.UTF_8);
            }
        };
    }

    static KeyModification modification(String txId, byte[] value) {
        return new KeyModification() {
            @Override
            public String getTxId() {
                return txId;
            }

            @Override
            public byte[] getValue() {
                return value;
            }

            @Override
            public String getStringValue() {
                return new String(value, StandardCharsets.UTF_8);
            }

            @Override
            public Instant getTimestamp() {
                return NOW;
            }

            @Override
            public boolean isDeleted() {
                return false;
            }
        };
    }

    @Nested
    class TxContextOverTheShim {
        private final FakePeer peer = new FakePeer();

        @Test
        void theCreatorIsTheMspIdAndTheCertificateDer() throws Exception {
            byte[] der = certificate("home-1");
            TxContext ctx = new FabricTxContext(peer.context("CommunityMSP", der));
            assertEquals(new Creator("CommunityMSP", der), ctx.creator());
            assertEquals(CHANNEL, ctx.channelId());
            assertEquals(NOW, ctx.txTimestamp());
        }

        @Test
        void aMissingKeyReadsAsNull() throws Exception {
            TxContext ctx = new FabricTxContext(peer.context("CommunityMSP", certificate("h")));
            assertNull(ctx.getState("absent"));
        }

        @Test
        void queriesAreSortedAndTheirIteratorsClosed() throws Exception {
            TxContext ctx = new FabricTxContext(peer.context("CommunityMSP", certificate("h")));
            for (String id : List.of("b", "c", "a")) {
                ctx.putState(CompositeKeys.create("HOME", id), id.getBytes(StandardCharsets.UTF_8));
            }
            List<TxContext.KeyValue> rows = ctx.getStateByPartialCompositeKey("HOME");
            assertEquals(List.of(CompositeKeys.create("HOME", "a"), CompositeKeys.create("HOME", "b"),
                    CompositeKeys.create("HOME", "c")), rows.stream().map(TxContext.KeyValue::key).toList());
            assertTrue(peer.openIterators.isEmpty(), "open iterators: " + peer.openIterators);
        }

        @Test
        void historyIsReturnedOldestFirst() throws Exception {
            TxContext ctx = new FabricTxContext(peer.context("CommunityMSP", certificate("h")));
            ctx.putState("k", "v0".getBytes(StandardCharsets.UTF_8));
            ctx.putState("k", "v1".getBytes(StandardCharsets.UTF_8));
            List<TxContext.KeyModification> h = ctx.getHistoryForKey("k");
            assertEquals(List.of("tx-v0", "tx-v1"), h.stream().map(TxContext.KeyModification::txId).toList());
            assertArrayEquals("v1".getBytes(StandardCharsets.UTF_8), h.get(1).value());
            assertTrue(peer.openIterators.isEmpty());
        }
    }

    @Nested
    class MarketContractOverTheShim {
        private final FakePeer peer = new FakePeer();
        private final MarketContract contract = new MarketContract(MarketContract.fromEnvironment(Map.of()));

        @Test
        void runsTheSameTransactionsAsTheEmbeddedLedger() throws Exception {
            MarketConfig config = new MarketConfig(120 * Scales.PRICE, 80 * Scales.PRICE, 90 * Scales.PRICE,
                    110 * Scales.PRICE, 60, 2, 1024, 30, 30, 30, 30, MarketConfig.DEFAULT_SELECTION_EPOCH_WINDOWS,
                    MarketConfig.DEFAULT_MAX_ENERGY_PER_WINDOW, MarketConfig.DEFAULT_MIN_PREFERENCE,
                    MarketConfig.DEFAULT_MAX_PREFERENCE);
            contract.configureMarket(peer.context("OperatorMSP", certificate("operator")),
                    CanonicalJson.toJson(config));
            PaillierKeyPair keys = TestKeys.paillier(1024, 0);
            String proof = TestKeys.keyProof(keys, ProofContexts.registration(CHANNEL, "h1"));
            contract.registerProofParameters(peer.context("OperatorMSP", certificate("operator")),
                    TestKeys.proofParameters().toBase64(), TestKeys.proofParametersProof(CHANNEL));
            byte[] der = certificate("h1");
            contract.registerHome(peer.context("CommunityMSP", der), "h1", keys.publicKey().toBase64(), proof,
                    TestKeys.factorProof(keys, ProofContexts.registration(CHANNEL, "h1")));
            HomeRecord home = CanonicalJson.fromJson(contract.getHome(peer.context("OperatorMSP",
                    certificate("auditor")), "h1"), HomeRecord.class);
            assertEquals(new Creator("CommunityMSP", der).certificateHash(), home.certificateHash());
            assertEquals(NOW.toString(), home.registeredAt());
            assertEquals(List.of("MarketConfigured", "ProofParametersRegistered", "HomeRegistered"), peer.events);
            assertNotNull(peer.state.get(StateKeys.identity("CommunityMSP", home.certificateHash())));
            assertEquals(1, CanonicalJson.fromJson(contract.listHomes(peer.context("OperatorMSP",
                    certificate("auditor"))), HomeRecord[].class).length);
            assertTrue(peer.openIterators.isEmpty());
        }

        @Test
        void failuresCarryTheErrorCodeInMessageAndPayload() throws Exception {
            ChaincodeException e = assertThrows(ChaincodeException.class, () -> contract.openWindow(
                    peer.context("CommunityMSP", certificate("h1")), "1"));
            assertTrue(e.getMessage().startsWith("UNAUTHORIZED_ORG: "), e.getMessage());
            assertArrayEquals("UNAUTHORIZED_ORG".getBytes(StandardCharsets.UTF_8), e.getPayload());
        }

        @Test
        void everyFunctionHasATransactionMethodOfTheRightIntentAndArity() {
            for (ContractTransaction f : ContractTransaction.values()) {
                Method method = null;
                for (Method candidate : MarketContract.class.getMethods()) {
                    if (candidate.getName().equals(f.functionName())) {
                        method = candidate;
                    }
                }
                assertNotNull(method, "no method for " + f.functionName());
                Transaction tx = method.getAnnotation(Transaction.class);
                assertNotNull(tx, f.functionName() + " is not a @Transaction");
                assertEquals(f.isSubmit() ? Transaction.TYPE.SUBMIT : Transaction.TYPE.EVALUATE, tx.intent(),
                        f.functionName());
                assertEquals(f.arity() + 1, method.getParameterCount(), f.functionName());
                assertEquals(String.class, method.getReturnType());
            }
        }
    }

    @Nested
    class Environment {
        @Test
        void defaultsToTheTestNetworksOrganisations() {
            Guards guards = MarketContract.fromEnvironment(Map.of()).guards();
            assertEquals("OperatorMSP", guards.operatorMspId());
            assertEquals(List.of("CommunityMSP"), List.copyOf(guards.communityMspIds()));
        }

        @Test
        void readsTheOperatorAndACommaSeparatedCommunityList() {
            Guards guards = MarketContract.fromEnvironment(Map.of("OPERATOR_MSP_ID", "DsoMSP",
                    "COMMUNITY_MSP_IDS", " NorthMSP, SouthMSP ,")).guards();
            assertEquals("DsoMSP", guards.operatorMspId());
            assertEquals(List.of("NorthMSP", "SouthMSP"), List.copyOf(guards.communityMspIds()));
        }

        @Test
        void rejectsACommunityListWithoutAnId() {
            assertThrows(IllegalArgumentException.class, () -> MarketContract.fromEnvironment(Map.of(
                    "COMMUNITY_MSP_IDS", " , ")));
        }
    }
}
