package io.neighbourgrid.negotiation;

import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.ledger.Ledger;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.protocol.negotiation.NegotiationConfig;
import io.neighbourgrid.protocol.negotiation.NegotiationTransaction;
import io.neighbourgrid.protocol.negotiation.TraderRegistration;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The negotiation as {@code getNegotiation} returns it.
 *
 * @param config  the configuration
 * @param traders the registered traders by id
 */
public record NegotiationView(NegotiationConfig config, Map<String, TraderRegistration> traders) {
    /** Reads the view from the ledger. */
    public static NegotiationView read(Ledger ledger) throws LedgerException {
        byte[] r = ledger.evaluate(NegotiationTransaction.GET_NEGOTIATION.qualifiedName());
        return CanonicalJson.fromJson(new String(r, StandardCharsets.UTF_8), NegotiationView.class);
    }

    /** A registered trader. */
    public TraderRegistration trader(String id) {
        TraderRegistration r = traders.get(id);
        if (r == null) {
            throw new IllegalArgumentException("trader " + id + " is not registered");
        }
        return r;
    }
}
