package io.neighbourgrid.negotiation;

import io.neighbourgrid.ledger.Ledger;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.protocol.negotiation.LinePriceRecord;
import io.neighbourgrid.protocol.negotiation.NegotiationTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The line manager (seed 002, Section 3.2): computes the flows from the traders' injections with the PTDF
 * (Eq. 6), updates the line prices (Eq. 18) and publishes them on the ledger for every iteration, encoded in
 * 10^-12 USD/kW.
 */
public final class LineManager implements Negotiation.LinePriceListener {
    private final Ledger ledger;

    /**
     * @param ledger an operator-organisation connection
     */
    public LineManager(Ledger ledger) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
    }

    @Override
    public void published(int k, LinePrices prices) {
        List<Long> up = new ArrayList<>();
        List<Long> down = new ArrayList<>();
        for (double v : prices.up()) {
            up.add(PriceEncoding.price(v));
        }
        for (double v : prices.down()) {
            down.add(PriceEncoding.price(v));
        }
        try {
            ledger.submit(NegotiationTransaction.POST_LINE_PRICES.qualifiedName(), Integer.toString(k),
                    new LinePriceRecord(k, up, down).toJson());
        } catch (LedgerException e) {
            throw new NegotiationLedgerException("posting the line prices of iteration " + k, e);
        }
    }
}
