package io.neighbourgrid.chaincode.fabric;

import io.neighbourgrid.chaincode.market.Guards;
import io.neighbourgrid.chaincode.negotiation.NegotiationTransactions;
import io.neighbourgrid.protocol.negotiation.NegotiationTransaction;
import java.util.Objects;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/**
 * The negotiation contract (seed 002) as a Fabric contract in namespace {@code negotiation}: one transaction method
 * per {@link NegotiationTransaction}, string arguments and JSON string results, each handed to
 * {@link NegotiationTransactions}, the dispatcher the embedded ledger runs. The organisations come from the same
 * environment as the market's ({@link MarketContract#fromEnvironment}).
 */
@Contract(name = NegotiationTransaction.NAMESPACE, info = @Info(title = "Neighbourgrid negotiation",
        description = "Bilateral trades by consensus + innovation with private pair prices and line prices",
        version = "0.1.0"))
public final class NegotiationContract implements ContractInterface {
    private final NegotiationTransactions transactions;

    /** The contract configured from the process environment; the constructor the contract runtime calls. */
    public NegotiationContract() {
        Guards guards = MarketContract.fromEnvironment(System.getenv()).guards();
        this.transactions = new NegotiationTransactions(guards.operatorMspId(), guards.communityMspIds());
    }

    /**
     * The contract over the given dispatcher.
     *
     * @param transactions the dispatcher
     */
    public NegotiationContract(NegotiationTransactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    /** Runs one transaction; a rejection leaves as the shim's exception with the code leading the message. */
    private String run(Context ctx, NegotiationTransaction function, String... args) {
        return ShimCalls.run(transactions, ctx, function.functionName(), args);
    }

    /** {@link NegotiationTransaction#CONFIGURE}. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String configure(final Context ctx, final String configJson) {
        return run(ctx, NegotiationTransaction.CONFIGURE, configJson);
    }

    /** {@link NegotiationTransaction#REGISTER_TRADER}. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String registerTrader(final Context ctx, final String traderId, final String paillierKey,
                                 final String keyProof) {
        return run(ctx, NegotiationTransaction.REGISTER_TRADER, traderId, paillierKey, keyProof);
    }

    /** {@link NegotiationTransaction#POST_PRODUCER_SHARE}. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String postProducerShare(final Context ctx, final String consumerId, final String k, final String json) {
        return run(ctx, NegotiationTransaction.POST_PRODUCER_SHARE, consumerId, k, json);
    }

    /** {@link NegotiationTransaction#POST_CONSUMER_SHARE}. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String postConsumerShare(final Context ctx, final String producerId, final String k, final String json) {
        return run(ctx, NegotiationTransaction.POST_CONSUMER_SHARE, producerId, k, json);
    }

    /** {@link NegotiationTransaction#POST_PAIR_PRICE}. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String postPairPrice(final Context ctx, final String consumerId, final String k, final String json) {
        return run(ctx, NegotiationTransaction.POST_PAIR_PRICE, consumerId, k, json);
    }

    /** {@link NegotiationTransaction#POST_LINE_PRICES}. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String postLinePrices(final Context ctx, final String k, final String json) {
        return run(ctx, NegotiationTransaction.POST_LINE_PRICES, k, json);
    }

    /** {@link NegotiationTransaction#RECORD_TRADES}. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String recordTrades(final Context ctx, final String json) {
        return run(ctx, NegotiationTransaction.RECORD_TRADES, json);
    }

    /** {@link NegotiationTransaction#GET_NEGOTIATION}. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getNegotiation(final Context ctx) {
        return run(ctx, NegotiationTransaction.GET_NEGOTIATION);
    }

    /** {@link NegotiationTransaction#GET_PAIR_ITERATION}. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getPairIteration(final Context ctx, final String producerId, final String consumerId,
                                   final String k) {
        return run(ctx, NegotiationTransaction.GET_PAIR_ITERATION, producerId, consumerId, k);
    }

    /** {@link NegotiationTransaction#GET_LINE_PRICES}. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getLinePrices(final Context ctx, final String k) {
        return run(ctx, NegotiationTransaction.GET_LINE_PRICES, k);
    }

    /** {@link NegotiationTransaction#GET_TRADES}. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getTrades(final Context ctx) {
        return run(ctx, NegotiationTransaction.GET_TRADES);
    }
}
