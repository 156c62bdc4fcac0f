package io.neighbourgrid.chaincode.fabric;

import io.neighbourgrid.chaincode.MarketTransactions;
import io.neighbourgrid.chaincode.ecoin.EcoinTransactions;
import io.neighbourgrid.protocol.ecoin.EcoinTransaction;
import java.util.Objects;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/**
 * The e-coin contract as a Fabric contract (namespace {@code ecoin}, called as {@code ecoin:<name>}): one
 * transaction method per {@link EcoinTransaction}, each handing its string arguments to {@link EcoinTransactions},
 * the dispatcher the embedded ledger runs. The organisations come from the same environment as
 * {@link MarketContract}'s.
 */
@Contract(name = EcoinTransaction.NAMESPACE, info = @Info(title = "Neighbourgrid e-coins",
        description = "Anonymous e-coin electricity trading: blind-signed coins, spent-coin registry, bills",
        version = "0.1.0"))
public final class EcoinContract implements ContractInterface {
    private final EcoinTransactions transactions;

    /** The contract configured from the process environment; the constructor the contract runtime calls. */
    public EcoinContract() {
        this(MarketContract.fromEnvironment(System.getenv()));
    }

    private EcoinContract(MarketTransactions market) {
        this(new EcoinTransactions(market.guards().operatorMspId(), market.guards().communityMspIds()));
    }

    /**
     * The contract over the given dispatcher.
     *
     * @param transactions the dispatcher
     */
    public EcoinContract(EcoinTransactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    /** Runs one transaction; a rejection leaves as the shim's exception with the code leading the message. */
    private String run(Context ctx, EcoinTransaction function, String... args) {
        return ShimCalls.run(transactions, ctx, function.functionName(), args);
    }

    /** Setup: the substation's key and settings. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String configure(final Context ctx, final String settingsJson) {
        return run(ctx, EcoinTransaction.CONFIGURE, settingsJson);
    }

    /** A meter binds its own identity. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String registerMeter(final Context ctx, final String meterId) {
        return run(ctx, EcoinTransaction.REGISTER_METER, meterId);
    }

    /** Wallet loading: blinded messages. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String requestWithdrawal(final Context ctx, final String batchId, final String withdrawalJson) {
        return run(ctx, EcoinTransaction.REQUEST_WITHDRAWAL, batchId, withdrawalJson);
    }

    /** Wallet loading: the substation's blind signatures. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String issueWithdrawal(final Context ctx, final String batchId, final String issueJson) {
        return run(ctx, EcoinTransaction.ISSUE_WITHDRAWAL, batchId, issueJson);
    }

    /** An energy offer. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String postOffer(final Context ctx, final String offerJson) {
        return run(ctx, EcoinTransaction.POST_OFFER, offerJson);
    }

    /** An energy request. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String postRequest(final Context ctx, final String requestId) {
        return run(ctx, EcoinTransaction.POST_REQUEST, requestId);
    }

    /** The substation pairs a request with an offer. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String pair(final Context ctx, final String requestId, final String offerId) {
        return run(ctx, EcoinTransaction.PAIR, requestId, offerId);
    }

    /** The substation cancels an unchecked pairing. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String cancelPairing(final Context ctx, final String requestId) {
        return run(ctx, EcoinTransaction.CANCEL_PAIRING, requestId);
    }

    /** The requester pays. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String pay(final Context ctx, final String requestId, final String paymentJson) {
        return run(ctx, EcoinTransaction.PAY, requestId, paymentJson);
    }

    /** The offerer presents the coin; it is recorded as spent. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String checkCoin(final Context ctx, final String requestId, final String checkJson) {
        return run(ctx, EcoinTransaction.CHECK_COIN, requestId, checkJson);
    }

    /** The offering meter asks for its fresh coin. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String requestFreshCoin(final Context ctx, final String requestId, final String freshJson) {
        return run(ctx, EcoinTransaction.REQUEST_FRESH_COIN, requestId, freshJson);
    }

    /** The substation signs the fresh coin. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String issueFreshCoin(final Context ctx, final String requestId, final String blindSignature) {
        return run(ctx, EcoinTransaction.ISSUE_FRESH_COIN, requestId, blindSignature);
    }

    /** The receipt closes the pairing. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String closePairing(final Context ctx, final String requestId, final String receipt) {
        return run(ctx, EcoinTransaction.CLOSE_PAIRING, requestId, receipt);
    }

    /** An identified deposit of coins. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String deposit(final Context ctx, final String depositJson) {
        return run(ctx, EcoinTransaction.DEPOSIT, depositJson);
    }

    /** The substation closes the billing period; the bills are written. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String closePeriod(final Context ctx, final String period) {
        return run(ctx, EcoinTransaction.CLOSE_PERIOD, period);
    }

    /** The configuration. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getConfig(final Context ctx) {
        return run(ctx, EcoinTransaction.GET_CONFIG);
    }

    /** A billing period. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getPeriod(final Context ctx, final String period) {
        return run(ctx, EcoinTransaction.GET_PERIOD, period);
    }

    /** Open offers, requests and pairings. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String listOpen(final Context ctx) {
        return run(ctx, EcoinTransaction.LIST_OPEN);
    }

    /** One pairing. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getPairing(final Context ctx, final String requestId) {
        return run(ctx, EcoinTransaction.GET_PAIRING, requestId);
    }

    /** One withdrawal batch. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getBatch(final Context ctx, final String batchId) {
        return run(ctx, EcoinTransaction.GET_BATCH, batchId);
    }

    /** The accounts of a period. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String listAccounts(final Context ctx, final String period) {
        return run(ctx, EcoinTransaction.LIST_ACCOUNTS, period);
    }

    /** The bills of a closed period. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String listBills(final Context ctx, final String period) {
        return run(ctx, EcoinTransaction.LIST_BILLS, period);
    }

    /** The closed pairings of a period. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String listPairings(final Context ctx, final String period) {
        return run(ctx, EcoinTransaction.LIST_PAIRINGS, period);
    }
}
