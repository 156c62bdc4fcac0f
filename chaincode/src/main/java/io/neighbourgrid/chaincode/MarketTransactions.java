package io.neighbourgrid.chaincode;

import io.neighbourgrid.chaincode.billing.BillingLogic;
import io.neighbourgrid.chaincode.market.Claims;
import io.neighbourgrid.chaincode.market.Contributions;
import io.neighbourgrid.chaincode.market.Deadlines;
import io.neighbourgrid.chaincode.market.Distribution;
import io.neighbourgrid.chaincode.market.Evaluation;
import io.neighbourgrid.chaincode.market.Guards;
import io.neighbourgrid.chaincode.market.Queries;
import io.neighbourgrid.chaincode.market.Registration;
import io.neighbourgrid.chaincode.market.Representatives;
import io.neighbourgrid.chaincode.market.Roles;
import io.neighbourgrid.protocol.ContractTransaction;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.contract.TransactionHandler;
import io.neighbourgrid.protocol.contract.TxContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Maps transaction names and string arguments onto the steps of the market ({@code io.neighbourgrid.chaincode.market},
 * one class per step of PEM) and onto billing. The embedded ledger calls it directly; the Fabric adapter
 * ({@code fabric.MarketContract}) calls it from each of its transaction methods, so both ledgers run the same code
 * path from the argument list on.
 *
 * <p>Determinism: the only clock is the transaction timestamp, nothing is random, every collection iterated is
 * sorted, all arithmetic is exact and every record is written as canonical JSON. Every submitted transaction sets
 * exactly one event. Every transaction either returns the canonical JSON of the record it wrote or read, or throws
 * the {@link io.neighbourgrid.protocol.ContractException} of an {@link ErrorCode}. The full protocol, the state
 * layout and what each party learns are in {@code docs/protocol.md}.
 */
public final class MarketTransactions implements TransactionHandler {
    private final Guards guards;
    private final Registration registration;
    private final Roles roles;
    private final Representatives representatives;
    private final Contributions contributions;
    private final Evaluation evaluation;
    private final Claims claims;
    private final Distribution distribution;
    private final Deadlines deadlines;
    private final Queries queries;
    private final BillingLogic billing;

    /**
     * A dispatcher for the organisations of {@code guards}, with billing for the same organisations.
     *
     * @param guards the channel's organisations and the checks shared by the market's steps
     */
    public MarketTransactions(Guards guards) {
        this.guards = Objects.requireNonNull(guards, "guards");
        this.registration = new Registration(guards);
        this.roles = new Roles(guards);
        this.representatives = new Representatives(guards);
        this.contributions = new Contributions(guards);
        this.evaluation = new Evaluation(guards);
        this.claims = new Claims();
        this.distribution = new Distribution();
        this.deadlines = new Deadlines(guards);
        this.queries = new Queries();
        this.billing = new BillingLogic(guards.operatorMspId(), guards.communityMspIds());
    }

    /**
     * A dispatcher for the given organisations.
     *
     * @param operatorMspId   the operator organisation's MSP id
     * @param communityMspIds the community organisations' MSP ids
     * @return the dispatcher
     * @throws IllegalArgumentException if an id is blank or no community organisation is given
     */
    public static MarketTransactions of(String operatorMspId, List<String> communityMspIds) {
        return new MarketTransactions(new Guards(operatorMspId, communityMspIds));
    }

    /** The channel's organisations and the checks shared by the market's steps. */
    public Guards guards() {
        return guards;
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
            case CONFIGURE_MARKET -> registration.configureMarket(ctx, a.get(0));
            case REGISTER_PROOF_PARAMETERS -> registration.registerProofParameters(ctx, a.get(0), a.get(1));
            case REGISTER_HOME -> registration.registerHome(ctx, a.get(0), a.get(1), a.get(2), a.get(3));
            case RESUME_HOME -> registration.resumeHome(ctx);
            case OPEN_WINDOW -> roles.openWindow(ctx, a.get(0));
            case DECLARE_ROLE -> roles.declareRole(ctx, a.get(0), a.get(1));
            case DECLARE_AND_CONTRIBUTE -> roles.declareAndContribute(ctx, a.get(0), a.get(1), a.get(2), a.get(3),
                    a.get(4));
            case REGISTER_REPRESENTATIVE -> representatives.registerRepresentative(ctx, a.get(0));
            case DELEGATE -> representatives.delegate(ctx, a.get(0));
            case REVOKE_DELEGATION -> representatives.revokeDelegation(ctx);
            case SUBMIT_BATCH -> representatives.submitBatch(ctx, a.get(0), a.get(1));
            case SUBMIT_CONTRIBUTION_BATCH -> representatives.submitContributionBatch(ctx, a.get(0), a.get(1));
            case GET_REPRESENTATIVE -> representatives.getRepresentative(ctx, a.get(0));
            case GET_DELEGATION -> representatives.getDelegation(ctx, a.get(0));
            case CLOSE_ROLES -> roles.closeRoles(ctx, a.get(0));
            case SUBMIT_CONTRIBUTION -> contributions.submitContribution(ctx, a.get(0), a.get(1));
            case CLOSE_CONTRIBUTIONS -> contributions.closeContributions(ctx, a.get(0));
            case POST_MASK_TRANSFER -> evaluation.postMaskTransfer(ctx, a.get(0), a.get(1), a.get(2));
            case POST_OUTCOME -> evaluation.postOutcome(ctx, a.get(0), a.get(1));
            case CLAIM_INVALID_CONTRIBUTION -> claims.claimInvalidContribution(ctx, a.get(0), a.get(1));
            case SETTLE_WINDOW -> distribution.settleWindow(ctx, a.get(0));
            case EXPIRE_WINDOW -> deadlines.expireWindow(ctx, a.get(0));
            case GET_MARKET -> queries.getMarket(ctx);
            case GET_HOME -> queries.getHome(ctx, a.get(0));
            case LIST_HOMES -> queries.listHomes(ctx);
            case GET_WINDOW -> queries.getWindow(ctx, a.get(0));
            case GET_WINDOW_FOR_HOME -> queries.getWindowForHome(ctx, a.get(0), a.get(1));
            case GET_KEY_PROOF -> queries.getKeyProof(ctx, a.get(0));
            case GET_PROOF_PARAMETERS -> queries.getProofParameters(ctx);
            case GET_HISTORY -> queries.getHistory(ctx, a.get(0));
            case REGISTER_BILLING_KEY -> billing.registerBillingKey(ctx, a.get(0), a.get(1), a.get(2));
            case REGISTER_METER -> billing.registerMeter(ctx, a.get(0));
            case RECORD_SETTLEMENT -> billing.recordSettlement(ctx, a.get(0), a.get(1));
            case SUBMIT_METER_REPORT -> billing.submitMeterReport(ctx, a.get(0), a.get(1), a.get(2));
            case POST_MARKET_BALANCE -> billing.postMarketBalance(ctx, a.get(0), a.get(1));
            case POST_BILL -> billing.postBill(ctx, a.get(0), a.get(1), a.get(2));
            case RECORD_PARTNER_LINES -> billing.recordPartnerLines(ctx, a.get(0), a.get(1));
            case POST_PARTNER_BILL -> billing.postPartnerBill(ctx, a.get(0), a.get(1), a.get(2));
            case OPEN_DISPUTE -> billing.openDispute(ctx, a.get(0), a.get(1), a.get(2));
            case RESOLVE_DISPUTE -> billing.resolveDispute(ctx, a.get(0), a.get(1), a.get(2));
            case GET_BILLING -> billing.getBilling(ctx);
            case GET_METER -> billing.getMeter(ctx, a.get(0));
            case GET_BILLING_WINDOW -> billing.getBillingWindow(ctx, a.get(0));
            case GET_BILLING_RECORDS -> billing.getBillingRecords(ctx, a.get(0), a.get(1));
            case GET_BILL -> billing.getBill(ctx, a.get(0), a.get(1));
            case LIST_BILLS -> billing.listBills(ctx, a.get(0));
            case GET_PARTNER_LINES -> billing.getPartnerLines(ctx, a.get(0), a.get(1));
            case GET_PARTNER_BILL -> billing.getPartnerBill(ctx, a.get(0), a.get(1));
            case GET_DISPUTE -> billing.getDispute(ctx, a.get(0));
            case LIST_DISPUTES -> billing.listDisputes(ctx);
        };
        return result.getBytes(StandardCharsets.UTF_8);
    }
}
