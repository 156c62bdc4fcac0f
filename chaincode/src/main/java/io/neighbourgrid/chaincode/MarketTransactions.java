package io.neighbourgrid.chaincode;

import io.neighbourgrid.chaincode.billing.BillingLogic;
import io.neighbourgrid.protocol.ContractTransaction;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.contract.TransactionHandler;
import io.neighbourgrid.protocol.contract.TxContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Maps transaction names and string arguments onto {@link MarketLogic}. The embedded ledger calls it directly; the
 * Fabric adapter ({@code fabric.MarketContract}) calls it from each of its transaction methods, so both ledgers run
 * the same code path from the argument list on.
 */
public final class MarketTransactions implements TransactionHandler {
    private final MarketLogic logic;
    private final BillingLogic billing;

    /**
     * A dispatcher over the given contract logic, with billing for the same organisations.
     *
     * @param logic the market logic
     */
    public MarketTransactions(MarketLogic logic) {
        this.logic = Objects.requireNonNull(logic, "logic");
        this.billing = new BillingLogic(logic.operatorMspId(), logic.communityMspIds());
    }

    /**
     * A dispatcher over a new {@link MarketLogic}.
     *
     * @param operatorMspId   the operator organisation's MSP id
     * @param communityMspIds the community organisations' MSP ids
     * @return the dispatcher
     */
    public static MarketTransactions of(String operatorMspId, List<String> communityMspIds) {
        return new MarketTransactions(new MarketLogic(operatorMspId, communityMspIds));
    }

    /** The logic this dispatcher calls. */
    public MarketLogic logic() {
        return logic;
    }

    /** The billing logic this dispatcher calls. */
    public BillingLogic billing() {
        return billing;
    }

    /**
     * Runs one transaction.
     *
     * @param ctx      the transaction's view of the ledger
     * @param function a {@link ContractTransaction}'s name
     * @param args     exactly {@link ContractTransaction#arity()} arguments
     * @return the UTF-8 JSON result
     * @throws io.neighbourgrid.protocol.ContractException {@link ErrorCode#UNKNOWN_FUNCTION} for an unknown
     *                                                        name, {@link ErrorCode#INVALID_ARGUMENT} for a wrong
     *                                                        argument count, or the transaction's own error
     */
    @Override
    public byte[] invoke(TxContext ctx, String function, List<String> args) {
        Objects.requireNonNull(ctx, "ctx");
        ContractTransaction f = ContractTransaction.byName(function).orElseThrow(() -> ErrorCode.UNKNOWN_FUNCTION.exception(
                "the market contract has no transaction named " + function));
        List<String> a = args == null ? List.of() : args;
        if (a.size() != f.arity()) {
            throw ErrorCode.INVALID_ARGUMENT.exception(f.functionName() + " takes " + f.arity() + " arguments, got "
                    + a.size());
        }
        String result = switch (f) {
            case CONFIGURE_MARKET -> logic.configureMarket(ctx, a.get(0));
            case REGISTER_HOME -> logic.registerHome(ctx, a.get(0), a.get(1), a.get(2));
            case OPEN_WINDOW -> logic.openWindow(ctx, a.get(0));
            case DECLARE_ROLE -> logic.declareRole(ctx, a.get(0), a.get(1));
            case RESUME_HOME -> logic.resumeHome(ctx);
            case CLOSE_ROLES -> logic.closeRoles(ctx, a.get(0));
            case SUBMIT_CONTRIBUTION -> logic.submitContribution(ctx, a.get(0), a.get(1));
            case CLOSE_CONTRIBUTIONS -> logic.closeContributions(ctx, a.get(0));
            case POST_COMPARISON_MESSAGE -> logic.postComparisonMessage(ctx, a.get(0), a.get(1), a.get(2));
            case POST_DECRYPTION -> logic.postDecryption(ctx, a.get(0), a.get(1));
            case POST_EVALUATION_STEP -> logic.postEvaluationStep(ctx, a.get(0), a.get(1), a.get(2), a.get(3));
            case SETTLE_WINDOW -> logic.settleWindow(ctx, a.get(0));
            case EXPIRE_WINDOW -> logic.expireWindow(ctx, a.get(0));
            case GET_MARKET -> logic.getMarket(ctx);
            case GET_HOME -> logic.getHome(ctx, a.get(0));
            case LIST_HOMES -> logic.listHomes(ctx);
            case GET_WINDOW -> logic.getWindow(ctx, a.get(0));
            case GET_WINDOW_FOR_HOME -> logic.getWindowForHome(ctx, a.get(0), a.get(1));
            case GET_KEY_PROOF -> logic.getKeyProof(ctx, a.get(0));
            case GET_HISTORY -> logic.getHistory(ctx, a.get(0));
            case REGISTER_BILLING_KEY -> billing.registerBillingKey(ctx, a.get(0), a.get(1), a.get(2));
            case REGISTER_METER -> billing.registerMeter(ctx, a.get(0));
            case RECORD_SETTLEMENT -> billing.recordSettlement(ctx, a.get(0), a.get(1));
            case SUBMIT_METER_REPORT -> billing.submitMeterReport(ctx, a.get(0), a.get(1), a.get(2));
            case POST_MARKET_BALANCE -> billing.postMarketBalance(ctx, a.get(0), a.get(1));
            case POST_BILL -> billing.postBill(ctx, a.get(0), a.get(1), a.get(2));
            case OPEN_DISPUTE -> billing.openDispute(ctx, a.get(0), a.get(1), a.get(2));
            case RESOLVE_DISPUTE -> billing.resolveDispute(ctx, a.get(0), a.get(1), a.get(2));
            case GET_BILLING -> billing.getBilling(ctx);
            case GET_METER -> billing.getMeter(ctx, a.get(0));
            case GET_BILLING_WINDOW -> billing.getBillingWindow(ctx, a.get(0));
            case GET_BILLING_RECORDS -> billing.getBillingRecords(ctx, a.get(0), a.get(1));
            case GET_BILL -> billing.getBill(ctx, a.get(0), a.get(1));
            case LIST_BILLS -> billing.listBills(ctx, a.get(0));
            case GET_DISPUTE -> billing.getDispute(ctx, a.get(0));
            case LIST_DISPUTES -> billing.listDisputes(ctx);
        };
        return result.getBytes(StandardCharsets.UTF_8);
    }
}
