package io.neighbourgrid.chaincode.fabric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.chaincode.partners.PartnerTransactions;
import io.neighbourgrid.protocol.partners.PartnerTransaction;
import java.util.List;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.junit.jupiter.api.Test;

/** The partners contract through the Fabric shim: its namespace, one method per transaction, its errors. */
class PartnerContractAdapterTest {
    private final FabricAdapterTest.FakePeer peer = new FabricAdapterTest.FakePeer();
    private final PartnerContract contract = new PartnerContract(new PartnerTransactions(List.of("CommunityMSP")));

    @Test
    void everyTransactionHasAMethodUnderThePartnersNamespace() {
        FabricAdapterTest.assertOneMethodPerTransaction(PartnerContract.class, PartnerTransaction.NAMESPACE,
                PartnerTransaction.values());
    }

    @Test
    void aRejectionCarriesItsCodeInTheMessageAndThePayload() throws Exception {
        Context home = peer.context("CommunityMSP", FabricAdapterTest.certificate("alice"));
        ChaincodeException self = assertThrows(ChaincodeException.class, () -> contract.propose(home,
                "{\"kind\":\"SALE\",\"partner\":\"alice\",\"price\":1,\"seller\":\"alice\"}"));
        assertTrue(self.getMessage().startsWith("SELF_AGREEMENT: "), self.getMessage());
        assertEquals("SELF_AGREEMENT", new String(self.getPayload()));
        ChaincodeException unbound = assertThrows(ChaincodeException.class, () -> contract.propose(home,
                "{\"kind\":\"DONATION\",\"partner\":\"bob\",\"price\":0,\"seller\":\"alice\"}"));
        assertEquals("NOT_REGISTERED", new String(unbound.getPayload()), unbound.getMessage());
        ChaincodeException unknown = assertThrows(ChaincodeException.class, () -> contract.getAgreement(home,
                "abc123"));
        assertEquals("UNKNOWN_AGREEMENT", new String(unknown.getPayload()), unknown.getMessage());
    }
}
