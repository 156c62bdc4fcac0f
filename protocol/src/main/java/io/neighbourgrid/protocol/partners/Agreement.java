package io.neighbourgrid.protocol.partners;

import java.time.Instant;
import java.util.Objects;

/**
 * A partner agreement as the ledger keeps it, under {@code PARTNER~id} ({@code docs/partners.md}, section 3): its
 * terms, who proposed it, and when it was accepted and revoked. Its id is the proposing transaction's id. Written at
 * each step; its history on the ledger shows every step.
 *
 * @param id         the proposing transaction's id
 * @param terms      the terms both parties consent to
 * @param status     proposed, in force, or revoked
 * @param proposedBy the party that proposed (seller or partner)
 * @param proposedAt the proposing transaction's timestamp
 * @param acceptedAt the accepting transaction's timestamp; absent until the other party accepts
 * @param revokedBy  the party that revoked it; absent until revoked
 * @param revokedAt  the revoking transaction's timestamp; absent until revoked
 */
public record Agreement(String id, AgreementTerms terms, AgreementStatus status, String proposedBy,
                        String proposedAt, String acceptedAt, String revokedBy, String revokedAt) {
    public Agreement {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(terms, "terms");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(proposedAt, "proposedAt");
        if (!terms.party(proposedBy)) {
            throw new IllegalArgumentException("agreement " + id + " was proposed by " + proposedBy
                    + ", who is not a party");
        }
        if ((status == AgreementStatus.ACTIVE) != (acceptedAt != null && revokedAt == null)) {
            throw new IllegalArgumentException("agreement " + id + " is " + status + " with acceptance "
                    + acceptedAt + " and revocation " + revokedAt);
        }
        if ((status == AgreementStatus.REVOKED) != (revokedAt != null) || (revokedAt == null) != (revokedBy == null)) {
            throw new IllegalArgumentException("agreement " + id + " is " + status + " with revocation " + revokedAt
                    + " by " + revokedBy);
        }
    }

    /**
     * A new proposal.
     *
     * @param id         the proposing transaction's id
     * @param terms      the terms
     * @param proposedBy the proposing party
     * @param at         the transaction's timestamp
     * @return the agreement, {@link AgreementStatus#PROPOSED}
     */
    public static Agreement proposed(String id, AgreementTerms terms, String proposedBy, Instant at) {
        return new Agreement(id, terms, AgreementStatus.PROPOSED, proposedBy, at.toString(), null, null, null);
    }

    /**
     * The party that must accept: the one that did not propose.
     *
     * @return a home id
     */
    public String acceptingParty() {
        return proposedBy.equals(terms.seller()) ? terms.partner() : terms.seller();
    }

    /**
     * This agreement accepted.
     *
     * @param at the accepting transaction's timestamp
     * @return the agreement in force
     */
    public Agreement accepted(Instant at) {
        return new Agreement(id, terms, AgreementStatus.ACTIVE, proposedBy, proposedAt, at.toString(), null, null);
    }

    /**
     * This agreement revoked.
     *
     * @param by the revoking party
     * @param at the revoking transaction's timestamp
     * @return the revoked agreement
     */
    public Agreement revoked(String by, Instant at) {
        return new Agreement(id, terms, AgreementStatus.REVOKED, proposedBy, proposedAt, acceptedAt, by,
                at.toString());
    }

    /**
     * Whether the agreement is cleared in a window settled at {@code settledAt}: accepted at or before it and not
     * revoked by then. A revoked agreement still clears the windows settled while it was in force, so a revocation
     * never changes a settled window.
     *
     * @param settledAt the window's settlement timestamp
     * @return {@code true} if the window's partner transfers include this agreement
     */
    public boolean appliesAt(Instant settledAt) {
        if (acceptedAt == null || Instant.parse(acceptedAt).isAfter(settledAt)) {
            return false;
        }
        return revokedAt == null || Instant.parse(revokedAt).isAfter(settledAt);
    }
}
