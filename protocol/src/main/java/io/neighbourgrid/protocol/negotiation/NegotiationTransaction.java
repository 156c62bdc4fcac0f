package io.neighbourgrid.protocol.negotiation;

import io.neighbourgrid.protocol.contract.NamespacedTransaction;
import java.util.Optional;

/**
 * The transactions of the negotiation contract (namespace {@value #NAMESPACE}; seed 002): their names, whether they
 * are submitted or evaluated, and their arity. Clients call {@link #qualifiedName()} through {@code Ledger.submit}.
 * See {@code docs/negotiation.md}.
 */
public enum NegotiationTransaction implements NamespacedTransaction {
    /** {@code configure(configJson)}: the operator organisation, once. */
    CONFIGURE("configure", true, 1),
    /**
     * {@code registerTrader(traderId, paillierKeyBase64|"", keyProofBase64|"")}: a community identity, once per round;
     * producers give their key and its key-correctness proof.
     */
    REGISTER_TRADER("registerTrader", true, 3),
    /** {@code postProducerShare(consumerId, k, producerShareJson)}: the pair's producer (Section 4.3, steps 1-2). */
    POST_PRODUCER_SHARE("postProducerShare", true, 3),
    /** {@code postConsumerShare(producerId, k, consumerShareJson)}: the pair's consumer (step 3); combines (step 4). */
    POST_CONSUMER_SHARE("postConsumerShare", true, 3),
    /** {@code postPairPrice(consumerId, k, decryptionJson)}: the pair's producer (steps 5-6), proof verified. */
    POST_PAIR_PRICE("postPairPrice", true, 3),
    /** {@code postLinePrices(k, linePricesJson)}: the operator organisation as line manager (Eq. 18). */
    POST_LINE_PRICES("postLinePrices", true, 2),
    /** {@code recordTrades(tradesJson)}: the operator organisation as market operator, once, at convergence. */
    RECORD_TRADES("recordTrades", true, 1),
    /** {@code getNegotiation()}: the configuration and the registered traders. */
    GET_NEGOTIATION("getNegotiation", false, 0),
    /** {@code getPairIteration(producerId, consumerId, k)}. */
    GET_PAIR_ITERATION("getPairIteration", false, 3),
    /** {@code getLinePrices(k)}. */
    GET_LINE_PRICES("getLinePrices", false, 1),
    /** {@code getTrades()}: the recorded trades. */
    GET_TRADES("getTrades", false, 0);

    /** The contract's namespace. */
    public static final String NAMESPACE = "negotiation";

    private final Signature signature;

    NegotiationTransaction(String functionName, boolean submit, int arity) {
        this.signature = new Signature(NAMESPACE, functionName, submit, arity);
    }

    @Override
    public Signature signature() {
        return signature;
    }

    /**
     * The transaction of a name inside the namespace.
     *
     * @param name a function name without namespace
     * @return the transaction, or empty
     */
    public static Optional<NegotiationTransaction> byName(String name) {
        return NamespacedTransaction.byName(NegotiationTransaction.class, name);
    }
}
