package io.neighbourgrid.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.market.Clearing;
import io.neighbourgrid.protocol.state.GridOnlyReason;
import io.neighbourgrid.protocol.state.HomeRecord;
import io.neighbourgrid.protocol.state.Outcome;
import io.neighbourgrid.protocol.state.WindowPhase;
import io.neighbourgrid.protocol.state.WindowRecord;
import java.net.http.HttpResponse;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The console's Prometheus metrics: their names and labels, and their values against the ledger. */
class ConsoleMetricsTest {

    /** The value of one sample of a Prometheus text exposition, e.g. {@code name{label="v"}}. */
    static double sample(String exposition, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([-+0-9.eE]+|NaN)$").matcher(exposition);
        assertTrue(m.find(), "no sample " + series + " in\n" + exposition);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void everyMeterIsExposedAtZeroBeforeAnyWindow() {
        String text = new ConsoleMetrics().scrape();
        for (Clearing c : Clearing.values()) {
            assertEquals(0, sample(text, "neighbourgrid_windows_decided_total{clearing=\"" + c + "\"}"));
            assertEquals(0, sample(text, "neighbourgrid_window_latency_seconds_count{clearing=\"" + c + "\"}"));
        }
        for (GridOnlyReason r : GridOnlyReason.values()) {
            assertEquals(0, sample(text, "neighbourgrid_windows_grid_only_total{reason=\"" + r + "\"}"));
        }
        for (GridOnlyReason r : ConsoleMetrics.SUSPENDING) {
            assertEquals(0, sample(text, "neighbourgrid_suspensions_total{reason=\"" + r + "\"}"));
        }
        assertEquals(-1, sample(text, "neighbourgrid_window_latest"));
        assertEquals(0, sample(text, "neighbourgrid_homes_suspended"));
        assertTrue(text.contains("# TYPE neighbourgrid_window_latency_seconds histogram"), text);
        assertTrue(text.contains("# HELP neighbourgrid_windows_decided_total "), text);
    }

    @Test
    void aDecidedWindowCountsItsClearingLatencyReasonAndSuspensions() {
        ConsoleMetrics metrics = new ConsoleMetrics();
        Views.WindowSummary gridOnly = new Views.WindowSummary(3, WindowPhase.GRID_ONLY, "2026-01-01T00:00:00Z",
                Clearing.GRID_ONLY, null, null, GridOnlyReason.MASK_TRANSFER_NOT_POSTED, "silent",
                3, 3, 0, 3, 3, 0, "h1", "h2", List.of("h1"), "2026-01-01T00:00:40Z", 40_000L, false);
        metrics.windowDecided(gridOnly);
        metrics.state(6, 1, 3, 1, WindowPhase.GRID_ONLY);
        String text = metrics.scrape();
        assertEquals(1, sample(text, "neighbourgrid_windows_decided_total{clearing=\"GRID_ONLY\"}"));
        assertEquals(1, sample(text, "neighbourgrid_windows_grid_only_total{reason=\"MASK_TRANSFER_NOT_POSTED\"}"));
        assertEquals(1, sample(text, "neighbourgrid_suspensions_total{reason=\"MASK_TRANSFER_NOT_POSTED\"}"));
        assertEquals(40, sample(text, "neighbourgrid_window_latency_seconds_sum{clearing=\"GRID_ONLY\"}"), 1e-9);
        String bucket = "neighbourgrid_window_latency_seconds_bucket{clearing=\"GRID_ONLY\",le=";
        assertEquals(1, sample(text, bucket + "\"60.0\"}"));
        assertEquals(0, sample(text, bucket + "\"30.0\"}"));
        assertEquals(1, sample(text, "neighbourgrid_window_phase{phase=\"GRID_ONLY\"}"));
        assertEquals(0, sample(text, "neighbourgrid_window_phase{phase=\"ROLES\"}"));
        assertEquals(6, sample(text, "neighbourgrid_homes_registered"));
        assertEquals(1, sample(text, "neighbourgrid_homes_suspended"));
        assertEquals(3, sample(text, "neighbourgrid_window_latest"));
        assertEquals(1, sample(text, "neighbourgrid_windows_open"));
    }

    @Test
    void theMetricsEndpointCountsTheLedgersWindows() throws Exception {
        ConsoleDay day = ConsoleDay.shared();
        day.console.refresh();
        HttpResponse<String> r = ConsoleApiTest.get("/metrics");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"),
                r.headers().toString());
        String text = r.body();

        Map<Clearing, Integer> decided = new EnumMap<>(Clearing.class);
        Map<GridOnlyReason, Integer> reasons = new EnumMap<>(GridOnlyReason.class);
        int silent = 0;
        for (long t = 0; t <= day.openWindow; t++) {
            WindowRecord w = day.ledger.windowStatus(t).orElseThrow().window();
            Outcome o = w.outcome();
            if (o != null) {
                decided.merge(o.clearing(), 1, Integer::sum);
                if (o.reason() != null) {
                    reasons.merge(o.reason(), 1, Integer::sum);
                    silent += o.silentHomes().size();
                }
            }
        }
        assertEquals(day.openWindow, decided.values().stream().mapToInt(Integer::intValue).sum(),
                "every window but the open one is decided");
        for (Clearing c : Clearing.values()) {
            int n = decided.getOrDefault(c, 0);
            assertEquals(n, sample(text, "neighbourgrid_windows_decided_total{clearing=\"" + c + "\"}"), c.name());
            assertEquals(n, sample(text, "neighbourgrid_window_latency_seconds_count{clearing=\"" + c + "\"}"));
        }
        for (GridOnlyReason reason : GridOnlyReason.values()) {
            assertEquals((double) reasons.getOrDefault(reason, 0), sample(text,
                    "neighbourgrid_windows_grid_only_total{reason=\"" + reason + "\"}"), reason.name());
        }
        HomeRecord home = day.ledger.home(day.silentHome).orElseThrow();
        assertEquals(1, silent);
        assertEquals(1, sample(text, "neighbourgrid_suspensions_total{reason=\"" + home.suspension().reason()
                + "\"}"));
        assertEquals(1, sample(text, "neighbourgrid_homes_suspended"));
        assertEquals(ConsoleDay.HOMES, sample(text, "neighbourgrid_homes_registered"));
        assertEquals(day.openWindow, sample(text, "neighbourgrid_window_latest"));
        assertEquals(1, sample(text, "neighbourgrid_windows_open"));
        assertEquals(1, sample(text, "neighbourgrid_window_phase{phase=\"ROLES\"}"));
        assertEquals(0, sample(text, "neighbourgrid_console_ledger_errors_total"));
    }
}
