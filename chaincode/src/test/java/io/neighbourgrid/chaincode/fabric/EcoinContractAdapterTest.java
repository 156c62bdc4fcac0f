package io.neighbourgrid.chaincode.fabric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.chaincode.ecoin.EcoinTransactions;
import io.neighbourgrid.crypto.blind.BlindRsaKeyPair;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.protocol.contract.Creator;
import io.neighbourgrid.protocol.ecoin.EcoinConfig;
import io.neighbourgrid.protocol.ecoin.EcoinSettings;
import io.neighbourgrid.protocol.ecoin.EcoinTransaction;
import io.neighbourgrid.protocol.ecoin.MeterBinding;
import java.security.SecureRandom;
import java.util.List;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.junit.jupiter.api.Test;

/** The e-coin contract through the Fabric shim: the same dispatcher, its namespace, its errors as the shim's. */
class EcoinContractAdapterTest {
    private final FabricAdapterTest.FakePeer peer = new FabricAdapterTest.FakePeer();
    private final EcoinContract contract = new EcoinContract(new EcoinTransactions("OperatorMSP",
            List.of("CommunityMSP")));

    @Test
    void everyTransactionHasAMethodUnderTheEcoinNamespace() {
        FabricAdapterTest.assertOneMethodPerTransaction(EcoinContract.class, EcoinTransaction.NAMESPACE,
                EcoinTransaction.values());
    }

    @Test
    void runsTheSameTransactionsAsTheEmbeddedLedgerAndCarriesTheErrorCode() throws Exception {
        byte[] sharedDer = FabricAdapterTest.certificate("microgrid");
        BlindRsaKeyPair key = BlindRsaKeyPair.generate(2048, new SecureRandom());
        EcoinSettings settings = new EcoinSettings(key.publicKey().encode(), "CommunityMSP",
                new Creator("CommunityMSP", sharedDer).certificateHash(), 200, 15, 12_500, 900, 50);
        Context operator = peer.context("OperatorMSP", FabricAdapterTest.certificate("substation"));
        contract.configure(operator, CanonicalJson.toJson(settings));
        MeterBinding alice = CanonicalJson.fromJson(contract.registerMeter(peer.context("CommunityMSP",
                FabricAdapterTest.certificate("alice")), "alice"), MeterBinding.class);
        assertEquals("alice", alice.meterId());
        assertEquals(settings, CanonicalJson.fromJson(contract.getConfig(peer.context("CommunityMSP",
                sharedDer)), EcoinConfig.class).settings());
        ChaincodeException e = assertThrows(ChaincodeException.class, () -> contract.registerMeter(
                peer.context("CommunityMSP", sharedDer), "carol"));
        assertTrue(e.getMessage().startsWith("SHARED_IDENTITY_IDENTIFIES: "), e.getMessage());
        assertEquals("SHARED_IDENTITY_IDENTIFIES", new String(e.getPayload()));
    }
}
