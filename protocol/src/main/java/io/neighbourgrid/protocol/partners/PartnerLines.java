package io.neighbourgrid.protocol.partners;

import io.neighbourgrid.market.HomeSettlement;
import io.neighbourgrid.market.MarketMath;
import io.neighbourgrid.market.MarketParameters;
import java.util.List;
import java.util.Objects;

/**
 * A home's partner lines of one window, what its bill gains from its agreements ({@code docs/partners.md},
 * section 5): energy given or sold to partners and received from them, money received and paid, and the grid
 * exchange the transfers replaced.
 *
 * @param homeId            the home
 * @param energyOut         energy it gave or sold to partners, energy units
 * @param energyIn          energy it received from partners, energy units
 * @param moneyIn           money partners paid it, money units (a refund it received counts here)
 * @param moneyOut          money it paid partners, money units (a refund it made counts here)
 * @param gridExportAvoided its grid export that went to a partner instead, energy units
 * @param gridImportAvoided its grid import that came from a partner instead, energy units
 */
public record PartnerLines(String homeId, long energyOut, long energyIn, long moneyIn, long moneyOut,
                           long gridExportAvoided, long gridImportAvoided) {
    public PartnerLines {
        Objects.requireNonNull(homeId, "homeId");
        if (energyOut < 0 || energyIn < 0 || moneyIn < 0 || moneyOut < 0 || gridExportAvoided < 0
                || gridImportAvoided < 0) {
            throw new IllegalArgumentException("partner lines of home " + homeId + " must be non-negative");
        }
    }

    /**
     * The home's lines from a window's transfers.
     *
     * @param homeId    the home
     * @param transfers the window's transfers (any homes)
     * @return its lines, all zero if it took part in none
     */
    public static PartnerLines of(String homeId, List<PartnerTransfer> transfers) {
        long out = 0;
        long in = 0;
        long moneyIn = 0;
        long moneyOut = 0;
        long exportAvoided = 0;
        long importAvoided = 0;
        for (PartnerTransfer t : transfers) {
            long money = t.money();
            if (t.seller().equals(homeId)) {
                out = Math.addExact(out, t.energy());
                exportAvoided = Math.addExact(exportAvoided, t.gridEnergy());
                if (money >= 0) {
                    moneyIn = Math.addExact(moneyIn, money);
                } else {
                    moneyOut = Math.subtractExact(moneyOut, money);
                }
            } else if (t.partner().equals(homeId)) {
                in = Math.addExact(in, t.energy());
                importAvoided = Math.addExact(importAvoided, t.gridEnergy());
                if (money >= 0) {
                    moneyOut = Math.addExact(moneyOut, money);
                } else {
                    moneyIn = Math.subtractExact(moneyIn, money);
                }
            }
        }
        return new PartnerLines(homeId, out, in, moneyIn, moneyOut, exportAvoided, importAvoided);
    }

    /**
     * The home's balance for the window with its partner lines: market money as recorded, its grid exchange less the
     * energy that went to or came from partners at the grid price, plus partner money received less paid. Positive:
     * the home is paid.
     *
     * @param s      the home's settlement of the window, as recorded
     * @param params the market parameters (grid prices)
     * @return money units
     */
    public long balance(HomeSettlement s, MarketParameters params) {
        if (!s.homeId().equals(homeId)) {
            throw new IllegalArgumentException("lines of home " + homeId + " applied to home " + s.homeId());
        }
        long partnerNet = Math.subtractExact(moneyIn, moneyOut);
        return switch (s.role()) {
            case SELLER -> Math.addExact(Math.addExact(s.marketMoney(),
                    MarketMath.money(Math.subtractExact(s.gridEnergy(), gridExportAvoided), params.feedInPrice())),
                    partnerNet);
            case BUYER -> Math.addExact(Math.negateExact(Math.addExact(s.marketMoney(),
                    MarketMath.money(Math.subtractExact(s.gridEnergy(), gridImportAvoided), params.retailPrice()))),
                    partnerNet);
            case OFF -> partnerNet;
        };
    }

    /** Whether the home took part in no transfer. */
    public boolean empty() {
        return energyOut == 0 && energyIn == 0 && moneyIn == 0 && moneyOut == 0;
    }
}
