package io.neighbourgrid.partners;

import com.google.gson.reflect.TypeToken;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.ledger.Ledger;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.protocol.partners.Agreement;
import io.neighbourgrid.protocol.partners.AgreementTerms;
import io.neighbourgrid.protocol.Syntax;
import io.neighbourgrid.protocol.partners.PartnerStatement;
import io.neighbourgrid.protocol.partners.PartnerTransaction;
import io.neighbourgrid.protocol.partners.TransferRecord;
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

    /**
     * Records the calling home's commitment to a window's statement, which both parties hold; the other party records
     * the same commitment to confirm it. Only the commitment reaches the ledger.
     *
     * @param statement the window's statement
     * @return the ledger's record of the window's transfer
     * @throws LedgerException if the contract rejects it (not a party, agreement not in force at the window's
     *                         settlement, recorded already, a different commitment recorded by the other party) or
     *                         the ledger fails
     */
    public TransferRecord recordTransfer(PartnerStatement statement) throws LedgerException {
        String json = new String(ledger.submit(PartnerTransaction.RECORD_TRANSFER.qualifiedName(),
                statement.agreementId(), Syntax.window(statement.window()), statement.commitment()).payload(),
                StandardCharsets.UTF_8);
        return CanonicalJson.fromJson(json, TransferRecord.class);
    }

    /**
     * The ledger's record of an agreement's transfer in a window.
     *
     * @param agreementId the agreement
     * @param window      the window
     * @return the record
     * @throws LedgerException if none is recorded or the ledger fails
     */
    public TransferRecord transfer(String agreementId, long window) throws LedgerException {
        return CanonicalJson.fromJson(new String(ledger.evaluate(PartnerTransaction.GET_TRANSFER.qualifiedName(),
                agreementId, Syntax.window(window)), StandardCharsets.UTF_8), TransferRecord.class);
    }

    private Agreement submit(PartnerTransaction tx, String arg) throws LedgerException {
        String json = new String(ledger.submit(tx.qualifiedName(), arg).payload(), StandardCharsets.UTF_8);
        return CanonicalJson.fromJson(json, Agreement.class);
    }
}
