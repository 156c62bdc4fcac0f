package io.neighbourgrid.privacy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.protocol.ecoin.Coin;
import io.neighbourgrid.sim.EmbeddedLedgerProvider;
import io.neighbourgrid.sim.SimulationClock;
import io.neighbourgrid.sim.ecoin.EcoinDay;
import io.neighbourgrid.sim.ecoin.EcoinDayResult;
import io.neighbourgrid.sim.ecoin.EcoinDaySettings;
import io.neighbourgrid.sim.ecoin.MicrogridProfiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The e-coin privacy claim checked on the ledger of a simulated day, as the substation (or any peer) reads it:
 * every block of the day is split into its transactions, each with its signer, and searched for every value each
 * meter put into its unidentified messages (offer and request ids, one-time keys, the coins it paid and received,
 * the blinded messages of its fresh coins). No transaction that carries such a value may be signed by that meter's
 * own identity or name the meter; and no coin a meter deposited (identified) may appear in an unidentified
 * transaction. Positive controls check that the search finds each meter's values on the ledger, and finds the
 * link it is looking for where the protocol makes one on purpose (a meter's identified deposits).
 */
class EcoinUnlinkabilityScanTest {
    /** One transaction of a block: its label, its signer's certificate hash and all its bytes as text. */
    record Tx(String label, String signer, String text) {
    }

    @Test
    void theLedgerOfADayLinksNoOfferRequestOrCoinToAMeter(@TempDir Path dir) throws Exception {
        LocalDateTime day = LocalDateTime.of(2026, 6, 1, 0, 0);
        SimulationClock clock = new SimulationClock(day.toInstant(ZoneOffset.UTC));
        EcoinDayResult result;
        try (EmbeddedLedgerProvider provider = new EmbeddedLedgerProvider(dir.resolve("ledger"), clock)) {
            result = EcoinDay.run(provider, clock, day, MicrogridProfiles.generated(15, 2),
                    EcoinDaySettings.defaults().withSlotStride(8));
        }
        List<Tx> txs = transactions(dir.resolve("ledger").resolve("blocks.log"));
        assertTrue(txs.size() > 100, "the day wrote " + txs.size() + " transactions");
        for (EcoinDayResult.MeterOutcome m : result.meters()) {
            int found = 0;
            for (Tx tx : txs) {
                boolean carries = m.trail().unidentifiedValues().stream().anyMatch(tx.text()::contains);
                if (carries) {
                    found++;
                    assertNotEquals(m.certificateHash(), tx.signer(), tx.label() + " carries a value of "
                            + m.meterId() + "'s unidentified messages and is signed by its own identity");
                    assertFalse(tx.text().contains(m.meterId()), tx.label() + " carries a value of " + m.meterId()
                            + "'s unidentified messages and names the meter");
                    assertTrue(tx.signer().equals(result.sharedIdentity()) || !isMeter(result, tx.signer()),
                            tx.label() + " carries a meter's unidentified value under a meter's identity");
                }
                if (tx.signer().equals(result.sharedIdentity())) {
                    for (String coin : m.trail().depositedCoins()) {
                        assertFalse(tx.text().contains(coin), tx.label() + " (unidentified) carries coin " + coin
                                + " that " + m.meterId() + " deposited");
                    }
                }
            }
            assertTrue(found > 0, "the scan found none of " + m.meterId() + "'s values: it searches the wrong text");
            boolean depositSeen = txs.stream().anyMatch(tx -> tx.signer().equals(m.certificateHash())
                    && m.trail().depositedCoins().stream().anyMatch(tx.text()::contains));
            assertTrue(depositSeen, "the scan does not see " + m.meterId() + "'s identified deposits: it would miss "
                    + "a link");
        }
        assertTrue(txs.stream().anyMatch(t -> t.signer().equals(result.sharedIdentity())));
    }

    private static boolean isMeter(EcoinDayResult result, String signer) {
        return result.meters().stream().anyMatch(m -> m.certificateHash().equals(signer));
    }

    /** Every transaction of every block, with its signer's certificate hash. */
    static List<Tx> transactions(Path log) throws Exception {
        List<Tx> out = new ArrayList<>();
        for (BlockLog.LoggedBlock block : BlockLog.read(log)) {
            Map<String, List<BlockLog.Field>> byTx = new TreeMap<>();
            for (BlockLog.Field f : block.fields()) {
                if (f.label().startsWith("tx ")) {
                    String tx = f.label().substring(0, f.label().indexOf(' ', 3));
                    byTx.computeIfAbsent(tx, k -> new ArrayList<>()).add(f);
                }
            }
            for (Map.Entry<String, List<BlockLog.Field>> e : byTx.entrySet()) {
                List<BlockLog.Field> fields = e.getValue();
                String signer = "";
                for (BlockLog.Field f : fields) {
                    if (f.label().endsWith("creator certificate")) {
                        byte[] cert = Arrays.copyOfRange(block.encoding(), f.start(), f.end());
                        signer = Coin.hashOf(cert);
                    }
                }
                int start = fields.get(0).start();
                int end = fields.get(fields.size() - 1).end();
                String text = new String(Arrays.copyOfRange(block.encoding(), start, end), StandardCharsets.ISO_8859_1);
                out.add(new Tx("block " + block.number() + " " + e.getKey(), signer, text));
            }
        }
        return out;
    }
}
