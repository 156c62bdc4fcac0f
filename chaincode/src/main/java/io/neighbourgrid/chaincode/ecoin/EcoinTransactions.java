package io.neighbourgrid.chaincode.ecoin;

import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.contract.TransactionHandler;
import io.neighbourgrid.protocol.contract.TxContext;
import io.neighbourgrid.protocol.ecoin.EcoinTransaction;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The e-coin contract (namespace {@value EcoinTransaction#NAMESPACE}): Alàs and Sebé's anonymous e-coin market on
 * the ledger, one class per procedure of the paper. Deterministic like the market contract: the transaction
 * timestamp is the only clock, RSA and ECDSA verification are deterministic, every collection is iterated in key
 * order and every record is canonical JSON. The protocol, message by message, is in {@code docs/ecoin.md}.
 */
public final class EcoinTransactions implements TransactionHandler {
    private final Setup setup;
    private final Withdrawals withdrawals;
    private final Offers offers;
    private final Pairings pairings;
    private final Payments payments;
    private final Receipts receipts;
    private final Deposits deposits;
    private final EcoinQueries queries = new EcoinQueries();

    /**
     * The contract for the given organisations.
     *
     * @param operatorMspId   the operator organisation: the substation
     * @param communityMspIds the community organisations: the meters and the shared identity
     */
    public EcoinTransactions(String operatorMspId, Collection<String> communityMspIds) {
        EcoinLedger ledger = new EcoinLedger(operatorMspId, communityMspIds);
        this.setup = new Setup(ledger);
        this.withdrawals = new Withdrawals(ledger);
        this.offers = new Offers(ledger);
        this.pairings = new Pairings(ledger);
        this.payments = new Payments(ledger);
        this.receipts = new Receipts(ledger);
        this.deposits = new Deposits(ledger);
    }

    @Override
    public byte[] invoke(TxContext ctx, String function, List<String> args) {
        Objects.requireNonNull(ctx, "ctx");
        EcoinTransaction f = EcoinTransaction.byName(function).orElseThrow(() -> ErrorCode.UNKNOWN_FUNCTION.exception(
                "the e-coin contract has no transaction named " + function));
        List<String> a = args == null ? List.of() : args;
        if (a.size() != f.arity()) {
            throw ErrorCode.INVALID_ARGUMENT.exception(f.functionName() + " takes " + f.arity() + " arguments, got "
                    + a.size());
        }
        String result = switch (f) {
            case CONFIGURE -> setup.configure(ctx, a.get(0));
            case REGISTER_METER -> setup.registerMeter(ctx, a.get(0));
            case REQUEST_WITHDRAWAL -> withdrawals.requestWithdrawal(ctx, a.get(0), a.get(1));
            case ISSUE_WITHDRAWAL -> withdrawals.issueWithdrawal(ctx, a.get(0), a.get(1));
            case POST_OFFER -> offers.postOffer(ctx, a.get(0));
            case POST_REQUEST -> offers.postRequest(ctx, a.get(0));
            case PAIR -> pairings.pair(ctx, a.get(0), a.get(1));
            case CANCEL_PAIRING -> pairings.cancelPairing(ctx, a.get(0));
            case PAY -> payments.pay(ctx, a.get(0), a.get(1));
            case CHECK_COIN -> payments.checkCoin(ctx, a.get(0), a.get(1));
            case REQUEST_FRESH_COIN -> payments.requestFreshCoin(ctx, a.get(0), a.get(1));
            case ISSUE_FRESH_COIN -> payments.issueFreshCoin(ctx, a.get(0), a.get(1));
            case CLOSE_PAIRING -> receipts.closePairing(ctx, a.get(0), a.get(1));
            case DEPOSIT -> deposits.deposit(ctx, a.get(0));
            case CLOSE_PERIOD -> deposits.closePeriod(ctx, a.get(0));
            case GET_CONFIG -> queries.getConfig(ctx);
            case GET_PERIOD -> queries.getPeriod(ctx, a.get(0));
            case LIST_OPEN -> queries.listOpen(ctx);
            case GET_PAIRING -> queries.getPairing(ctx, a.get(0));
            case GET_BATCH -> queries.getBatch(ctx, a.get(0));
            case LIST_ACCOUNTS -> queries.listAccounts(ctx, a.get(0));
            case LIST_BILLS -> queries.listBills(ctx, a.get(0));
            case LIST_PAIRINGS -> queries.listPairings(ctx, a.get(0));
        };
        return result.getBytes(StandardCharsets.UTF_8);
    }
}
