package io.neighbourgrid.chaincode;

import io.neighbourgrid.chaincode.ecoin.EcoinTransactions;
import io.neighbourgrid.chaincode.negotiation.NegotiationTransactions;
import io.neighbourgrid.chaincode.partners.PartnerTransactions;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.ecoin.EcoinTransaction;
import io.neighbourgrid.protocol.contract.TransactionHandler;
import io.neighbourgrid.protocol.contract.TxContext;
import io.neighbourgrid.protocol.negotiation.NegotiationTransaction;
import io.neighbourgrid.protocol.partners.PartnerTransaction;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The whole chaincode as one {@link TransactionHandler}: the market contract (PEM, the default namespace) and the
 * contracts beside it, each in its own namespace. A transaction name {@code ns:function} goes to the contract of
 * namespace {@code ns}; a name without a namespace, or with {@value #MARKET_NAMESPACE}, goes to the market. This is
 * Fabric's contract routing ({@code @Contract(name = ns)}, the market being {@code @Default}), so a client calls
 * the same names on the embedded ledger and on a peer.
 *
 * <p>Each contract keeps its state under keys of its own (its own composite-key object types), so no contract
 * reads or writes another's records.
 */
public final class ChaincodeTransactions implements TransactionHandler {
    /** The separator between a namespace and a transaction name. */
    public static final char NAMESPACE_SEPARATOR = ':';
    /** The market contract's namespace, also reached by names without one. */
    public static final String MARKET_NAMESPACE = "market";

    private final MarketTransactions market;
    private final Map<String, TransactionHandler> namespaces;

    /**
     * The market and the given contracts.
     *
     * @param market     the market contract's dispatcher
     * @param namespaces the other contracts by namespace (not {@value #MARKET_NAMESPACE})
     * @throws IllegalArgumentException if a namespace is blank, contains the separator or is the market's
     */
    public ChaincodeTransactions(MarketTransactions market, Map<String, ? extends TransactionHandler> namespaces) {
        this.market = Objects.requireNonNull(market, "market");
        Map<String, TransactionHandler> copy = new TreeMap<>();
        namespaces.forEach((name, handler) -> {
            if (name.isBlank() || name.indexOf(NAMESPACE_SEPARATOR) >= 0 || name.equals(MARKET_NAMESPACE)) {
                throw new IllegalArgumentException("not a contract namespace: '" + name + "'");
            }
            copy.put(name, Objects.requireNonNull(handler, name));
        });
        this.namespaces = Map.copyOf(copy);
    }

    /**
     * Every contract of the chaincode for the given organisations.
     *
     * @param operatorMspId   the operator organisation's MSP id
     * @param communityMspIds the community organisations' MSP ids
     * @return the chaincode's dispatcher
     */
    public static ChaincodeTransactions of(String operatorMspId, List<String> communityMspIds) {
        MarketTransactions market = MarketTransactions.of(operatorMspId, communityMspIds);
        return new ChaincodeTransactions(market, Map.of(
                EcoinTransaction.NAMESPACE, new EcoinTransactions(operatorMspId, communityMspIds),
                NegotiationTransaction.NAMESPACE, new NegotiationTransactions(operatorMspId, communityMspIds),
                PartnerTransaction.NAMESPACE, new PartnerTransactions(communityMspIds)));
    }

    /** The market contract's dispatcher. */
    public MarketTransactions market() {
        return market;
    }

    /**
     * The contract of a namespace.
     *
     * @param namespace the namespace
     * @return its dispatcher
     * @throws IllegalArgumentException if the chaincode has no such contract
     */
    public TransactionHandler namespace(String namespace) {
        TransactionHandler handler = namespaces.get(namespace);
        if (handler == null) {
            throw new IllegalArgumentException("the chaincode has no contract '" + namespace + "'");
        }
        return handler;
    }

    /**
     * Runs one transaction in the contract its name selects.
     *
     * @throws io.neighbourgrid.protocol.ContractException {@link ErrorCode#UNKNOWN_FUNCTION} for an unknown
     *                                                        namespace, or the contract's own rejection
     */
    @Override
    public byte[] invoke(TxContext ctx, String function, List<String> args) {
        Objects.requireNonNull(function, "function");
        int split = function.indexOf(NAMESPACE_SEPARATOR);
        if (split < 0) {
            return market.invoke(ctx, function, args);
        }
        String namespace = function.substring(0, split);
        String name = function.substring(split + 1);
        if (namespace.equals(MARKET_NAMESPACE)) {
            return market.invoke(ctx, name, args);
        }
        TransactionHandler handler = namespaces.get(namespace);
        if (handler == null) {
            throw ErrorCode.UNKNOWN_FUNCTION.exception("the chaincode has no contract named '" + namespace
                    + "' (transaction " + function + ")");
        }
        return handler.invoke(ctx, name, args);
    }
}
