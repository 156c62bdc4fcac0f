package io.neighbourgrid.chaincode.partners;

import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.contract.TransactionHandler;
import io.neighbourgrid.protocol.contract.TxContext;
import io.neighbourgrid.protocol.partners.PartnerTransaction;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The partners contract's dispatcher, registered in the chaincode under namespace
 * {@value PartnerTransaction#NAMESPACE}: maps each {@link PartnerTransaction} onto {@link Agreements}. Its parties
 * are the market's registered homes (it reads the market's home registry and identity bindings, and writes only
 * keys of its own).
 */
public final class PartnerTransactions implements TransactionHandler {
    private final Agreements agreements;
    private final Transfers transfers;

    /**
     * The contract for the given community organisations.
     *
     * @param communityMspIds the organisations whose identities may be homes
     */
    public PartnerTransactions(Collection<String> communityMspIds) {
        this.agreements = new Agreements(communityMspIds);
        this.transfers = new Transfers(communityMspIds);
    }

    @Override
    public byte[] invoke(TxContext ctx, String function, List<String> args) {
        Objects.requireNonNull(ctx, "ctx");
        PartnerTransaction f = PartnerTransaction.byName(function).orElseThrow(() ->
                ErrorCode.UNKNOWN_FUNCTION.exception("the partners contract has no transaction named " + function));
        List<String> a = TransactionHandler.arguments(f.functionName(), f.arity(), args);
        String result = switch (f) {
            case PROPOSE -> agreements.propose(ctx, a.get(0));
            case ACCEPT -> agreements.accept(ctx, a.get(0));
            case REVOKE -> agreements.revoke(ctx, a.get(0));
            case RECORD_TRANSFER -> transfers.record(ctx, a.get(0), a.get(1), a.get(2));
            case GET_TRANSFER -> Transfers.get(ctx, a.get(0), a.get(1));
            case GET_AGREEMENT -> Agreements.get(ctx, a.get(0));
            case LIST_AGREEMENTS -> Agreements.list(ctx, a.get(0));
        };
        return result.getBytes(StandardCharsets.UTF_8);
    }
}
