package io.neighbourgrid.protocol;

import java.util.Optional;

/**
 * The transactions of the market contract: their names on the ledger, whether they are submitted (ordered and
 * committed) or only evaluated, and how many string arguments they take. See {@code docs/protocol.md}.
 */
public enum ContractTransaction {
    /** {@code configureMarket(configJson)}: operator organisation. */
    CONFIGURE_MARKET("configureMarket", true, 1),
    /**
     * {@code registerProofParameters(parametersBase64, parametersProofBase64)}: the operator organisation, once; the
     * ring-Pedersen parameters every home's no-small-factor proof is made against.
     */
    REGISTER_PROOF_PARAMETERS("registerProofParameters", true, 2),
    /**
     * {@code registerHome(homeId, paillierKeyBase64, keyProofBase64, factorProofBase64)}: a community identity, once
     * the proof parameters are registered.
     */
    REGISTER_HOME("registerHome", true, 4),
    /** {@code openWindow(t)}: operator organisation. */
    OPEN_WINDOW("openWindow", true, 1),
    /** {@code declareRole(t, SELLER|BUYER|OFF)}: the calling home. */
    DECLARE_ROLE("declareRole", true, 2),
    /**
     * {@code declareAndContribute(t, SELLER|BUYER, responder, initiator, contributionJson)}: the calling home's role
     * and its contribution in one transaction, under the keys of the two homes it expects the window to select.
     */
    DECLARE_AND_CONTRIBUTE("declareAndContribute", true, 5),
    /**
     * {@code registerRepresentative(representativeId)}: a community identity that is not a home; it becomes a
     * representative homes may delegate to.
     */
    REGISTER_REPRESENTATIVE("registerRepresentative", true, 1),
    /** {@code delegate(representativeId)}: the calling home delegates its market participation. */
    DELEGATE("delegate", true, 1),
    /** {@code revokeDelegation()}: the calling home ends its active delegation. */
    REVOKE_DELEGATION("revokeDelegation", true, 0),
    /**
     * {@code submitBatch(t, batchJson)}: a representative; the role declarations and contributions of homes that
     * delegated to it, in one transaction, all or nothing.
     */
    SUBMIT_BATCH("submitBatch", true, 2),
    /** {@code resumeHome()}: the calling home, while it is suspended from selection. */
    RESUME_HOME("resumeHome", true, 0),
    /** {@code closeRoles(t)}: anyone once every home declared, else the operator organisation after the deadline. */
    CLOSE_ROLES("closeRoles", true, 1),
    /** {@code submitContribution(t, contributionJson)}: a coalition member. */
    SUBMIT_CONTRIBUTION("submitContribution", true, 2),
    /**
     * {@code submitContributionBatch(t, batchJson)}: a representative, once the roles are closed; the contributions
     * of homes that delegated to it under the selected homes' keys, in one transaction, all or nothing.
     */
    SUBMIT_CONTRIBUTION_BATCH("submitContributionBatch", true, 2),
    /**
     * {@code closeContributions(t)}: anyone once every member contributed, else the operator organisation after the
     * deadline.
     */
    CLOSE_CONTRIBUTIONS("closeContributions", true, 1),
    /**
     * {@code postMaskTransfer(t, reencryptedBase64, proofBase64)}: r2, once per evaluation; its masks' sum re-encrypted
     * under r1's key with a {@code MaskTransferProof}.
     */
    POST_MASK_TRANSFER("postMaskTransfer", true, 3),
    /** {@code postOutcome(t, outcomeProofBase64)}: r1, after the mask transfer; the outcome with its proofs. */
    POST_OUTCOME("postOutcome", true, 2),
    /**
     * {@code claimInvalidContribution(t, homeId)}: any identity of the channel, in any phase after the contributions
     * closed; chaincode verifies that member's contribution proof and, if it fails, excludes and suspends it (and
     * re-evaluates or ends the window while it is not settled).
     */
    CLAIM_INVALID_CONTRIBUTION("claimInvalidContribution", true, 2),
    /** {@code settleWindow(t)}: anyone. */
    SETTLE_WINDOW("settleWindow", true, 1),
    /** {@code expireWindow(t)}: the operator organisation, after the current phase's deadline. */
    EXPIRE_WINDOW("expireWindow", true, 1),
    /** {@code getMarket()}. */
    GET_MARKET("getMarket", false, 0),
    /** {@code getHome(homeId)}. */
    GET_HOME("getHome", false, 1),
    /** {@code listHomes()}. */
    LIST_HOMES("listHomes", false, 0),
    /** {@code getWindow(t)}. */
    GET_WINDOW("getWindow", false, 1),
    /** {@code getWindowForHome(t, homeId)}: the window with only that home's declaration and contribution. */
    GET_WINDOW_FOR_HOME("getWindowForHome", false, 2),
    /** {@code getKeyProof(homeId)}: the key-correctness and no-small-factor proofs a home registered with. */
    GET_KEY_PROOF("getKeyProof", false, 1),
    /** {@code getProofParameters()}: the registered ring-Pedersen parameters and their proof. */
    GET_PROOF_PARAMETERS("getProofParameters", false, 0),
    /** {@code getRepresentative(representativeId)}. */
    GET_REPRESENTATIVE("getRepresentative", false, 1),
    /** {@code getDelegation(homeId)}: the home's delegation, active or revoked. */
    GET_DELEGATION("getDelegation", false, 1),
    /** {@code getHistory(key)}: key as {@code TYPE/attribute/...} or a raw composite key. */
    GET_HISTORY("getHistory", false, 1),
    /**
     * {@code registerBillingKey(paillierKeyBase64, keyProofBase64, billingConfigJson)}: an operator identity, once;
     * it becomes the billing party.
     */
    REGISTER_BILLING_KEY("registerBillingKey", true, 3),
    /** {@code registerMeter(publicKeyPem)}: the calling home. */
    REGISTER_METER("registerMeter", true, 1),
    /** {@code recordSettlement(t, recordJson)}: the calling home, once per settled window. */
    RECORD_SETTLEMENT("recordSettlement", true, 2),
    /** {@code submitMeterReport(homeId, t, reportJson)}: anyone relaying the meter's signed report. */
    SUBMIT_METER_REPORT("submitMeterReport", true, 3),
    /** {@code postMarketBalance(t, decryptionJson)}: the billing party, once per cleared window. */
    POST_MARKET_BALANCE("postMarketBalance", true, 2),
    /** {@code postBill(homeId, from-to, billJson)}: the billing party, once per home and period. */
    POST_BILL("postBill", true, 3),
    /**
     * {@code recordPartnerLines(t, linesJson)}: the calling home, once per settled window in which it was a party of
     * a partner agreement in force.
     */
    RECORD_PARTNER_LINES("recordPartnerLines", true, 2),
    /**
     * {@code postPartnerBill(homeId, from-to, decryptionJson)}: the billing party, once per home and billed period.
     */
    POST_PARTNER_BILL("postPartnerBill", true, 3),
    /** {@code openDispute(WINDOW|BILL, target, reason)}: a home. */
    OPEN_DISPUTE("openDispute", true, 3),
    /** {@code resolveDispute(id, UPHELD|REJECTED, evidenceHash)}: an operator identity other than the billing one. */
    RESOLVE_DISPUTE("resolveDispute", true, 3),
    /** {@code getBilling()}. */
    GET_BILLING("getBilling", false, 0),
    /** {@code getMeter(homeId)}. */
    GET_METER("getMeter", false, 1),
    /** {@code getBillingWindow(t)}: every home's settlement record and meter report of the window, its balance. */
    GET_BILLING_WINDOW("getBillingWindow", false, 1),
    /** {@code getBillingRecords(homeId, from-to)}: a home's terms, records and reports over a period. */
    GET_BILLING_RECORDS("getBillingRecords", false, 2),
    /** {@code getBill(homeId, from-to)}. */
    GET_BILL("getBill", false, 2),
    /** {@code listBills(homeId)}: the home's bills, oldest first. */
    LIST_BILLS("listBills", false, 1),
    /** {@code getPartnerLines(homeId, from-to)}: a home's partner-lines records over a period. */
    GET_PARTNER_LINES("getPartnerLines", false, 2),
    /** {@code getPartnerBill(homeId, from-to)}: the partner lines of a home's bill. */
    GET_PARTNER_BILL("getPartnerBill", false, 2),
    /** {@code getDispute(id)}. */
    GET_DISPUTE("getDispute", false, 1),
    /** {@code listDisputes()}: every dispute, by id. */
    LIST_DISPUTES("listDisputes", false, 0);

    private final String functionName;
    private final boolean submit;
    private final int arity;

    ContractTransaction(String functionName, boolean submit, int arity) {
        this.functionName = functionName;
        this.submit = submit;
        this.arity = arity;
    }

    /**
     * The transaction name on the ledger.
     *
     * @return e.g. {@code submitContribution}
     */
    public String functionName() {
        return functionName;
    }

    /**
     * Whether the transaction changes state and must be submitted (endorsed, ordered, committed).
     *
     * @return {@code true} for submit transactions, {@code false} for queries
     */
    public boolean isSubmit() {
        return submit;
    }

    /**
     * The number of string arguments.
     *
     * @return the arity
     */
    public int arity() {
        return arity;
    }

    /**
     * The function with this ledger name.
     *
     * @param name the transaction name
     * @return the function, or empty if the contract has none of that name
     */
    public static Optional<ContractTransaction> byName(String name) {
        for (ContractTransaction f : values()) {
            if (f.functionName.equals(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
