package io.neighbourgrid.chaincode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.contract.TransactionHandler;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChaincodeTransactionsTest {
    private static final MarketTransactions MARKET = MarketTransactions.of("OperatorMSP", List.of("CommunityMSP"));

    @Test
    void aNamespacedNameReachesItsContractWithoutThePrefix() {
        TransactionHandler echo = (ctx, function, args) -> (function + "/" + args).getBytes(StandardCharsets.UTF_8);
        ChaincodeTransactions chaincode = new ChaincodeTransactions(MARKET, Map.of("demo", echo));
        assertArrayEquals("withdraw/[1, 2]".getBytes(StandardCharsets.UTF_8),
                chaincode.invoke(null, "demo:withdraw", List.of("1", "2")));
    }

    @Test
    void anUnknownNamespaceIsRejectedWithItsName() {
        ChaincodeTransactions chaincode = new ChaincodeTransactions(MARKET, Map.of());
        var e = MarketHarness.assertRejected(ErrorCode.UNKNOWN_FUNCTION,
                () -> chaincode.invoke(null, "nowhere:withdraw", List.of()));
        assertEquals(true, e.getMessage().contains("'nowhere'"));
    }

    @Test
    void namespacesThatCouldBeConfusedWithTheMarketAreRefused() {
        TransactionHandler h = (ctx, function, args) -> new byte[0];
        assertThrows(IllegalArgumentException.class, () -> new ChaincodeTransactions(MARKET, Map.of("market", h)));
        assertThrows(IllegalArgumentException.class, () -> new ChaincodeTransactions(MARKET, Map.of("a:b", h)));
        assertThrows(IllegalArgumentException.class, () -> new ChaincodeTransactions(MARKET, Map.of(" ", h)));
    }
}
