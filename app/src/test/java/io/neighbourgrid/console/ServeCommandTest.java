package io.neighbourgrid.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.neighbourgrid.agent.MarketClient;
import io.neighbourgrid.cli.Main;
import io.neighbourgrid.ledger.Ledger;
import io.neighbourgrid.market.MarketParameters;
import io.neighbourgrid.protocol.state.MarketConfig;
import io.neighbourgrid.sim.EmbeddedLedgerProvider;
import io.neighbourgrid.sim.SimulationClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code serve} command: its usage errors, and a console over a ledger a run left on disk. */
class ServeCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "serve";
        System.arraycopy(args, 0, all, 1, args.length);
        return Main.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void badUsageExitsWith2AndSaysWhy() {
        assertEquals(2, run("--bogus", "1"));
        assertTrue(err().contains("--bogus"), err());
        assertTrue(err().contains("see --help"), err());
        assertEquals(2, run("--ledger", "paper"));
        assertTrue(err().contains("--ledger"), err());
        assertEquals(2, run("--port", "http"));
        assertEquals(2, run("--port", "70000"));
        assertEquals(2, run("--port"));
        assertEquals(2, run("--connection", "x.json"));
        assertTrue(err().contains("--connection is for --ledger fabric"), err());
    }

    @Test
    void helpPrintsTheUsage() {
        assertEquals(0, run("--help"));
        String help = out.toString(StandardCharsets.UTF_8);
        for (String option : new String[] {"--port", "--host", "--ledger", "--out", "--connection", "--first-window",
                "--poll-ms"}) {
            assertTrue(help.contains(option), option + " missing from: " + help);
        }
    }

    @Test
    void aMissingEmbeddedLedgerIsRefusedAndNotCreated(@TempDir Path dir) {
        assertEquals(2, run("--out", dir.toString(), "--port", "0"));
        assertTrue(err().contains("no embedded ledger in " + dir.resolve("ledger")), err());
        assertFalse(Files.exists(dir.resolve("ledger")), "the command created a ledger");
    }

    @Test
    void aMissingFabricConnectionDescriptionFails(@TempDir Path dir) {
        assertEquals(1, run("--ledger", "fabric", "--connection", dir.resolve("none.json").toString()));
        assertTrue(err().contains("no Fabric connection description"), err());
    }

    @Test
    void servesALedgerARunLeftBehindAndLeavesItAsItWas(@TempDir Path dir) throws Exception {
        Path ledgerDir = dir.resolve("ledger");
        SimulationClock clock = new SimulationClock(Instant.parse("2026-03-02T07:00:00Z"));
        try (EmbeddedLedgerProvider provider = new EmbeddedLedgerProvider(ledgerDir, clock);
             Ledger operator = provider.connectOperator()) {
            MarketClient market = new MarketClient(operator, provider.channel());
            market.configureMarket(MarketConfig.of(MarketParameters.defaults(), 1024, 60));
            for (long t = 0; t < 3; t++) {
                market.openWindow(t);
            }
        }
        Map<String, String> before = digests(ledgerDir);

        ConsoleServer console = ConsoleLauncher.start(new ConsoleLauncher.Request(0, "127.0.0.1", false, dir,
                        dir.resolve("connection.json"), 0, java.time.Duration.ofSeconds(1)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("operator console: http://127.0.0.1:"
                    + console.port() + "/"), out.toString(StandardCharsets.UTF_8));
            HttpClient http = HttpClient.newHttpClient();
            JsonObject status = JsonParser.parseString(http.send(HttpRequest.newBuilder(console.uri()
                    .resolve("/api/status")).build(), HttpResponse.BodyHandlers.ofString()).body()).getAsJsonObject();
            assertEquals(2, status.getAsJsonObject("current").get("window").getAsLong());
            assertEquals("ROLES", status.getAsJsonObject("current").get("phase").getAsString());
            assertTrue(status.get("ledger").getAsString().contains(ledgerDir.toString()), status.toString());
            JsonObject market = JsonParser.parseString(http.send(HttpRequest.newBuilder(console.uri()
                    .resolve("/api/market")).build(), HttpResponse.BodyHandlers.ofString()).body()).getAsJsonObject();
            assertEquals(0, market.get("homes").getAsInt());
            assertEquals(1024, market.getAsJsonObject("config").get("keyBits").getAsInt());
            HttpResponse<String> audit = http.send(HttpRequest.newBuilder(console.uri().resolve("/api/audit/1"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, audit.statusCode(), audit.body());
        } finally {
            console.close();
        }
        assertEquals(before, digests(ledgerDir), "the console changed the ledger's files");
        // Closed: the ledger can be opened again by a run.
        try (EmbeddedLedgerProvider again = new EmbeddedLedgerProvider(ledgerDir, clock)) {
            assertTrue(again.ledger().engine().verifyChain().blockCount() > 3);
        }
    }

    private static Map<String, String> digests(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                try {
                    out.put(dir.relativize(p).toString(), HexFormat.of().formatHex(MessageDigest
                            .getInstance("SHA-256").digest(Files.readAllBytes(p))));
                } catch (java.security.NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return out;
    }
}
