package io.neighbourgrid.protocol;


/**
 * Every reason the contract rejects a transaction. A rejected transaction is never ordered: the contract throws a
 * {@link ContractException} whose message starts with the code ({@code "WRONG_PHASE: ..."}); on Fabric the adapter
 * turns it into the shim's exception with the same message and the code as payload. The code leads the message
 * because the Fabric Gateway hands clients only the message; clients parse it back with {@link #parse(String)}.
 *
 * <p>The names are part of the contract's public interface (clients match on them); they are listed with their
 * meaning in {@code docs/protocol.md}.
 */
public enum ErrorCode {
    /** The transaction name is not one of the contract's transactions. */
    UNKNOWN_FUNCTION,
    /** An argument is missing, has the wrong count, or is outside its documented range or syntax. */
    INVALID_ARGUMENT,
    /** A JSON argument is not well formed, has a duplicate, unknown or missing field, or a field of the wrong type. */
    MALFORMED_JSON,
    /** The caller's organisation may not run this transaction. */
    UNAUTHORIZED_ORG,
    /** The market has not been configured yet. */
    MARKET_NOT_CONFIGURED,
    /** The requested configuration change is no longer allowed (the key size once a home is registered). */
    CONFIGURATION_LOCKED,
    /** No home is registered under the given id. */
    UNKNOWN_HOME,
    /** The home id is already bound to an identity; a home id is never re-bound. */
    HOME_ALREADY_REGISTERED,
    /** The calling identity is already bound to another home; one identity is one home. */
    IDENTITY_ALREADY_BOUND,
    /** The calling identity is not bound to any home. */
    NOT_REGISTERED,
    /** The Paillier public key is malformed, fails its sanity checks or does not have the market's key size. */
    INVALID_KEY,
    /**
     * A registration proof (the key-correctness proof or the no-small-factor proof) is malformed or does not verify
     * for this key, home and the registered proof parameters.
     */
    INVALID_KEY_PROOF,
    /** No ring-Pedersen proof parameters are registered yet: homes cannot prove their keys. */
    PROOF_PARAMETERS_NOT_REGISTERED,
    /** The proof parameters are registered already; they are registered once per market. */
    PROOF_PARAMETERS_ALREADY_REGISTERED,
    /** The proof parameters are malformed, smaller than the policy allows, or their proof does not verify. */
    INVALID_PROOF_PARAMETERS,
    /** The window has been opened before. */
    WINDOW_EXISTS,
    /** The window has never been opened. */
    UNKNOWN_WINDOW,
    /** The window is not in the phase this transaction belongs to. */
    WRONG_PHASE,
    /** The deadline of the window's current phase has passed. */
    DEADLINE_PASSED,
    /** The transaction needs the deadline of the window's current phase to have passed, and it has not. */
    DEADLINE_NOT_REACHED,
    /** The caller already submitted this (declaration, contribution, mask transfer, outcome, bill or decryption). */
    DUPLICATE_SUBMISSION,
    /** The calling home is not a member of the window's coalitions. */
    NOT_A_MEMBER,
    /** The calling home is not the home selected for this step. */
    NOT_SELECTED,
    /** A ciphertext is malformed, not an element of its key's ciphertext group, or was already used. */
    INVALID_CIPHERTEXT,
    /** A proof (of correct decryption, of a mask transfer, of an outcome) is malformed or does not verify. */
    INVALID_PROOF,
    /** A step was posted before the step it depends on. */
    OUT_OF_ORDER,
    /** The window has already been settled. */
    ALREADY_SETTLED,
    /** The calling home asked to resume but is not suspended. */
    NOT_SUSPENDED,
    /** No billing key has been registered yet. */
    BILLING_NOT_CONFIGURED,
    /** The billing key is registered already; it is registered once per market. */
    BILLING_ALREADY_CONFIGURED,
    /** The caller is not the registered billing identity. */
    NOT_BILLING_PARTY,
    /** The home has no registered meter key. */
    METER_NOT_REGISTERED,
    /** The meter key is malformed or not an EC key on P-256. */
    INVALID_METER_KEY,
    /** The meter key is registered for another home. */
    METER_KEY_IN_USE,
    /** The meter report's signature does not verify with the home's registered meter key. */
    INVALID_SIGNATURE,
    /** The window's reporting period is over: its records and meter reports are no longer accepted. */
    REPORTING_CLOSED,
    /** A window's reporting period is not over yet: it cannot be balanced or billed. */
    REPORTING_OPEN,
    /** The window is already covered by a bill of the home. */
    WINDOW_ALREADY_BILLED,
    /** The billing period covers fewer windows, or fewer opened windows, than the minimum billing period. */
    BILLING_PERIOD_TOO_SHORT,
    /** The billing period does not start and end on the boundaries of whole minimum billing periods. */
    BILLING_PERIOD_NOT_ALIGNED,
    /** No bill of the home for that period. */
    UNKNOWN_BILL,
    /** No dispute with that id. */
    UNKNOWN_DISPUTE,
    /** The dispute has been resolved already. */
    DISPUTE_ALREADY_RESOLVED,
    /** The billing identity may not resolve disputes about its own bills and checks. */
    BILLING_PARTY_CANNOT_RESOLVE,
    /** The verdict on a bill dispute disagrees with chaincode's recomputation of the bill from the ledger. */
    VERDICT_CONTRADICTS_LEDGER,
    /** The e-coin contract has not been configured yet. */
    ECOIN_NOT_CONFIGURED,
    /** The e-coin contract is configured already; its key and settings are set once. */
    ECOIN_ALREADY_CONFIGURED,
    /** An unidentified e-coin step was signed by an identity other than the microgrid's shared one. */
    NOT_SHARED_IDENTITY,
    /** An identified e-coin step (registration, withdrawal, deposit) was signed by the shared identity. */
    SHARED_IDENTITY_IDENTIFIES,
    /** An e-coin is malformed or its signature does not verify under the substation's key. */
    INVALID_COIN,
    /** The e-coin was spent before. */
    COIN_ALREADY_SPENT,
    /** The e-coin was deposited before. */
    COIN_ALREADY_DEPOSITED,
    /** No withdrawal batch with that id. */
    UNKNOWN_BATCH,
    /** A blind signature does not answer its blinded message under the substation's key. */
    INVALID_BLIND_SIGNATURE,
    /** No energy offer with that id. */
    UNKNOWN_OFFER,
    /** No energy request with that id. */
    UNKNOWN_REQUEST,
    /** No pairing for that request. */
    UNKNOWN_PAIRING,
    /** The energy offer's validity has elapsed. */
    OFFER_EXPIRED,
    /** The energy offer or request is paired or closed already. */
    OFFER_UNAVAILABLE,
    /** The e-coin presented is not the one the payment committed to. */
    COIN_MISMATCH,
    /** The receipt does not hash to the payment's receipt hash. */
    RECEIPT_MISMATCH,
    /** A claim or fresh-coin authorisation does not verify under the offer's or the ephemeral key. */
    INVALID_AUTHORISATION,
    /** The billing period cannot close while a pairing is still open. */
    COINS_IN_FLIGHT,
    /** The negotiation contract has not been configured yet. */
    NEGOTIATION_NOT_CONFIGURED,
    /** No trader of the negotiation has the given id. */
    UNKNOWN_TRADER,
    /** The trader id is already bound to an identity. */
    TRADER_ALREADY_REGISTERED,
    /**
     * The caller is not the party whose step this is: of a negotiated pair (producer or consumer), or of a partner
     * agreement (its seller or partner; for an acceptance, the party that did not propose).
     */
    NOT_A_PARTY,
    /** The consumer's mask does not open its commitment, or the recorded price is not the proven price less it. */
    INVALID_MASK_OPENING,
    /** The negotiated trades have been recorded already. */
    TRADES_ALREADY_RECORDED,
    /** A pair has not finished the iteration the recording names. */
    INCOMPLETE_NEGOTIATION,
    /** A contribution's proof is malformed (too long, not Base64, not a proof encoding). */
    INVALID_CONTRIBUTION_PROOF,
    /** A claim that a contribution proof fails was checked and the proof verifies: nothing changes. */
    CLAIM_REJECTED,
    /** The home is excluded from the market for a proven invalid contribution until the window named. */
    HOME_EXCLUDED,
    /** No partner agreement has the given id. */
    UNKNOWN_AGREEMENT,
    /** A partner agreement names the same home as seller and as partner. */
    SELF_AGREEMENT,
    /** A partner agreement's price per kWh is negative (a donation has price 0). */
    NEGATIVE_PARTNER_PRICE,
    /** The two homes already have an agreement in this direction that is proposed or in force. */
    DUPLICATE_AGREEMENT,
    /** The partner agreement was revoked; it can be neither accepted nor revoked again. */
    AGREEMENT_REVOKED,
    /** The partner agreement was not in force when the window was settled: nothing of that window is cleared. */
    AGREEMENT_NOT_IN_FORCE,
    /** The party's commitment to a window's partner transfer differs from the one the other party recorded. */
    TRANSFER_MISMATCH,
    /** No representative is registered under the given id. */
    UNKNOWN_REPRESENTATIVE,
    /** The representative id is registered already, or the calling identity already acts as a representative. */
    REPRESENTATIVE_ALREADY_REGISTERED,
    /** The calling identity is not bound to a representative. */
    NOT_A_REPRESENTATIVE,
    /** The calling home has an active delegation already; it revokes it before delegating again. */
    ALREADY_DELEGATED,
    /** The home has no active delegation (to revoke, or to the representative that acts for it). */
    NOT_DELEGATED;

    /**
     * The exception that rejects a transaction with this code.
     *
     * @param message what is wrong, naming the offending argument or state; never a private value
     * @return a {@link ContractException} whose message is {@code "CODE: message"}
     */
    public ContractException exception(String message) {
        return new ContractException(this, message, null);
    }

    /**
     * As {@link #exception(String)}, keeping the failure that caused it.
     *
     * @param message what is wrong
     * @param cause   the underlying failure
     * @return a {@link ContractException} whose message is {@code "CODE: message"}, with the cause attached
     */
    public ContractException exception(String message, Throwable cause) {
        return new ContractException(this, message, cause);
    }

    /**
     * The code of this name.
     *
     * @param name a code's name, as it leads a rejection's message
     * @return the code, or empty if the contract has none of that name
     */
    public static java.util.Optional<ErrorCode> parse(String name) {
        for (ErrorCode c : values()) {
            if (c.name().equals(name)) {
                return java.util.Optional.of(c);
            }
        }
        return java.util.Optional.empty();
    }
}
