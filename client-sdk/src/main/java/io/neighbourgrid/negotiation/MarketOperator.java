package io.neighbourgrid.negotiation;

import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.ledger.Ledger;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.protocol.negotiation.NegotiationConfig;
import io.neighbourgrid.protocol.negotiation.NegotiationTransaction;
import io.neighbourgrid.protocol.negotiation.TradeRecord;
import io.neighbourgrid.protocol.negotiation.TradeRecording;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The market operator (seed 002, Section 3.2): configures the negotiation, and at convergence records every pair's
 * trade on the ledger. In a private negotiation each recorded price comes with the consumer's opening of its final
 * mask, which the contract checks against the proven masked price.
 */
public final class MarketOperator {
    private final Ledger ledger;

    /**
     * @param ledger an operator-organisation connection
     */
    public MarketOperator(Ledger ledger) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
    }

    /**
     * Publishes the case's traders (ids, buses, roles) and lines, opening a new round (the contract numbers it); the
     * traders' coefficients and bounds stay private.
     *
     * @param c          the case
     * @param minKeyBits the smallest Paillier key a producer may register
     */
    public void configure(NegotiationCase c, int minKeyBits) throws LedgerException {
        List<NegotiationConfig.TraderEntry> traders = new ArrayList<>();
        for (Trader t : c.traders()) {
            traders.add(new NegotiationConfig.TraderEntry(t.id(), t.bus(), t.isProducer()));
        }
        List<String> lines = c.network().branches().stream().map(Branch::name).toList();
        ledger.submit(NegotiationTransaction.CONFIGURE.qualifiedName(),
                new NegotiationConfig(traders, lines, minKeyBits, 0).toJson());
    }

    /**
     * Records the trades of a converged negotiation.
     *
     * @param result   the outcome
     * @param openings for a private negotiation, each pair's final mask opening by {@link TradePair#name()}; empty
     *                 for a plain one
     * @return the recording as the ledger stored it
     */
    public TradeRecording record(NegotiationResult result, Map<String, MaskOpening> openings) throws LedgerException {
        long last = result.iterations() - 1L;
        List<TradeRecord> trades = new ArrayList<>();
        for (NegotiatedTrade t : result.trades()) {
            MaskOpening o = openings.get(t.pair().name());
            trades.add(new TradeRecord(t.pair().producer(), t.pair().consumer(),
                    PriceEncoding.power(t.quantityKw()), t.encodedPrice(), last,
                    o == null ? null : o.mask().toString(), o == null ? null : o.salt()));
        }
        byte[] r = ledger.submit(NegotiationTransaction.RECORD_TRADES.qualifiedName(),
                new TradeRecording(result.iterations(), trades, null, null).toJson()).payload();
        return CanonicalJson.fromJson(new String(r, StandardCharsets.UTF_8), TradeRecording.class);
    }
}
