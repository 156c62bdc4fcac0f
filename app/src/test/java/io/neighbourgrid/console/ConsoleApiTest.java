package io.neighbourgrid.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.neighbourgrid.audit.AuditReport;
import io.neighbourgrid.audit.Auditor;
import io.neighbourgrid.billing.BillingClient;
import io.neighbourgrid.embedded.EmbeddedChainEvidence;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.market.Clearing;
import io.neighbourgrid.protocol.state.HomeRecord;
import io.neighbourgrid.protocol.state.WindowPhase;
import io.neighbourgrid.protocol.state.WindowRecord;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The console's JSON API over HTTP, against a simulated day, checked against the ledger itself. */
class ConsoleApiTest {
    private static ConsoleDay day;
    private static HttpClient http;

    @BeforeAll
    static void startDay() throws Exception {
        day = ConsoleDay.shared();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        assertTrue(day.errors.isEmpty(), "the day reported errors: " + day.errors);
    }

    static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        URI uri = day.console.uri().resolve(path);
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonElement json(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = get(path);
        assertEquals(200, r.statusCode(), path + " answered " + r.statusCode() + ": " + r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                path + " is not JSON: " + r.headers().firstValue("Content-Type"));
        return JsonParser.parseString(r.body());
    }

    static WindowRecord record(long t) throws LedgerException {
        return day.ledger.windowStatus(t).orElseThrow().window();
    }

    @Test
    void theMarketIsTheLedgersConfigurationAndCommunity() throws Exception {
        JsonObject m = json("/api/market").getAsJsonObject();
        assertEquals("market", m.get("channel").getAsString());
        assertEquals(JsonParser.parseString(CanonicalJson.toJson(day.ledger.market())), m.get("config"));
        assertEquals(ConsoleDay.HOMES, m.get("homes").getAsInt());
        assertEquals(1, m.get("suspendedHomes").getAsInt());
        assertTrue(m.get("ledger").getAsString().startsWith("embedded"), m.toString());
    }

    @Test
    void theStatusShowsTheOpenWindowInItsPhaseAndTheDaysProgress() throws Exception {
        day.console.refresh();
        JsonObject s = json("/api/status").getAsJsonObject();
        JsonObject current = s.getAsJsonObject("current");
        assertEquals(day.openWindow, current.get("window").getAsLong());
        assertEquals(record(day.openWindow).phase().name(), current.get("phase").getAsString());
        assertEquals(WindowPhase.ROLES.name(), current.get("phase").getAsString());
        assertEquals(day.openWindow, s.get("latest").getAsLong());
        assertEquals(List.of(day.openWindow), longs(s.getAsJsonArray("open")));
        JsonObject sim = s.getAsJsonObject("simulation");
        assertEquals(ConsoleDay.SIMULATED, sim.get("windowsDone").getAsInt());
        assertEquals(ConsoleDay.SIMULATED, sim.get("windows").getAsInt());
        assertFalse(s.has("lastError"), s.toString());
    }

    @Test
    void recentWindowsAreTheLedgersWindowsNewestFirst() throws Exception {
        day.console.refresh();
        JsonObject list = json("/api/windows?recent=20").getAsJsonObject();
        assertEquals(day.openWindow, list.get("latest").getAsLong());
        JsonArray windows = list.getAsJsonArray("windows");
        assertEquals(day.openWindow + 1, windows.size());
        for (int i = 0; i < windows.size(); i++) {
            long t = day.openWindow - i;
            JsonObject w = windows.get(i).getAsJsonObject();
            assertEquals(t, w.get("window").getAsLong());
            // The summary is exactly what the ledger's record says, serialised canonically.
            assertEquals(JsonParser.parseString(CanonicalJson.toJson(Views.WindowSummary.of(record(t)))), w,
                    "window " + t);
        }
        JsonObject cleared = windows.get(windows.size() - 1).getAsJsonObject();
        assertEquals(WindowPhase.SETTLED.name(), cleared.get("phase").getAsString());
        boolean anyMarket = false;
        for (JsonElement e : windows) {
            JsonObject w = e.getAsJsonObject();
            if (w.has("price")) {
                anyMarket = true;
                assertTrue(w.get("sellers").getAsInt() >= 2 && w.get("buyers").getAsInt() >= 2, w.toString());
                assertTrue(w.get("latencyMillis").getAsLong() >= 0, w.toString());
            }
        }
        assertTrue(anyMarket, "no window of the day cleared a market: " + windows);
        JsonObject silent = windows.get((int) (day.openWindow - day.silentWindow)).getAsJsonObject();
        assertEquals(Clearing.GRID_ONLY.name(), silent.get("clearing").getAsString());
        assertEquals(List.of(day.silentHome), List.of(silent.getAsJsonArray("silentHomes").get(0).getAsString()));

        JsonArray two = json("/api/windows?recent=2").getAsJsonObject().getAsJsonArray("windows");
        assertEquals(List.of(day.openWindow, day.openWindow - 1), List.of(two.get(0).getAsJsonObject()
                .get("window").getAsLong(), two.get(1).getAsJsonObject().get("window").getAsLong()));
    }

    @Test
    void oneWindowHasItsCoalitionsAndDeadlines() throws Exception {
        long t = 0;
        WindowRecord r = record(t);
        JsonObject w = json("/api/windows/" + t).getAsJsonObject();
        assertEquals(JsonParser.parseString(CanonicalJson.toJson(Views.WindowSummary.of(r))), w.get("summary"));
        assertEquals(r.rolesDeadline(), w.get("rolesDeadline").getAsString());
        if (r.coalitions() != null) {
            assertEquals(r.coalitions().sellers(), strings(w.getAsJsonArray("sellers")));
            assertEquals(r.coalitions().buyers(), strings(w.getAsJsonArray("buyers")));
        }
        assertTrue(w.has("settledAt"), w.toString());
        JsonObject open = json("/api/windows/" + day.openWindow).getAsJsonObject();
        assertEquals("ROLES", open.getAsJsonObject("summary").get("phase").getAsString());
        assertFalse(open.has("sellers"), open.toString());
    }

    @Test
    void unknownAndMalformedRequestsAreAnsweredWithErrors() throws Exception {
        HttpResponse<String> missing = get("/api/windows/" + (day.openWindow + 1000));
        assertEquals(404, missing.statusCode(), missing.body());
        assertEquals("UNKNOWN_WINDOW", JsonParser.parseString(missing.body()).getAsJsonObject().get("code")
                .getAsString());
        assertEquals(400, get("/api/windows/seven").statusCode());
        assertEquals(400, get("/api/windows/-1").statusCode());
        assertEquals(400, get("/api/windows?recent=0").statusCode());
        assertEquals(400, get("/api/windows?recent=many").statusCode());
        assertEquals(404, get("/api/audit/" + (day.openWindow + 1000)).statusCode());
        assertEquals(404, get("/api/nothing-here").statusCode());
    }

    @Test
    void suspendedHomesAreTheLedgersSuspensions() throws Exception {
        JsonObject s = json("/api/homes/suspended").getAsJsonObject();
        assertEquals(ConsoleDay.HOMES, s.get("homes").getAsInt());
        JsonArray list = s.getAsJsonArray("suspended");
        assertEquals(1, list.size(), list.toString());
        JsonObject h = list.get(0).getAsJsonObject();
        HomeRecord home = day.ledger.home(day.silentHome).orElseThrow();
        assertEquals(day.silentHome, h.get("homeId").getAsString());
        assertEquals(day.silentWindow, h.get("window").getAsLong());
        assertEquals(home.suspension().reason().name(), h.get("reason").getAsString());
        assertEquals(home.suspension().txId(), h.get("txId").getAsString());

        JsonArray homes = json("/api/homes").getAsJsonArray();
        assertEquals(ConsoleDay.HOMES, homes.size());
        long suspended = 0;
        for (JsonElement e : homes) {
            JsonObject o = e.getAsJsonObject();
            assertFalse(o.has("paillierKey"), "a home summary carries no key material: " + o);
            suspended += o.get("suspended").getAsBoolean() ? 1 : 0;
        }
        assertEquals(1, suspended);
    }

    @Test
    void anAuditIsTheAuditorsReportOfTheWindow() throws Exception {
        for (long t : new long[] {0, day.silentWindow}) {
            JsonObject a = json("/api/audit/" + t).getAsJsonObject();
            AuditReport expected = new Auditor(day.ledger, new BillingClient(day.ledger.ledger(),
                    day.ledger.channel()), new EmbeddedChainEvidence(day.provider.ledger().engine())).auditWindow(t);
            assertEquals(t, a.get("window").getAsLong());
            assertEquals(expected.verdict(), a.get("verdict").getAsString());
            assertEquals("PASS", a.get("verdict").getAsString(), a.toString());
            assertEquals(expected.evidenceHash(), a.get("evidenceHash").getAsString());
            assertEquals(expected.findings().size(), a.getAsJsonArray("findings").size());
            assertEquals(expected.findings().get(0).check(), a.getAsJsonArray("findings").get(0).getAsJsonObject()
                    .get("check").getAsString());
        }
    }

    @Test
    void thePageAndItsAssetsAreServedFromTheClassPath() throws Exception {
        HttpResponse<String> page = get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("Neighbourgrid operator console"));
        assertFalse(page.body().contains("http://") || page.body().contains("https://"),
                "the page loads nothing from elsewhere");
        HttpResponse<String> js = get("/console.js");
        assertEquals(200, js.statusCode());
        assertTrue(js.body().contains("api/status"));
        assertFalse(js.body().contains("http://") || js.body().contains("https://"));
        assertEquals(200, get("/console.css").statusCode());
    }

    @Test
    void theConsoleNeverSubmits() {
        ReadOnlyLedger view = new ReadOnlyLedger(day.ledger.ledger());
        LedgerException e = org.junit.jupiter.api.Assertions.assertThrows(LedgerException.class,
                () -> view.submit("openWindow", "99"));
        assertEquals(LedgerException.ACCESS_DENIED, e.errorCode());
        assertNotNull(view.identity());
    }

    private static List<Long> longs(JsonArray a) {
        return a.asList().stream().map(JsonElement::getAsLong).toList();
    }

    private static List<String> strings(JsonArray a) {
        return a.asList().stream().map(JsonElement::getAsString).toList();
    }
}
