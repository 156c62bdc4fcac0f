package io.neighbourgrid.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * The {@code coalitions} object of {@code report.json} ({@link CoalitionReport}): money in cents, prices in cents per
 * kWh, as exact decimals.
 */
final class CoalitionJson {
    private CoalitionJson() {
    }

    static JsonObject toTree(CoalitionReport c) {
        JsonObject j = new JsonObject();
        j.addProperty("rule", c.rule());
        j.addProperty("blockWindows", c.blockWindows());
        j.addProperty("stability", c.stability());
        JsonObject community = new JsonObject();
        community.addProperty("blocks", c.blocks().size());
        community.addProperty("stableBlocks", c.stableBlocks());
        community.addProperty("welfareCents", Numbers.money(c.welfare()));
        community.addProperty("singleCommunityWelfareCents", Numbers.money(c.grandWelfare()));
        community.addProperty("meanCoalitionsOfTwoOrMore", Numbers.rounded(c.meanMarkets(), 6));
        community.addProperty("homesBetterThanSingleCommunity", c.homesBetterThanGrand());
        community.addProperty("homesWorseThanSingleCommunity", c.homesWorseThanGrand());
        JsonArray below = new JsonArray();
        c.homesBelowStandAlone().forEach(below::add);
        community.add("homesBelowStandAlone", below);
        j.add("community", community);
        JsonArray blocks = new JsonArray();
        for (CoalitionReport.Block b : c.blocks()) {
            JsonObject block = new JsonObject();
            block.addProperty("firstWindow", b.firstWindow());
            block.addProperty("windows", b.windows());
            block.addProperty("coalitionCount", b.coalitions().size());
            JsonArray sizes = new JsonArray();
            b.sizes().forEach(sizes::add);
            block.add("sizes", sizes);
            block.addProperty("welfareCents", Numbers.money(b.welfare()));
            block.addProperty("singleCommunityWelfareCents", Numbers.money(b.grandWelfare()));
            block.addProperty("merges", b.merges());
            block.addProperty("splits", b.splits());
            block.addProperty("stable", b.stable());
            block.addProperty("mergesChecked", b.mergesChecked());
            block.addProperty("splitsChecked", b.splitsChecked());
            JsonArray coalitions = new JsonArray();
            for (CoalitionReport.Coalition k : b.coalitions()) {
                JsonObject coalition = new JsonObject();
                JsonArray homes = new JsonArray();
                k.homes().forEach(homes::add);
                coalition.add("homes", homes);
                coalition.addProperty("welfareCents", Numbers.money(k.welfare()));
                coalitions.add(coalition);
            }
            block.add("coalitions", coalitions);
            JsonArray markets = new JsonArray();
            for (CoalitionReport.Market m : b.markets()) {
                JsonObject market = new JsonObject();
                market.addProperty("window", m.window());
                market.addProperty("coalition", m.coalition());
                market.addProperty("clearing", m.clearing().name());
                market.add("priceCentsPerKWh", m.price().isPresent()
                        ? new JsonPrimitive(Numbers.cents(m.price().getAsLong())) : JsonNull.INSTANCE);
                market.addProperty("sellers", m.sellers());
                market.addProperty("buyers", m.buyers());
                markets.add(market);
            }
            block.add("markets", markets);
            blocks.add(block);
        }
        j.add("blocks", blocks);
        JsonArray homes = new JsonArray();
        for (CoalitionReport.HomePayoff h : c.homes()) {
            JsonObject home = new JsonObject();
            home.addProperty("homeId", h.homeId());
            home.addProperty("coalitionPayoffCents", Numbers.money(h.partition()));
            home.addProperty("singleCommunityPayoffCents", Numbers.money(h.grand()));
            homes.add(home);
        }
        j.add("homes", homes);
        return j;
    }
}
