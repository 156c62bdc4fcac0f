package io.neighbourgrid.chaincode.fabric;

import io.neighbourgrid.protocol.ContractException;
import io.neighbourgrid.protocol.contract.TransactionHandler;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.shim.ChaincodeException;

/** How every Fabric contract class of the chaincode hands one transaction to its dispatcher. */
final class ShimCalls {
    private ShimCalls() {
    }

    /**
     * Runs one transaction through a dispatcher. A rejection leaves as the shim's exception, with the code leading the
     * message (a gateway client sees only the message) and the code as payload.
     */
    static String run(TransactionHandler handler, Context ctx, String function, String... args) {
        try {
            byte[] result = handler.invoke(new FabricTxContext(ctx), function, List.of(args));
            return new String(result, StandardCharsets.UTF_8);
        } catch (ContractException e) {
            throw new ChaincodeException(e.getMessage(), e.code().name(), e);
        }
    }
}
