package io.neighbourgrid.chaincode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.market.PackedTotals;
import io.neighbourgrid.market.Role;
import io.neighbourgrid.protocol.args.ContributionArgs;
import io.neighbourgrid.protocol.state.Aggregates;
import io.neighbourgrid.protocol.state.GridOnlyReason;
import io.neighbourgrid.protocol.state.SelectedHomes;
import io.neighbourgrid.protocol.state.WindowPhase;
import io.neighbourgrid.protocol.state.WindowRecord;
import java.math.BigInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Protocol 1 lines 6-9 and Protocol 3 lines 8-9: deciding the market from the comparison and the unpacked totals,
 * and ending with the grid when they are malformed or disagree ({@code market.Pricing}).
 */
class PricingTest {
    private final MarketHarness m = new MarketHarness();

    /** The outcome decided from the comparison and the two proven decryptions. */
    @Nested
    class DecidingTheOutcome {
        private SelectedHomes s;

        /** Runs window 1 with one unselected member contributing {@code cheat} as its packed totals. */
        private WindowRecord withCheatingTotals(Role cheaterRole, Function<Long, PackedTotals> cheat) {
            m.throughRoles(1, MarketHarness.generalMarket());
            s = m.selection(1);
            String cheater = m.unselected(1, cheaterRole);
            long others = 0;
            for (String id : m.members(1)) {
                if (!id.equals(cheater) && m.home(id).input.role() == cheaterRole) {
                    others += Math.abs(m.home(id).input.netEnergy());
                }
            }
            for (String id : m.members(1)) {
                ContributionArgs fields = m.contributionArgs(1, id);
                if (id.equals(cheater)) {
                    BigInteger[] shares = cheat.apply(others).shares(MarketHarness.RANDOM);
                    fields = new ContributionArgs(fields.demandShare(), fields.supplyShare(),
                            m.home(s.responder()).publicKey().encrypt(shares[0], MarketHarness.RANDOM).toBase64(),
                            m.home(s.initiator()).publicKey().encrypt(shares[1], MarketHarness.RANDOM).toBase64());
                }
                m.submit(m.home(id).creator, "submitContribution", "1", fields.toJson());
            }
            m.closeContributions(1);
            m.runComparison(1);
            m.postDecryptions(1);
            return m.window(1);
        }

        @Test
        void aComparisonThatDisagreesWithTheDecryptionsEndsTheWindowWithTheGrid() {
            m.throughContributions(1, MarketHarness.generalMarket());
            s = m.selection(1);
            Aggregates a = m.window(1).aggregation().aggregates();
            // The parties swap their inputs, so the comparison says "supply at or above demand".
            m.postComparison(1, m.comparisonMessages(1, m.decryptAggregate(s.responder(), a.demandShare()),
                    m.decryptAggregate(s.initiator(), a.supplyShare())));
            assertFalse(m.window(1).supplyBelowDemand());
            m.postDecryptions(1);
            WindowRecord w = m.window(1);
            assertEquals(WindowPhase.GRID_ONLY, w.phase());
            assertEquals(GridOnlyReason.COMPARISON_MISMATCH, w.outcome().reason());
            assertNotNull(w.outcome().supply());
        }

        @Test
        void aTotalNoHonestCoalitionProducesEndsTheWindowWithTheGrid() {
            // A demand that cancels every other buyer's: E_b = 0 although three buyers take part.
            WindowRecord w = withCheatingTotals(Role.BUYER, others -> new PackedTotals(0, 0, 0, -others));
            assertEquals(WindowPhase.GRID_ONLY, w.phase());
            assertEquals(GridOnlyReason.MALFORMED_TOTALS, w.outcome().reason());
            assertTrue(w.outcome().detail().contains("E_b = 0"), w.outcome().detail());
            assertEquals(0L, w.outcome().demand());
        }

        @Test
        void totalsThatDoNotUnpackEndTheWindowWithTheGrid() {
            // A slot total beyond 64 bits can only come from a contribution that is not a packed (sn, k, d, |sn|) of
            // an honest home: here one seller claims the largest supply a slot entry can hold.
            WindowRecord w = withCheatingTotals(Role.SELLER, others -> new PackedTotals(Long.MAX_VALUE, 1, 1, 0));
            assertEquals(WindowPhase.GRID_ONLY, w.phase());
            assertEquals(GridOnlyReason.MALFORMED_TOTALS, w.outcome().reason());
            assertTrue(w.outcome().detail().contains("not a packed sum of 6 contributions"), w.outcome().detail());
            assertNull(w.outcome().supply());
        }
    }
}
