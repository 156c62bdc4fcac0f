package io.neighbourgrid.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.neighbourgrid.market.MarketParameters;
import io.neighbourgrid.market.MarketTotals;
import io.neighbourgrid.market.WindowOutcome;
import io.neighbourgrid.sim.data.Assumption;
import io.neighbourgrid.sim.data.CommunityDay;
import io.neighbourgrid.sim.data.DataOrigin;
import io.neighbourgrid.sim.data.HomeProfile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Writes a {@link RunReport} as {@code report.json}: pretty-printed, with fields {@code configuration},
 * {@code dataSource}, {@code assumptions}, {@code windows}, {@code summary} and {@code homes}. Energy is in kWh,
 * prices in cents per kWh and money in cents, as exact decimals of the fixed-point values; latencies in
 * milliseconds; times as ISO-8601 local date-times of the replayed data. A value that does not exist (the price of
 * a grid-only window, a percentage over nothing, the clock time of a run without attached inputs) is {@code null}.
 *
 * <p>With the inputs attached ({@link RunReport.Builder#inputs}): {@code dataSource} names the file and layout
 * (or the generator's seed) and the replayed day; {@code assumptions} lists what the run assumed; each window has
 * its {@code windowStart} and the community's inputs ({@code generationKWh}, {@code loadKWh},
 * {@code batteryChargeKWh}, {@code batteryDischargeKWh}); each home its inputs over the run.
 */
public final class JsonReportWriter {

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping()
            .create();

    private JsonReportWriter() {
    }

    /**
     * Writes the report to a file (UTF-8).
     *
     * @param report the report
     * @param file   the file, replaced if it exists
     * @throws IOException if writing fails
     */
    public static void write(RunReport report, Path file) throws IOException {
        Files.writeString(file, toJson(report), StandardCharsets.UTF_8);
    }

    /**
     * Writes the report with the signed checkpoint of the ledger's head the run ended at (field
     * {@code ledgerCheckpoint}), so that the report itself vouches for the log it describes.
     *
     * @param checkpointJson the checkpoint as a JSON object
     */
    public static void write(RunReport report, Path file, String checkpointJson) throws IOException {
        JsonObject root = toTree(report);
        root.add("ledgerCheckpoint", com.google.gson.JsonParser.parseString(checkpointJson));
        Files.writeString(file, GSON.toJson(root) + "\n", StandardCharsets.UTF_8);
    }

    /**
     * The report as JSON text.
     *
     * @param report the report
     * @return pretty-printed JSON
     */
    public static String toJson(RunReport report) {
        return GSON.toJson(toTree(report)) + "\n";
    }

    /**
     * The report as a JSON tree.
     *
     * @param report the report
     * @return the tree
     */
    public static JsonObject toTree(RunReport report) {
        JsonObject root = new JsonObject();
        root.add("configuration", configuration(report));
        root.add("dataSource", dataSource(report));
        JsonArray assumptions = new JsonArray();
        for (Assumption a : report.assumptions()) {
            assumptions.add(assumption(a));
        }
        root.add("assumptions", assumptions);
        JsonArray windows = new JsonArray();
        for (WindowReport w : report.windows()) {
            windows.add(window(w, report));
        }
        root.add("windows", windows);
        JsonObject summary = summary(report.summary());
        summary.addProperty("paperReferenceCheckedWindows", report.paperChecked());
        summary.addProperty("paperReferenceMismatchedWindows", report.paperMismatches());
        root.add("summary", summary);
        JsonArray homes = new JsonArray();
        Map<String, HomeProfile> profiles = new HashMap<>();
        report.inputs().ifPresent(day -> day.homes().forEach(h -> profiles.put(h.homeId(), h)));
        for (HomeSummary h : report.homes()) {
            JsonObject home = home(h);
            HomeProfile profile = profiles.get(h.homeId());
            if (profile != null) {
                InputTotals t = InputTotals.home(report.inputs().orElseThrow(), profile, report.windows());
                addInputs(home, t);
                home.addProperty("netKWh", Numbers.kwh(t.net()));
                home.addProperty("hasBattery", profile.hasBattery());
                home.addProperty("preferenceK", Numbers.scaled(profile.traits().preference(),
                        io.neighbourgrid.market.Scales.PREFERENCE));
            }
            homes.add(home);
        }
        root.add("homes", homes);
        report.bidding().ifPresent(b -> root.add("bidding", BiddingJson.toTree(b)));
        report.coalitions().ifPresent(c -> root.add("coalitions", CoalitionJson.toTree(c)));
        report.partners().ifPresent(p -> root.add("partners", PartnersJson.toTree(p)));
        return root;
    }

    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_LOCAL_DATE_TIME;

    private static JsonElement dataSource(RunReport report) {
        Optional<CommunityDay> inputs = report.inputs();
        if (inputs.isEmpty()) {
            return JsonNull.INSTANCE;
        }
        CommunityDay day = inputs.get();
        DataOrigin origin = day.origin();
        JsonObject j = new JsonObject();
        j.addProperty("kind", origin.kind());
        j.add("file", origin.file() == null ? JsonNull.INSTANCE : new JsonPrimitive(origin.file()));
        j.add("layout", origin.layout() == null ? JsonNull.INSTANCE : new JsonPrimitive(origin.layout()));
        j.add("seed", origin.seed().isPresent() ? new JsonPrimitive(origin.seed().getAsLong()) : JsonNull.INSTANCE);
        LocalDateTime[] span = report.span().orElse(new LocalDateTime[] {day.start(),
            day.windowStart(day.windows() - 1).plusSeconds(day.windowSeconds())});
        j.addProperty("date", span[0].toLocalDate().toString());
        j.addProperty("startTime", RunReport.HH_MM.format(span[0]));
        j.addProperty("endTime", RunReport.HH_MM.format(span[1]));
        j.addProperty("start", ISO.format(span[0]));
        j.addProperty("end", ISO.format(span[1]));
        j.addProperty("windowSeconds", day.windowSeconds());
        j.addProperty("homes", day.homes().size());
        j.addProperty("description", report.dataTitle().orElse(origin.label()));
        return j;
    }

    private static JsonObject assumption(Assumption a) {
        JsonObject j = new JsonObject();
        j.addProperty("kind", a.kind());
        j.addProperty("description", a.description());
        JsonArray homes = new JsonArray();
        a.homes().forEach(homes::add);
        j.add("homes", homes);
        return j;
    }

    private static void addInputs(JsonObject j, InputTotals t) {
        j.addProperty("generationKWh", Numbers.kwh(t.generation()));
        j.addProperty("loadKWh", Numbers.kwh(t.load()));
        j.addProperty("batteryChargeKWh", Numbers.kwh(t.charge()));
        j.addProperty("batteryDischargeKWh", Numbers.kwh(t.discharge()));
    }

    private static JsonObject configuration(RunReport report) {
        JsonObject config = new JsonObject();
        MarketParameters p = report.parameters();
        JsonObject market = new JsonObject();
        market.addProperty("retailPrice", Numbers.cents(p.retailPrice()));
        market.addProperty("feedInPrice", Numbers.cents(p.feedInPrice()));
        market.addProperty("lowPrice", Numbers.cents(p.lowPrice()));
        market.addProperty("highPrice", Numbers.cents(p.highPrice()));
        market.addProperty("windowSeconds", p.windowSeconds());
        market.addProperty("minimumCoalitionSize", p.minimumCoalitionSize());
        config.add("market", market);
        for (Map.Entry<String, Object> e : report.configuration().entrySet()) {
            config.add(e.getKey(), value(e.getValue()));
        }
        return config;
    }

    /** Converts configuration values without reflection, so any value type gives a stable result. */
    static JsonElement value(Object v) {
        if (v == null) {
            return JsonNull.INSTANCE;
        }
        if (v instanceof JsonElement) {
            return (JsonElement) v;
        }
        if (v instanceof Number) {
            Number n = (Number) v;
            if ((n instanceof Double || n instanceof Float) && !Double.isFinite(n.doubleValue())) {
                return new JsonPrimitive(n.toString());
            }
            return new JsonPrimitive(n);
        }
        if (v instanceof Boolean) {
            return new JsonPrimitive((Boolean) v);
        }
        if (v instanceof Enum<?>) {
            return new JsonPrimitive(((Enum<?>) v).name());
        }
        if (v instanceof Map<?, ?>) {
            JsonObject o = new JsonObject();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                o.add(String.valueOf(e.getKey()), value(e.getValue()));
            }
            return o;
        }
        if (v instanceof Iterable<?>) {
            JsonArray a = new JsonArray();
            for (Object item : (Iterable<?>) v) {
                a.add(value(item));
            }
            return a;
        }
        return new JsonPrimitive(String.valueOf(v));
    }

    private static JsonObject window(WindowReport w, RunReport report) {
        WindowOutcome o = w.outcome();
        JsonObject j = new JsonObject();
        j.addProperty("index", w.index());
        Optional<LocalDateTime> start = report.windowStart(w);
        j.add("windowStart", start.isPresent() ? new JsonPrimitive(ISO.format(start.get())) : JsonNull.INSTANCE);
        j.addProperty("marketType", w.clearing().name());
        j.add("price", price(w.price()));
        j.addProperty("sellers", o.sellers());
        j.addProperty("buyers", o.buyers());
        j.addProperty("energySoldKWh", Numbers.kwh(o.marketEnergy()));
        j.addProperty("gridImportKWh", Numbers.kwh(o.gridImport()));
        j.addProperty("gridExportKWh", Numbers.kwh(o.gridExport()));
        j.addProperty("residualKWh", Numbers.kwh(o.residual()));
        j.addProperty("onlineLatencyMs", Numbers.rounded(w.metrics().onlineLatencyMs(), 3));
        JsonObject phases = new JsonObject();
        for (Map.Entry<String, Double> e : w.metrics().phaseLatencyMs().entrySet()) {
            phases.addProperty(e.getKey(), Numbers.rounded(e.getValue(), 3));
        }
        j.add("phaseLatencyMs", phases);
        j.addProperty("bytesSubmitted", w.metrics().bytesSubmitted());
        j.addProperty("transactions", w.metrics().transactions());
        j.addProperty("cpuMs", Numbers.rounded(w.metrics().cpuMs(), 3));
        j.add("referencePrice", price(w.referencePrice()));
        j.add("referenceDeviation", decimal(w.referenceDeviationCents(), 6));
        j.addProperty("referenceMatches", w.matchesReference());
        report.paperDeviations(w.index()).ifPresent(d -> {
            j.addProperty("paperReferenceMatches", d.isEmpty());
            JsonArray lines = new JsonArray();
            d.forEach(lines::add);
            j.add("paperReferenceDeviations", lines);
        });
        report.inputs().flatMap(day -> InputTotals.window(day, w.index())).ifPresent(t -> addInputs(j, t));
        return j;
    }

    private static JsonObject summary(RunSummary s) {
        JsonObject j = new JsonObject();
        j.add("buyerCostReductionPct", decimal(s.buyerCostReductionPct(), 4));
        j.add("sellerRevenueGainPct", decimal(s.sellerRevenueGainPct(), 4));
        j.add("gridExchangeReductionPct", decimal(s.gridExchangeReductionPct(), 4));
        j.add("medianWindowLatencyMs", decimal(s.medianWindowLatencyMs(), 3));
        j.add("p95WindowLatencyMs", decimal(s.p95WindowLatencyMs(), 3));
        j.add("bytesPerHomePerWindow", decimal(s.bytesPerHomePerWindow(), 1));
        j.add("referenceMaxDeviation", decimal(s.referenceMaxDeviationCents(), 6));
        j.addProperty("referenceMismatchedWindows", s.referenceMismatches());
        j.addProperty("individuallyRational", s.individuallyRational());
        j.addProperty("precomputationMs", Numbers.rounded(s.precomputationMs(), 3));
        j.addProperty("windows", s.windows());
        j.addProperty("generalWindows", s.generalWindows());
        j.addProperty("extremeWindows", s.extremeWindows());
        j.addProperty("gridOnlyWindows", s.gridOnlyWindows());
        j.addProperty("energySoldKWh", Numbers.kwh(s.marketEnergy()));
        j.addProperty("gridImportKWh", Numbers.kwh(s.gridImport()));
        j.addProperty("gridExportKWh", Numbers.kwh(s.gridExport()));
        MarketTotals t = s.totals();
        j.addProperty("buyerCostCents", Numbers.money(t.buyerCost()));
        j.addProperty("buyerGridOnlyCostCents", Numbers.money(t.buyerGridOnlyCost()));
        j.addProperty("sellerRevenueCents", Numbers.money(t.sellerRevenue()));
        j.addProperty("sellerGridOnlyRevenueCents", Numbers.money(t.sellerGridOnlyRevenue()));
        return j;
    }

    private static JsonObject home(HomeSummary h) {
        JsonObject j = new JsonObject();
        j.addProperty("homeId", h.homeId());
        j.addProperty("windowsAsSeller", h.windowsAsSeller());
        j.addProperty("windowsAsBuyer", h.windowsAsBuyer());
        j.addProperty("windowsOff", h.windowsOff());
        j.addProperty("marketEnergyKWh", Numbers.kwh(h.marketEnergy()));
        j.addProperty("gridEnergyKWh", Numbers.kwh(h.gridEnergy()));
        j.addProperty("balanceCents", Numbers.money(h.balance()));
        j.addProperty("gridOnlyBalanceCents", Numbers.money(h.gridOnlyBalance()));
        j.addProperty("savingsCents", Numbers.money(h.savings()));
        j.add("savingsPct", decimal(h.savingsPct(), 4));
        return j;
    }

    private static JsonElement price(OptionalLong price) {
        return price.isPresent() ? new JsonPrimitive(Numbers.cents(price.getAsLong())) : JsonNull.INSTANCE;
    }

    private static JsonElement decimal(OptionalDouble value, int scale) {
        return value.isPresent() ? new JsonPrimitive(Numbers.rounded(value.getAsDouble(), scale)) : JsonNull.INSTANCE;
    }
}
