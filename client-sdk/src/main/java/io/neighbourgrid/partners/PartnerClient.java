package io.neighbourgrid.partners;

import com.google.gson.reflect.TypeToken;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.ledger.Ledger;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.protocol.partners.Agreement;
import io.neighbourgrid.protocol.partners.AgreementTerms;
import io.neighbourgrid.protocol.partners.PartnerTransaction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * A home's calls to the partners contract ({@code docs/partners.md}, section 3): typed terms in, typed agreements out.
 * A rejection arrives as the {@link LedgerException} of the ledger, its message led by the contract's error code
 * ({@code io.neighbourgrid.protocol.ErrorCode#parse}).
 */
public final class PartnerClient {
    private final Ledger ledger;

    /**
     * @param ledger the connection, signing as the home's identity
     */
    public PartnerClient(Ledger ledger) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
    }

    /**
     * Proposes an agreement the calling home is a party of.
     *
     * @param terms the terms
     * @return the proposed agreement; its id is the transaction's id
     * @throws LedgerException if the contract rejects it (unknown home, self-agreement, negative price, duplicate,
     *                         not a party) or the ledger fails
     */
    public Agreement propose(AgreementTerms terms) throws LedgerException {
        return submit(PartnerTransaction.PROPOSE, CanonicalJson.toJson(Objects.requireNonNull(terms, "terms")));
    }

    /**
     * Accepts an agreement the other party proposed: from then on it is cleared.
     *
     * @param agreementId the agreement
     * @return the agreement in force
     * @throws LedgerException if the contract rejects it (unknown, revoked, not the accepting party) or the ledger
     *                         fails
     */
    public Agreement accept(String agreementId) throws LedgerException {
        return submit(PartnerTransaction.ACCEPT, agreementId);
    }

    /**
     * Revokes an agreement of the calling home: windows settled from then on no longer clear it.
     *
     * @param agreementId the agreement
     * @return the revoked agreement
     * @throws LedgerException if the contract rejects it (unknown, revoked already, not a party) or the ledger fails
     */
    public Agreement revoke(String agreementId) throws LedgerException {
        return submit(PartnerTransaction.REVOKE, agreementId);
    }

    /**
     * Every agreement a home is a party of, any status, by id.
     *
     * @param homeId the home
     * @return its agreements
     * @throws LedgerException if the home is unknown or the ledger fails
     */
    public List<Agreement> agreements(String homeId) throws LedgerException {
        String json = new String(ledger.evaluate(PartnerTransaction.LIST_AGREEMENTS.qualifiedName(), homeId),
                StandardCharsets.UTF_8);
        return CanonicalJson.fromJson(json, new TypeToken<List<Agreement>>() { }.getType());
    }

    private Agreement submit(PartnerTransaction tx, String arg) throws LedgerException {
        String json = new String(ledger.submit(tx.qualifiedName(), arg).payload(), StandardCharsets.UTF_8);
        return CanonicalJson.fromJson(json, Agreement.class);
    }
}
