package io.neighbourgrid.protocol.contract;

import io.neighbourgrid.protocol.ErrorCode;
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

    /**
     * A transaction's arguments, checked as every contract of the chaincode checks them before dispatching.
     *
     * @param functionName the transaction's name, for the message
     * @param arity        how many arguments it takes
     * @param args         the arguments as received ({@code null} for none)
     * @return the arguments, never {@code null}
     * @throws io.neighbourgrid.protocol.ContractException {@code INVALID_ARGUMENT} for a wrong count or a null
     *                                                        argument
     */
    static List<String> arguments(String functionName, int arity, List<String> args) {
        List<String> a = args == null ? List.of() : args;
        if (a.size() != arity) {
            throw ErrorCode.INVALID_ARGUMENT.exception(functionName + " takes " + arity + " arguments, got "
                    + a.size());
        }
        for (String s : a) {
            if (s == null) {
                throw ErrorCode.INVALID_ARGUMENT.exception(functionName + " got a null argument");
            }
        }
        return a;
    }
}
