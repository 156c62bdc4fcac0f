package io.neighbourgrid.cli;

import com.google.gson.GsonBuilder;
import io.neighbourgrid.report.RunReport;
import io.neighbourgrid.report.RunSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code run --day}: PEM's evaluation setting (Section VII: 300 homes, 720 one-minute windows, 2048-bit keys), from
 * midnight, and its {@code day.json}: the whole day's wall time with the precomputation in it, the window figures
 * and the comparison with both references. Options given explicitly beside {@code --day} win over the preset.
 */
final class DayPreset {
    static final int HOMES = 300;
    static final int WINDOWS = 720;
    static final int WINDOW_SECONDS = 60;
    static final int KEY_BITS = 2048;
    static final String START = "00:00";
    /** The whole day, precomputation included, on a two-core machine. */
    static final double TARGET_WALL_MINUTES = 20;

    private DayPreset() {
    }

    /** The preset's options, to be parsed before the command line's own (which then override them). */
    static List<String> options() {
        return List.of("--homes", Integer.toString(HOMES), "--windows", Integer.toString(WINDOWS),
                "--window-seconds", Integer.toString(WINDOW_SECONDS), "--key-bits", Integer.toString(KEY_BITS),
                "--start", START);
    }

    /** The arguments with {@code --day}'s preset put first, so that options given beside it override it. */
    static String[] withPreset(String... args) {
        if (!List.of(args).contains("--day")) {
            return args;
        }
        List<String> all = new java.util.ArrayList<>(options());
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    /**
     * Writes {@code day.json} beside the report.
     *
     * @param wallMs the run's wall time from keys to the report, milliseconds
     * @return the file
     */
    static Path write(RunSettings s, RunReport report, double wallMs) throws IOException {
        RunSummary summary = report.summary();
        Map<String, Object> day = new LinkedHashMap<>();
        day.put("homes", s.homes());
        day.put("windows", s.windows());
        day.put("windowSeconds", s.windowSeconds());
        day.put("keyBits", s.keyBits());
        day.put("ledger", s.ledger().name().toLowerCase(java.util.Locale.ROOT));
        day.put("cores", Runtime.getRuntime().availableProcessors());
        day.put("wallSeconds", wallMs / 1e3);
        day.put("precomputationSeconds", summary.precomputationMs() / 1e3);
        day.put("medianWindowLatencyMs", summary.medianWindowLatencyMs().orElse(0));
        day.put("p95WindowLatencyMs", summary.p95WindowLatencyMs().orElse(0));
        day.put("cpuMsPerWindow", report.medianCpuMsPerWindow());
        day.put("bytesPerHomePerWindow", summary.bytesPerHomePerWindow().orElse(0));
        day.put("referenceMismatchedWindows", summary.referenceMismatches());
        day.put("paperReferenceMismatchedWindows", report.paperMismatches());
        day.put("paperReferenceCheckedWindows", report.paperChecked());
        day.put("windowsEqualToReference", summary.referenceMismatches() == 0 && report.paperMismatches() == 0);
        day.put("targetWallMinutes", TARGET_WALL_MINUTES);
        // The target is for PEM's whole day; a shorter run says so instead of claiming it.
        boolean wholeDay = s.homes() >= HOMES && s.windows() >= WINDOWS;
        day.put("wholeDay", wholeDay);
        day.put("withinTarget", wholeDay && wallMs / 60e3 <= TARGET_WALL_MINUTES);
        Path file = s.out().resolve("day.json");
        Files.writeString(file, new GsonBuilder().setPrettyPrinting().create().toJson(day), StandardCharsets.UTF_8);
        return file;
    }
}
