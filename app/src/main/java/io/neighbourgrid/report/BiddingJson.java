package io.neighbourgrid.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.neighbourgrid.market.Scales;

/**
 * The {@code bidding} object of {@code report.json} ({@link BiddingReport}): money in cents, energy in kWh, prices in
 * cents per kWh, as exact decimals; a mean over nothing is {@code null}.
 */
final class BiddingJson {
    private BiddingJson() {
    }

    static JsonObject toTree(BiddingReport b) {
        JsonObject j = new JsonObject();
        j.addProperty("bids", b.bids());
        j.add("strategic", b.strategic() == null ? JsonNull.INSTANCE : new JsonPrimitive(b.strategic()));
        JsonObject community = new JsonObject();
        community.addProperty("forecastMaeKWh", Numbers.rounded(b.communityMeanAbsError() / Scales.ENERGY, 6));
        community.addProperty("forecastCostCents", Numbers.money(b.communityForecastCost()));
        community.add("meanGainStrategicCents", cents(b.meanGain(true)));
        community.add("meanGainTruthfulCents", cents(b.meanGain(false)));
        JsonArray irrational = new JsonArray();
        b.irrationalTruthfulHomes().forEach(irrational::add);
        community.add("truthfulHomesWorseThanGridOnly", irrational);
        j.add("community", community);
        BiddingReport.PriceRange p = b.prices();
        JsonObject prices = new JsonObject();
        prices.addProperty("marketWindows", p.marketWindows());
        prices.add("lowestCentsPerKWh", p.marketWindows() == 0 ? JsonNull.INSTANCE
                : new JsonPrimitive(Numbers.cents(p.lowest())));
        prices.add("highestCentsPerKWh", p.marketWindows() == 0 ? JsonNull.INSTANCE
                : new JsonPrimitive(Numbers.cents(p.highest())));
        prices.addProperty("windowsOutsideRange", p.outsideRange());
        prices.addProperty("inRange", p.inRange());
        j.add("prices", prices);
        JsonArray homes = new JsonArray();
        for (BiddingReport.HomeBids h : b.homes()) {
            JsonObject home = new JsonObject();
            home.addProperty("homeId", h.homeId());
            home.addProperty("strategic", h.strategic());
            home.addProperty("forecastMaeKWh", Numbers.rounded(h.meanAbsError() / Scales.ENERGY, 6));
            home.addProperty("billCents", Numbers.money(h.money()));
            home.addProperty("realisedBidBillCents", Numbers.money(h.realisedBidMoney()));
            home.addProperty("forecastCostCents", Numbers.money(h.forecastCost()));
            home.addProperty("allTruthfulBillCents", Numbers.money(h.truthfulMoney()));
            home.addProperty("strategyGainCents", Numbers.money(h.strategyGain()));
            home.addProperty("gridOnlyBillCents", Numbers.money(h.gridOnlyMoney()));
            home.addProperty("individuallyRational", h.individuallyRational());
            homes.add(home);
        }
        j.add("homes", homes);
        return j;
    }

    private static JsonElement cents(double moneyUnits) {
        return Double.isNaN(moneyUnits) ? JsonNull.INSTANCE
                : new JsonPrimitive(Numbers.rounded(moneyUnits / Scales.MONEY, 6));
    }
}
