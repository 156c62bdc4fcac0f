package io.neighbourgrid.protocol.contract;

import java.util.List;

/**
 * The contract as a ledger sees it: one entry point that executes a named transaction against a
 * {@link TxContext}. The market contract's dispatcher implements it; tests use small contracts of their own.
 *
 * <p>An exception thrown by the handler aborts the transaction (nothing is simulated into a block) and propagates
 * unchanged to the caller of the embedded ledger's {@code submit}, {@code prepare} or {@code evaluate}, exactly as
 * a failed endorsement never reaches the orderer in Fabric. The market contract throws
 * {@link io.neighbourgrid.protocol.ContractException}, whose message starts with its error code.
 */
@FunctionalInterface
public interface TransactionHandler {
    /**
     * Executes one transaction.
     *
     * @param ctx      the transaction's view of the ledger
     * @param function the transaction name
     * @param args     the transaction arguments
     * @return the response payload ({@code null} is treated as empty)
     */
    byte[] invoke(TxContext ctx, String function, List<String> args);
}
