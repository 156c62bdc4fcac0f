package io.neighbourgrid.chaincode.partners;

import io.neighbourgrid.chaincode.StateIo;
import io.neighbourgrid.protocol.Syntax;
import io.neighbourgrid.protocol.contract.TxContext;
import io.neighbourgrid.protocol.partners.Agreement;
import java.util.ArrayList;
import java.util.List;

/**
 * What billing reads of the partners contract's state ({@code docs/partners.md}, section 4, "Bills gain partner
 * lines"): a home's agreements and whether a window's statement of an agreement is on the ledger. Read only.
 */
public final class PartnerRecords {
    private PartnerRecords() {
    }

    /**
     * Every agreement home {@code homeId} is a party of, any status, by id.
     *
     * @param ctx    the transaction
     * @param homeId the home
     * @return its agreements
     */
    public static List<Agreement> agreementsOf(TxContext ctx, String homeId) {
        List<Agreement> out = new ArrayList<>();
        for (String id : StateIo.readAll(ctx, String.class, Agreements.PARTY, homeId)) {
            out.add(Agreements.read(ctx, id));
        }
        return out;
    }

    /**
     * Whether a party recorded its commitment to agreement {@code agreementId}'s statement of window {@code t}.
     *
     * @param ctx         the transaction
     * @param agreementId the agreement
     * @param t           the window
     * @return whether a transfer record exists
     */
    public static boolean statementRecorded(TxContext ctx, String agreementId, long t) {
        return ctx.getState(ctx.compositeKey(Transfers.TRANSFER, agreementId, Syntax.window(t))) != null;
    }
}
