package io.neighbourgrid.chaincode.fabric;

import io.neighbourgrid.chaincode.MarketTransactions;
import io.neighbourgrid.chaincode.market.Claims;
import io.neighbourgrid.chaincode.market.Contributions;
import io.neighbourgrid.chaincode.market.Deadlines;
import io.neighbourgrid.chaincode.market.Distribution;
import io.neighbourgrid.chaincode.market.Evaluation;
import io.neighbourgrid.chaincode.market.Queries;
import io.neighbourgrid.chaincode.market.Registration;
import io.neighbourgrid.chaincode.market.Representatives;
import io.neighbourgrid.chaincode.market.Roles;
import io.neighbourgrid.protocol.ContractTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Default;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/**
 * The market contract as a Fabric contract: one transaction method per {@link ContractTransaction}, string arguments
 * and JSON string results. Each method wraps the shim's context in a {@link FabricTxContext} and hands the
 * arguments to {@link MarketTransactions}, the same dispatcher the embedded ledger runs, so both ledgers execute the
 * same code from the argument list on.
 *
 * <p>The operator and community organisations come from the chaincode process's environment:
 * {@value #OPERATOR_MSP_ENV} (default {@value #DEFAULT_OPERATOR_MSP}) and {@value #COMMUNITY_MSPS_ENV}, a
 * comma-separated list (default {@value #DEFAULT_COMMUNITY_MSP}).
 */
@Contract(name = "market", info = @Info(title = "Neighbourgrid market",
        description = "Private energy market: encrypted contributions, proven outcomes, on-chain prices",
        version = "0.1.0"))
@Default
public final class MarketContract implements ContractInterface {
    /** Environment variable naming the operator organisation's MSP id. */
    public static final String OPERATOR_MSP_ENV = "OPERATOR_MSP_ID";
    /** Environment variable listing the community organisations' MSP ids, comma-separated. */
    public static final String COMMUNITY_MSPS_ENV = "COMMUNITY_MSP_IDS";
    /** Operator MSP id when the environment names none. */
    public static final String DEFAULT_OPERATOR_MSP = "OperatorMSP";
    /** Community MSP id when the environment names none. */
    public static final String DEFAULT_COMMUNITY_MSP = "CommunityMSP";

    private final MarketTransactions transactions;

    /** The contract configured from the process environment; the constructor the contract runtime calls. */
    public MarketContract() {
        this(fromEnvironment(System.getenv()));
    }

    /**
     * The contract over the given dispatcher.
     *
     * @param transactions the dispatcher
     */
    public MarketContract(MarketTransactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    /**
     * The dispatcher configured from an environment map.
     *
     * @param env the environment (e.g. {@code System.getenv()})
     * @return the dispatcher with the operator and community MSP ids from {@value #OPERATOR_MSP_ENV} and
     *         {@value #COMMUNITY_MSPS_ENV}, or the defaults
     * @throws IllegalArgumentException if {@value #COMMUNITY_MSPS_ENV} is set but lists no MSP id
     */
    public static MarketTransactions fromEnvironment(Map<String, String> env) {
        String operator = env.getOrDefault(OPERATOR_MSP_ENV, "").strip();
        String community = env.getOrDefault(COMMUNITY_MSPS_ENV, "").strip();
        List<String> communityIds = new ArrayList<>();
        if (community.isEmpty()) {
            communityIds.add(DEFAULT_COMMUNITY_MSP);
        } else {
            for (String id : community.split(",")) {
                if (!id.isBlank()) {
                    communityIds.add(id.strip());
                }
            }
            if (communityIds.isEmpty()) {
                throw new IllegalArgumentException(COMMUNITY_MSPS_ENV + " lists no MSP id");
            }
        }
        return MarketTransactions.of(operator.isEmpty() ? DEFAULT_OPERATOR_MSP : operator, communityIds);
    }

    /** The dispatcher this contract delegates to. */
    public MarketTransactions transactions() {
        return transactions;
    }

    /**
     * Runs one transaction through the dispatcher. A rejection leaves as the shim's exception, with the code leading
     * the message (a gateway client sees only the message) and the code as payload.
     */
    private String run(Context ctx, ContractTransaction function, String... args) {
        return ShimCalls.run(transactions, ctx, function.functionName(), args);
    }

    /** See {@link Registration#configureMarket}. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String configureMarket(final Context ctx, final String configJson) {
        return run(ctx, ContractTransaction.CONFIGURE_MARKET, configJson);
    }

    /** See {@link Registration#registerProofParameters}. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String registerProofParameters(final Context ctx, final String parameters, final String parametersProof) {
        return run(ctx, ContractTransaction.REGISTER_PROOF_PARAMETERS, parameters, parametersProof);
    }

    /** See {@link Registration#registerHome}. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String registerHome(final Context ctx, final String homeId, final String paillierKey,
                               final String keyProof, final String factorProof) {
        return run(ctx, ContractTransaction.REGISTER_HOME, homeId, paillierKey, keyProof, factorProof);
    }

    /** See {@link Roles#openWindow}. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String openWindow(final Context ctx, final String window) {
        return run(ctx, ContractTransaction.OPEN_WINDOW, window);
    }

    /** See {@link Roles#declareRole}. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String declareRole(final Context ctx, final String window, final String role) {
        return run(ctx, ContractTransaction.DECLARE_ROLE, window, role);
    }

    /** See {@link Roles#declareAndContribute}. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String declareAndContribute(final Context ctx, final String window, final String role,
                                       final String responder, final String initiator, final String contributionJson) {
        return run(ctx, ContractTransaction.DECLARE_AND_CONTRIBUTE, window, role, responder, initiator,
                contributionJson);
    }

    /** See {@link Representatives#registerRepresentative}. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String registerRepresentative(final Context ctx, final String representativeId) {
        return run(ctx, ContractTransaction.REGISTER_REPRESENTATIVE, representativeId);
    }

    /** See {@link Representatives#delegate}. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String delegate(final Context ctx, final String representativeId) {
        return run(ctx, ContractTransaction.DELEGATE, representativeId);
    }

    /** See {@link Representatives#revokeDelegation}. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String revokeDelegation(final Context ctx) {
        return run(ctx, ContractTransaction.REVOKE_DELEGATION);
    }

    /** See {@link Representatives#submitBatch}. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String submitBatch(final Context ctx, final String window, final String batchJson) {
        return run(ctx, ContractTransaction.SUBMIT_BATCH, window, batchJson);
    }

    /** See {@link Representatives#submitContributionBatch}. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String submitContributionBatch(final Context ctx, final String window, final String batchJson) {
        return run(ctx, ContractTransaction.SUBMIT_CONTRIBUTION_BATCH, window, batchJson);
    }

    /** See {@link Representatives#getRepresentative}. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getRepresentative(final Context ctx, final String representativeId) {
        return run(ctx, ContractTransaction.GET_REPRESENTATIVE, representativeId);
    }

    /** See {@link Representatives#getDelegation}. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getDelegation(final Context ctx, final String homeId) {
        return run(ctx, ContractTransaction.GET_DELEGATION, homeId);
    }

    /** See {@link Registration#resumeHome}. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String resumeHome(final Context ctx) {
        return run(ctx, ContractTransaction.RESUME_HOME);
    }

    /** See {@link Roles#closeRoles}. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String closeRoles(final Context ctx, final String window) {
        return run(ctx, ContractTransaction.CLOSE_ROLES, window);
    }

    /** See {@link Contributions#submitContribution}. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String submitContribution(final Context ctx, final String window, final String contributionJson) {
        return run(ctx, ContractTransaction.SUBMIT_CONTRIBUTION, window, contributionJson);
    }

    /** See {@link Contributions#closeContributions}. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String closeContributions(final Context ctx, final String window) {
        return run(ctx, ContractTransaction.CLOSE_CONTRIBUTIONS, window);
    }

    /** See {@link Evaluation#postMaskTransfer}. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String postMaskTransfer(final Context ctx, final String window, final String reencrypted,
                                   final String proof) {
        return run(ctx, ContractTransaction.POST_MASK_TRANSFER, window, reencrypted, proof);
    }

    /** See {@link Evaluation#postOutcome}. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String postOutcome(final Context ctx, final String window, final String outcomeProof) {
        return run(ctx, ContractTransaction.POST_OUTCOME, window, outcomeProof);
    }

    /** See {@link Claims#claimInvalidContribution}. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String claimInvalidContribution(final Context ctx, final String window, final String homeId) {
        return run(ctx, ContractTransaction.CLAIM_INVALID_CONTRIBUTION, window, homeId);
    }

    /** See {@link Distribution#settleWindow}. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String settleWindow(final Context ctx, final String window) {
        return run(ctx, ContractTransaction.SETTLE_WINDOW, window);
    }

    /** See {@link Deadlines#expireWindow}. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String expireWindow(final Context ctx, final String window) {
        return run(ctx, ContractTransaction.EXPIRE_WINDOW, window);
    }

    /** See {@link Queries#getMarket}. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getMarket(final Context ctx) {
        return run(ctx, ContractTransaction.GET_MARKET);
    }

    /** See {@link Queries#getHome}. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getHome(final Context ctx, final String homeId) {
        return run(ctx, ContractTransaction.GET_HOME, homeId);
    }

    /** See {@link Queries#listHomes}. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String listHomes(final Context ctx) {
        return run(ctx, ContractTransaction.LIST_HOMES);
    }

    /** See {@link Queries#getWindow}. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getWindow(final Context ctx, final String window) {
        return run(ctx, ContractTransaction.GET_WINDOW, window);
    }

    /** See {@link Queries#getKeyProof}. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getKeyProof(final Context ctx, final String homeId) {
        return run(ctx, ContractTransaction.GET_KEY_PROOF, homeId);
    }

    /** See {@link Queries#getProofParameters}. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getProofParameters(final Context ctx) {
        return run(ctx, ContractTransaction.GET_PROOF_PARAMETERS);
    }

    /** See {@link Queries#getWindowForHome}. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getWindowForHome(final Context ctx, final String window, final String homeId) {
        return run(ctx, ContractTransaction.GET_WINDOW_FOR_HOME, window, homeId);
    }

    /** See {@link Queries#getHistory}. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getHistory(final Context ctx, final String key) {
        return run(ctx, ContractTransaction.GET_HISTORY, key);
    }

    /** See {@code BillingLogic#registerBillingKey}. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String registerBillingKey(final Context ctx, final String paillierKey, final String keyProof,
                                     final String billingConfigJson) {
        return run(ctx, ContractTransaction.REGISTER_BILLING_KEY, paillierKey, keyProof, billingConfigJson);
    }

    /** See {@code BillingLogic#registerMeter}. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String registerMeter(final Context ctx, final String publicKeyPem) {
        return run(ctx, ContractTransaction.REGISTER_METER, publicKeyPem);
    }

    /** See {@code BillingLogic#recordSettlement}. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String recordSettlement(final Context ctx, final String window, final String recordJson) {
        return run(ctx, ContractTransaction.RECORD_SETTLEMENT, window, recordJson);
    }

    /** See {@code BillingLogic#submitMeterReport}. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String submitMeterReport(final Context ctx, final String homeId, final String window,
                                    final String reportJson) {
        return run(ctx, ContractTransaction.SUBMIT_METER_REPORT, homeId, window, reportJson);
    }

    /** See {@code BillingLogic#postMarketBalance}. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String postMarketBalance(final Context ctx, final String window, final String decryptionJson) {
        return run(ctx, ContractTransaction.POST_MARKET_BALANCE, window, decryptionJson);
    }

    /** See {@code BillingLogic#postBill}. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String postBill(final Context ctx, final String homeId, final String period, final String billJson) {
        return run(ctx, ContractTransaction.POST_BILL, homeId, period, billJson);
    }

    /** See {@code BillingLogic#openDispute}. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String openDispute(final Context ctx, final String kind, final String target, final String reason) {
        return run(ctx, ContractTransaction.OPEN_DISPUTE, kind, target, reason);
    }

    /** See {@code BillingLogic#resolveDispute}. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String resolveDispute(final Context ctx, final String id, final String verdict,
                                 final String evidenceHash) {
        return run(ctx, ContractTransaction.RESOLVE_DISPUTE, id, verdict, evidenceHash);
    }

    /** See {@code BillingLogic#getBilling}. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getBilling(final Context ctx) {
        return run(ctx, ContractTransaction.GET_BILLING);
    }

    /** See {@code BillingLogic#getMeter}. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getMeter(final Context ctx, final String homeId) {
        return run(ctx, ContractTransaction.GET_METER, homeId);
    }

    /** See {@code BillingLogic#getBillingWindow}. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getBillingWindow(final Context ctx, final String window) {
        return run(ctx, ContractTransaction.GET_BILLING_WINDOW, window);
    }

    /** See {@code BillingLogic#getBillingRecords}. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getBillingRecords(final Context ctx, final String homeId, final String period) {
        return run(ctx, ContractTransaction.GET_BILLING_RECORDS, homeId, period);
    }

    /** See {@code BillingLogic#getBill}. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getBill(final Context ctx, final String homeId, final String period) {
        return run(ctx, ContractTransaction.GET_BILL, homeId, period);
    }

    /** See {@code BillingLogic#recordPartnerLines}. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String recordPartnerLines(final Context ctx, final String window, final String linesJson) {
        return run(ctx, ContractTransaction.RECORD_PARTNER_LINES, window, linesJson);
    }

    /** See {@code BillingLogic#postPartnerBill}. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String postPartnerBill(final Context ctx, final String homeId, final String period,
                                  final String decryptionJson) {
        return run(ctx, ContractTransaction.POST_PARTNER_BILL, homeId, period, decryptionJson);
    }

    /** See {@code BillingLogic#getPartnerLines}. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getPartnerLines(final Context ctx, final String homeId, final String period) {
        return run(ctx, ContractTransaction.GET_PARTNER_LINES, homeId, period);
    }

    /** See {@code BillingLogic#getPartnerBill}. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getPartnerBill(final Context ctx, final String homeId, final String period) {
        return run(ctx, ContractTransaction.GET_PARTNER_BILL, homeId, period);
    }

    /** See {@code BillingLogic#listBills}. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String listBills(final Context ctx, final String homeId) {
        return run(ctx, ContractTransaction.LIST_BILLS, homeId);
    }

    /** See {@code BillingLogic#getDispute}. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getDispute(final Context ctx, final String id) {
        return run(ctx, ContractTransaction.GET_DISPUTE, id);
    }

    /** See {@code BillingLogic#listDisputes}. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String listDisputes(final Context ctx) {
        return run(ctx, ContractTransaction.LIST_DISPUTES);
    }
}
