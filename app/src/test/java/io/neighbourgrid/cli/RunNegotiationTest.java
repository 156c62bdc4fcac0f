package io.neighbourgrid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --market negotiation}: seed 002's case end to end through the command line. */
class RunNegotiationTest {
    @Test
    void anUnknownMarketIsAUsageError() {
        MainTest.run("run", "--market", "auction").assertUsageError("--market");
    }

    @Test
    void theNegotiationRunsBothCasesInBothVariantsAndWritesItsReport(@TempDir Path out) throws Exception {
        MainTest.Outcome o = MainTest.run("run", "--market", "negotiation", "--key-bits", "1024", "--in-memory",
                "--quiet", "--out", out.toString());
        assertEquals(Main.OK, o.code(), o.err());
        assertTrue(o.out().contains("congested   private converged true"), o.out());
        JsonObject report = JsonParser.parseString(Files.readString(out.resolve("negotiation.json"),
                StandardCharsets.UTF_8)).getAsJsonObject();
        assertEquals(2, report.getAsJsonArray("cases").size());
        String html = Files.readString(out.resolve("negotiation.html"), StandardCharsets.UTF_8);
        assertTrue(html.contains("<svg") && html.contains("Line flows"), "the report has its plots and flows");
        assertTrue(html.contains("seed Table 3"), "the report compares with the seed's table");
    }
}
