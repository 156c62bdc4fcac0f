package io.neighbourgrid.protocol.partners;

import io.neighbourgrid.protocol.contract.NamespacedTransaction;
import java.util.Optional;

/**
 * The transactions of the partners contract (namespace {@value #NAMESPACE}): their names, whether they are submitted
 * or evaluated, and their arity. Clients submit {@link #qualifiedName()}. See {@code docs/partners.md}, section 3.
 */
public enum PartnerTransaction implements NamespacedTransaction {
    /** {@code propose(termsJson)}: the seller or the partner of the terms ({@link AgreementTerms}). */
    PROPOSE("propose", true, 1),
    /** {@code accept(agreementId)}: the party that did not propose. */
    ACCEPT("accept", true, 1),
    /** {@code revoke(agreementId)}: either party, while proposed or in force. */
    REVOKE("revoke", true, 1),
    /**
     * {@code recordTransfer(agreementId, t, commitmentHex)}: either party of an agreement in force when window
     * {@code t} was settled, once each; the second must record the first's commitment ({@link PartnerStatement}).
     */
    RECORD_TRANSFER("recordTransfer", true, 3),
    /** {@code getTransfer(agreementId, t)}. */
    GET_TRANSFER("getTransfer", false, 2),
    /** {@code getAgreement(agreementId)}. */
    GET_AGREEMENT("getAgreement", false, 1),
    /** {@code listAgreements(homeId)}: every agreement the home is a party of, by id. */
    LIST_AGREEMENTS("listAgreements", false, 1);

    /** The contract's namespace. */
    public static final String NAMESPACE = "partners";

    private final Signature signature;

    PartnerTransaction(String functionName, boolean submit, int arity) {
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
    public static Optional<PartnerTransaction> byName(String name) {
        return NamespacedTransaction.byName(PartnerTransaction.class, name);
    }
}
