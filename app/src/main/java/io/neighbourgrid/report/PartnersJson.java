package io.neighbourgrid.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.neighbourgrid.protocol.partners.AgreementTerms;

/**
 * The {@code partners} object of {@code report.json} ({@link PartnersReport}): energy in kWh, money in cents, prices
 * in cents per kWh, shares as fractions, as exact decimals.
 */
final class PartnersJson {
    private PartnersJson() {
    }

    static JsonObject toTree(PartnersReport p) {
        JsonObject j = new JsonObject();
        j.add("partners", p.sales() == null ? JsonNull.INSTANCE : new JsonPrimitive(p.sales()));
        j.add("donations", p.donations() == null ? JsonNull.INSTANCE : new JsonPrimitive(p.donations()));
        JsonObject community = new JsonObject();
        community.addProperty("agreements", p.agreements().size());
        community.addProperty("energyMovedKWh", Numbers.kwh(p.energyMoved()));
        community.addProperty("gridEnergyMovedKWh", Numbers.kwh(p.agreements().stream()
                .mapToLong(PartnersReport.AgreementTotals::gridEnergy).sum()));
        community.addProperty("marketEnergyMovedKWh", Numbers.kwh(p.agreements().stream()
                .mapToLong(PartnersReport.AgreementTotals::marketEnergy).sum()));
        community.addProperty("moneyToSellersCents", Numbers.money(p.moneyMoved()));
        community.addProperty("communityGainCents", Numbers.money(p.communityGain()));
        community.addProperty("moneyBalanced", p.moneyBalanced());
        community.addProperty("statementsCommitted", p.statements());
        j.add("community", community);
        PartnersReport.GridTotals g = p.grid();
        JsonObject grid = new JsonObject();
        grid.addProperty("exportWithoutKWh", Numbers.kwh(g.exportWithout()));
        grid.addProperty("importWithoutKWh", Numbers.kwh(g.importWithout()));
        grid.addProperty("exportWithKWh", Numbers.kwh(g.exportWith()));
        grid.addProperty("importWithKWh", Numbers.kwh(g.importWith()));
        grid.addProperty("netUnchanged", g.netUnchanged());
        j.add("grid", grid);
        JsonArray agreements = new JsonArray();
        for (PartnersReport.AgreementTotals a : p.agreements()) {
            JsonObject o = new JsonObject();
            o.addProperty("id", a.id());
            o.addProperty("seller", a.seller());
            o.addProperty("partner", a.partner());
            o.addProperty("kind", a.kind().name());
            o.addProperty("priceCentsPerKWh", Numbers.cents(a.price()));
            o.addProperty("marketShare", Numbers.scaled(a.sharePpm(), AgreementTerms.WHOLE_SHARE));
            o.addProperty("windows", a.windows());
            o.addProperty("gridEnergyKWh", Numbers.kwh(a.gridEnergy()));
            o.addProperty("marketEnergyKWh", Numbers.kwh(a.marketEnergy()));
            o.addProperty("moneyToSellerCents", Numbers.money(a.money()));
            agreements.add(o);
        }
        j.add("agreements", agreements);
        JsonArray homes = new JsonArray();
        for (PartnersReport.HomeTotals h : p.homes()) {
            JsonObject o = new JsonObject();
            o.addProperty("homeId", h.homeId());
            o.addProperty("energyOutKWh", Numbers.kwh(h.energyOut()));
            o.addProperty("energyInKWh", Numbers.kwh(h.energyIn()));
            o.addProperty("moneyInCents", Numbers.money(h.moneyIn()));
            o.addProperty("moneyOutCents", Numbers.money(h.moneyOut()));
            o.addProperty("billWithoutCents", Numbers.money(h.billWithout()));
            o.addProperty("billWithCents", Numbers.money(h.billWith()));
            o.addProperty("gainCents", Numbers.money(h.gain()));
            homes.add(o);
        }
        j.add("homes", homes);
        return j;
    }
}
