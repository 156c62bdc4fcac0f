package io.neighbourgrid.chaincode.negotiation;

import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.contract.TransactionHandler;
import io.neighbourgrid.protocol.contract.TxContext;
import io.neighbourgrid.protocol.negotiation.NegotiationTransaction;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The negotiation contract (seed 002): bilateral trades negotiated by consensus + innovation, pair prices computed
 * on Paillier ciphertexts under the producer's key, decryptions proven, line prices and trades recorded. Registered
 * in the chaincode under namespace {@value NegotiationTransaction#NAMESPACE}; one class per step.
 */
public final class NegotiationTransactions implements TransactionHandler {
    private final NegotiationSetup setup;
    private final ProducerShares producerShares;
    private final ConsumerShares consumerShares;
    private final PairPriceDecryption decryption;
    private final LinePriceUpdates linePrices;
    private final TradeRecordings recordings;
    private final NegotiationQueries queries = new NegotiationQueries();

    /**
     * The contract for the given organisations.
     *
     * @param operatorMspId   the operator organisation (line manager and market operator)
     * @param communityMspIds the organisations whose identities may be traders
     */
    public NegotiationTransactions(String operatorMspId, Collection<String> communityMspIds) {
        NegotiationState state = new NegotiationState(Objects.requireNonNull(operatorMspId, "operatorMspId"),
                communityMspIds);
        setup = new NegotiationSetup(state);
        producerShares = new ProducerShares(state);
        consumerShares = new ConsumerShares(state);
        decryption = new PairPriceDecryption(state);
        linePrices = new LinePriceUpdates(state);
        recordings = new TradeRecordings(state);
    }

    @Override
    public byte[] invoke(TxContext ctx, String function, List<String> args) {
        Objects.requireNonNull(ctx, "ctx");
        NegotiationTransaction f = NegotiationTransaction.byName(function).orElseThrow(() ->
                ErrorCode.UNKNOWN_FUNCTION.exception("the negotiation contract has no transaction named " + function));
        List<String> a = TransactionHandler.arguments(f.functionName(), f.arity(), args);
        String result = switch (f) {
            case CONFIGURE -> setup.configure(ctx, a.get(0));
            case REGISTER_TRADER -> setup.registerTrader(ctx, a.get(0), a.get(1), a.get(2));
            case POST_PRODUCER_SHARE -> producerShares.post(ctx, a.get(0), a.get(1), a.get(2));
            case POST_CONSUMER_SHARE -> consumerShares.post(ctx, a.get(0), a.get(1), a.get(2));
            case POST_PAIR_PRICE -> decryption.post(ctx, a.get(0), a.get(1), a.get(2));
            case POST_LINE_PRICES -> linePrices.post(ctx, a.get(0), a.get(1));
            case RECORD_TRADES -> recordings.record(ctx, a.get(0));
            case GET_NEGOTIATION -> queries.negotiation(ctx);
            case GET_PAIR_ITERATION -> queries.pairIteration(ctx, a.get(0), a.get(1), a.get(2));
            case GET_LINE_PRICES -> queries.linePrices(ctx, a.get(0));
            case GET_TRADES -> queries.trades(ctx);
        };
        return result.getBytes(StandardCharsets.UTF_8);
    }
}
