package io.neighbourgrid.chaincode;

import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.protocol.contract.TxContext;
import io.neighbourgrid.protocol.state.EventPayload;

/**
 * The chaincode events of the market contract. Every submitted transaction sets exactly one; its payload is the
 * canonical JSON of an {@code EventPayload} (window, phase after the transaction, and the home or comparison step
 * concerned). A transaction that closes a phase emits the event of that transition whichever transaction closed
 * it ({@code closeRoles} or {@code expireWindow}, for example).
 */
public enum MarketEvent {
    /** {@code configureMarket}. */
    MARKET_CONFIGURED("MarketConfigured"),
    /** {@code registerProofParameters} (payload {@code {}}). */
    PROOF_PARAMETERS_REGISTERED("ProofParametersRegistered"),
    /** {@code registerHome}. */
    HOME_REGISTERED("HomeRegistered"),
    /** {@code resumeHome}. */
    HOME_RESUMED("HomeResumed"),
    /** {@code openWindow}. */
    WINDOW_OPENED("WindowOpened"),
    /** {@code declareRole}. */
    ROLE_DECLARED("RoleDeclared"),
    /** The roles closed ({@code closeRoles}, or {@code expireWindow} in the role phase). */
    ROLES_CLOSED("RolesClosed"),
    /** {@code submitContribution}. */
    CONTRIBUTION_SUBMITTED("ContributionSubmitted"),
    /** The contributions closed ({@code closeContributions}, or {@code expireWindow} in the contribution phase). */
    CONTRIBUTIONS_CLOSED("ContributionsClosed"),
    /** {@code postMaskTransfer}: r1 may prove the outcome. */
    MASK_TRANSFER_POSTED("MaskTransferPosted"),
    /** {@code postOutcome}: the payload's phase is {@code CLEARED}. */
    OUTCOME_POSTED("OutcomePosted"),
    /**
     * {@code claimInvalidContribution} upheld: the member is excluded and suspended; the payload names it and the
     * window's phase ({@code EVALUATION} again, or {@code GRID_ONLY}).
     */
    CONTRIBUTION_CLAIM_UPHELD("ContributionClaimUpheld"),
    /**
     * {@code expireWindow} in the evaluation phase: the window went grid only because a selected home was silent
     * (the silent homes are suspended in the same transaction).
     */
    WINDOW_EXPIRED("WindowExpired"),
    /** {@code settleWindow}. */
    WINDOW_SETTLED("WindowSettled"),
    /** {@code registerRepresentative}. */
    REPRESENTATIVE_REGISTERED("RepresentativeRegistered"),
    /** {@code delegate}: the payload names the home. */
    HOME_DELEGATED("HomeDelegated"),
    /** {@code revokeDelegation}: the payload names the home. */
    DELEGATION_REVOKED("DelegationRevoked"),
    /**
     * {@code submitBatch} and {@code submitContributionBatch}: the payload names the window, in its role or its
     * contribution phase.
     */
    BATCH_SUBMITTED("BatchSubmitted");

    private final String eventName;

    MarketEvent(String eventName) {
        this.eventName = eventName;
    }

    /**
     * The event name as set on the transaction.
     *
     * @return the name, e.g. {@code RolesClosed}
     */
    public String eventName() {
        return eventName;
    }

    /**
     * Sets this event on the transaction, its payload as canonical JSON.
     *
     * @param ctx     the transaction
     * @param payload the payload
     */
    public void emit(TxContext ctx, EventPayload payload) {
        ctx.setEvent(eventName, CanonicalJson.toBytes(payload));
    }
}
