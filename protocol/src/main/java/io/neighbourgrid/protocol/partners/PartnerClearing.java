package io.neighbourgrid.protocol.partners;

import io.neighbourgrid.market.HomeSettlement;
import io.neighbourgrid.market.MarketMath;
import io.neighbourgrid.market.Role;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Clears a window's partner agreements after the private market ({@code docs/partners.md}, section 4; seed 003,
 * SNIPPET: "users can choose with whom and when to trade"). The market's outcome stays as recorded; the agreements
 * only relabel energy that already flowed:
 * <ol>
 *   <li><b>Grid energy.</b> What the seller exported to the grid and its partner imported from it, up to the smaller
 *       of the two, goes from the seller to the partner instead, at the agreement's price: the seller no longer sells
 *       it at the feed-in price, the partner no longer buys it at the retail price. The grid exports and imports the
 *       same amount less, so its net exchange is unchanged.
 *   <li><b>Market energy.</b> Of the seller's market sale, the agreement's share, up to what the partner bought in
 *       the market, is the partner's at the agreement's price instead of the market price: the partner pays the seller
 *       the difference (a donation: the seller refunds the market price). The pool's energy is one, so which seller's
 *       energy a buyer received is a labelling the two parties may agree on.
 * </ol>
 * Agreements are served in the order they came into force (acceptance timestamp, then id); each one takes what the
 * earlier ones left of the seller's surplus and the partner's need. A transfer never exceeds either. An agreement
 * listed twice (once by each party's query, say) is cleared once.
 */
public final class PartnerClearing {
    private PartnerClearing() {
    }

    /**
     * The window's partner transfers.
     *
     * @param window     the window
     * @param settledAt  the window's settlement timestamp: agreements in force then are cleared
     *                   ({@link Agreement#appliesAt})
     * @param price      the window's market price, empty when it was not cleared in a market
     * @param homes      every home's settlement of the window, as recorded
     * @param agreements the agreements to consider (any status: only those in force at {@code settledAt} apply)
     * @return one transfer per agreement that moved energy, in clearing order
     */
    public static List<PartnerTransfer> clear(long window, Instant settledAt, OptionalLong price,
                                              List<HomeSettlement> homes, List<Agreement> agreements) {
        Map<String, HomeSettlement> byId = new HashMap<>();
        Map<String, Long> surplus = new HashMap<>();
        Map<String, Long> need = new HashMap<>();
        Map<String, Long> sold = new HashMap<>();
        Map<String, Long> bought = new HashMap<>();
        for (HomeSettlement s : homes) {
            byId.put(s.homeId(), s);
            surplus.put(s.homeId(), s.gridExport());
            need.put(s.homeId(), s.gridImport());
            boolean market = price.isPresent();
            sold.put(s.homeId(), market && s.role() == Role.SELLER ? s.marketEnergy() : 0L);
            bought.put(s.homeId(), market && s.role() == Role.BUYER ? s.marketEnergy() : 0L);
        }
        List<Agreement> inForce = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Agreement a : agreements) {
            if (a.appliesAt(settledAt) && ids.add(a.id())) {
                inForce.add(a);
            }
        }
        inForce.sort(Comparator.comparing((Agreement a) -> Instant.parse(a.acceptedAt())).thenComparing(Agreement::id));
        List<PartnerTransfer> out = new ArrayList<>();
        for (Agreement a : inForce) {
            AgreementTerms terms = a.terms();
            HomeSettlement seller = byId.get(terms.seller());
            HomeSettlement partner = byId.get(terms.partner());
            if (seller == null || partner == null || seller.role() != Role.SELLER || partner.role() != Role.BUYER) {
                continue;
            }
            long grid = Math.min(surplus.get(seller.homeId()), need.get(partner.homeId()));
            long share = shareOf(seller.marketEnergy(), terms.marketSharePpm());
            long market = Math.min(Math.min(share, sold.get(seller.homeId())), bought.get(partner.homeId()));
            if (grid == 0 && market == 0) {
                continue;
            }
            surplus.merge(seller.homeId(), -grid, Math::addExact);
            need.merge(partner.homeId(), -grid, Math::addExact);
            sold.merge(seller.homeId(), -market, Math::addExact);
            bought.merge(partner.homeId(), -market, Math::addExact);
            long gridMoney = MarketMath.money(grid, terms.price());
            long adjustment = market == 0 ? 0L : Math.subtractExact(MarketMath.money(market, terms.price()),
                    MarketMath.money(market, price.getAsLong()));
            out.add(new PartnerTransfer(a.id(), window, seller.homeId(), partner.homeId(), terms.kind(),
                    terms.price(), grid, market, gridMoney, adjustment));
        }
        return List.copyOf(out);
    }

    /** {@code floor(energy * ppm / 10^6)}. */
    static long shareOf(long energy, long ppm) {
        return BigInteger.valueOf(energy).multiply(BigInteger.valueOf(ppm))
                .divide(BigInteger.valueOf(AgreementTerms.WHOLE_SHARE)).longValueExact();
    }
}
