package io.neighbourgrid.sim.negotiation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.negotiation.NegotiatedTrade;
import io.neighbourgrid.negotiation.NegotiationCase;
import io.neighbourgrid.negotiation.NegotiationSettings;
import io.neighbourgrid.negotiation.PriceEncoding;
import io.neighbourgrid.sim.EmbeddedLedgerProvider;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the channel sees of a private negotiation: the block log of the embedded ledger is searched for every
 * intermediate pair price (the prices of every iteration but the last, which the market operator records), in the
 * decimal form the contract and the agents use. None may appear; as a control, the recorded final prices must.
 */
class NegotiationLeakageTest {
    @Test
    void theBlockLogHoldsNoIntermediatePairPrice(@TempDir Path dir) throws Exception {
        NegotiationCase c = NegotiationCase.congested();
        ScenarioRun run;
        try (EmbeddedLedgerProvider ledgers = new EmbeddedLedgerProvider(dir.resolve("ledger"), Clock.systemUTC())) {
            run = new NegotiationScenario(c, NegotiationSettings.defaults()).privately(ledgers, 768,
                    new SecureRandom());
        }
        String log = readAll(dir.resolve("ledger"));
        TreeSet<Long> finals = new TreeSet<>();
        for (NegotiatedTrade t : run.result().trades()) {
            finals.add(t.encodedPrice());
        }
        List<Long> intermediate = new ArrayList<>();
        List<double[]> prices = run.result().prices();
        for (int k = 0; k < prices.size() - 1; k++) {
            for (double p : prices.get(k)) {
                long encoded = PriceEncoding.price(p);
                if (!finals.contains(encoded) && Math.abs(encoded) >= 1_000_000L) {
                    intermediate.add(encoded);
                }
            }
        }
        assertTrue(intermediate.size() > 1000, "the run has its intermediate prices: " + intermediate.size());
        List<Long> found = intermediate.stream().filter(v -> log.contains(Long.toString(v))).toList();
        assertEquals(List.of(), found, "intermediate pair prices in the block log");
        for (long f : finals) {
            assertTrue(log.contains(Long.toString(f)), "the recorded price " + f + " is in the log");
        }
    }

    private static String readAll(Path dir) throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                all.write(Files.readAllBytes(f));
                all.write('\n');
            }
        }
        return all.toString(StandardCharsets.ISO_8859_1);
    }
}
