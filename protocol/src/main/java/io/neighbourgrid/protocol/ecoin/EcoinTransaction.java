package io.neighbourgrid.protocol.ecoin;

import io.neighbourgrid.protocol.contract.NamespacedTransaction;
import java.util.Optional;

/**
 * The transactions of the e-coin contract (namespace {@value #NAMESPACE}; Alàs and Sebé, Appl. Sci. 2024): their
 * names, whether they are submitted or only evaluated, how many string arguments they take and who signs them.
 * Clients call {@link #qualifiedName()} ({@code ecoin:withdraw...}) on either ledger. See {@code docs/ecoin.md}.
 */
public enum EcoinTransaction implements NamespacedTransaction {
    /** {@code configure(configJson)}: the operator organisation, once (Section 5.2, set up). */
    CONFIGURE("configure", true, 1),
    /** {@code registerMeter(meterId)}: a meter's own identity, once (Section 5.2 step 3). */
    REGISTER_METER("registerMeter", true, 1),
    /** {@code requestWithdrawal(batchId, blindedJson)}: a meter's own identity, or the operator (wallet loading). */
    REQUEST_WITHDRAWAL("requestWithdrawal", true, 2),
    /** {@code issueWithdrawal(batchId, blindSignaturesJson)}: the operator (Procedure 1(b)). */
    ISSUE_WITHDRAWAL("issueWithdrawal", true, 2),
    /** {@code postOffer(offerJson)}: the shared identity (a meter's offer) or the operator (a grid offer). */
    POST_OFFER("postOffer", true, 1),
    /** {@code postRequest(requestId)}: the shared identity (a meter's request) or the operator (a grid request). */
    POST_REQUEST("postRequest", true, 1),
    /** {@code pair(requestId, offerId)}: the operator (Procedure 6(a)). */
    PAIR("pair", true, 2),
    /** {@code pay(requestId, paymentJson)}: the requester (Procedure 6(b)-(c)). */
    PAY("pay", true, 2),
    /** {@code checkCoin(requestId, checkJson)}: the offerer (Procedure 6(d)). */
    CHECK_COIN("checkCoin", true, 2),
    /** {@code requestFreshCoin(requestId, freshJson)}: the offering meter (Procedure 6(e)). */
    REQUEST_FRESH_COIN("requestFreshCoin", true, 2),
    /** {@code issueFreshCoin(requestId, blindSignatureBase64)}: the operator. */
    ISSUE_FRESH_COIN("issueFreshCoin", true, 2),
    /** {@code closePairing(requestId, receiptBase64)}: the offerer (Procedure 6(f)-(h)). */
    CLOSE_PAIRING("closePairing", true, 2),
    /** {@code cancelPairing(requestId)}: the operator, before the coin is checked. */
    CANCEL_PAIRING("cancelPairing", true, 1),
    /** {@code deposit(depositJson)}: a meter's own identity, or the operator for the grid (Procedure 3). */
    DEPOSIT("deposit", true, 1),
    /** {@code closePeriod(period)}: the operator; writes every bill (Section 5.4.4). */
    CLOSE_PERIOD("closePeriod", true, 1),
    /** {@code getConfig()}. */
    GET_CONFIG("getConfig", false, 0),
    /** {@code getPeriod(period)}: a closed period, or the open one. */
    GET_PERIOD("getPeriod", false, 1),
    /** {@code listOpen()}: open offers, open requests and unfinished pairings. */
    LIST_OPEN("listOpen", false, 0),
    /** {@code getPairing(requestId)}. */
    GET_PAIRING("getPairing", false, 1),
    /** {@code getBatch(batchId)}. */
    GET_BATCH("getBatch", false, 1),
    /** {@code listAccounts(period)}: every account's withdrawn and deposited counts in the period. */
    LIST_ACCOUNTS("listAccounts", false, 1),
    /** {@code listBills(period)}: the bills of a closed period. */
    LIST_BILLS("listBills", false, 1),
    /** {@code listPairings(period)}: every closed pairing of the period. */
    LIST_PAIRINGS("listPairings", false, 1);

    /** The contract's namespace in the chaincode. */
    public static final String NAMESPACE = "ecoin";

    private final Signature signature;

    EcoinTransaction(String functionName, boolean submit, int arity) {
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
    public static Optional<EcoinTransaction> byName(String name) {
        return NamespacedTransaction.byName(EcoinTransaction.class, name);
    }
}
