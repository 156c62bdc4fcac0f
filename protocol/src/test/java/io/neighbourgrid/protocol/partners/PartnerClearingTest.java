package io.neighbourgrid.protocol.partners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.market.HomeSettlement;
import io.neighbourgrid.market.MarketMath;
import io.neighbourgrid.market.MarketParameters;
import io.neighbourgrid.market.Scales;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@link PartnerClearing} and {@link PartnerLines}: bounds, donations, balances and agreements not in force. */
class PartnerClearingTest {
    private static final MarketParameters PARAMS = MarketParameters.defaults();
    private static final Instant T0 = Instant.parse("2026-03-02T07:00:00Z");
    private static final Instant SETTLED = T0.plusSeconds(600);
    private static final long KWH = Scales.ENERGY;
    private static final long P = 100 * Scales.PRICE;

    private static Agreement active(String id, AgreementTerms terms, Instant acceptedAt) {
        return Agreement.proposed(id, terms, terms.seller(), T0).accepted(acceptedAt);
    }

    private static HomeSettlement grid(String id, long net) {
        return HomeSettlement.gridOnly(id, net, PARAMS);
    }

    private static long sum(List<PartnerLines> lines, java.util.function.ToLongFunction<PartnerLines> f) {
        return lines.stream().mapToLong(f).sum();
    }

    @Nested
    class GridEnergy {
        @Test
        void theSellersSurplusGoesToItsPartnerUpToThePartnersNeed() {
            List<HomeSettlement> homes = List.of(grid("alice", 3 * KWH), grid("bob", -2 * KWH));
            Agreement a = active("a1", AgreementTerms.sale("alice", "bob", P, 0), T0);
            List<PartnerTransfer> t = PartnerClearing.clear(0, SETTLED, OptionalLong.empty(), homes, List.of(a));
            assertEquals(1, t.size());
            assertEquals(2 * KWH, t.get(0).gridEnergy(), "bounded by bob's need");
            assertEquals(200 * Scales.MONEY, t.get(0).money());
            PartnerLines alice = PartnerLines.of("alice", t);
            PartnerLines bob = PartnerLines.of("bob", t);
            // alice: 2 kWh at 100 instead of 80, 1 kWh still at 80; bob: 2 kWh at 100 instead of 120.
            assertEquals(280 * Scales.MONEY, alice.balance(homes.get(0), PARAMS));
            assertEquals(-200 * Scales.MONEY, bob.balance(homes.get(1), PARAMS));
        }

        @Test
        void aSmallSurplusIsAllThatMoves() {
            List<HomeSettlement> homes = List.of(grid("alice", KWH / 2), grid("bob", -4 * KWH));
            List<PartnerTransfer> t = PartnerClearing.clear(0, SETTLED, OptionalLong.empty(), homes,
                    List.of(active("a1", AgreementTerms.sale("alice", "bob", P, 0), T0)));
            assertEquals(KWH / 2, t.get(0).energy(), "bounded by alice's surplus");
        }

        @Test
        void aDonationCostsTheRecipientNothing() {
            List<HomeSettlement> homes = List.of(grid("alice", 3 * KWH), grid("hospital", -2 * KWH));
            List<PartnerTransfer> t = PartnerClearing.clear(0, SETTLED, OptionalLong.empty(), homes,
                    List.of(active("d1", AgreementTerms.donation("alice", "hospital", 0), T0)));
            assertEquals(2 * KWH, t.get(0).energy());
            assertEquals(0, t.get(0).money());
            PartnerLines h = PartnerLines.of("hospital", t);
            assertEquals(0, h.moneyOut());
            assertEquals(0, h.balance(homes.get(1), PARAMS), "the hospital's need was covered for free");
            assertEquals(80 * Scales.MONEY, PartnerLines.of("alice", t).balance(homes.get(0), PARAMS),
                    "alice gives up the feed-in price on what she gave");
        }
    }

    @Nested
    class MarketEnergy {
        /** A general market at price P: alice sold 2 kWh, bob bought 1 kWh of his 3 kWh need. */
        private final List<HomeSettlement> homes = List.of(
                HomeSettlement.inMarket("alice", 2 * KWH, 2 * KWH, P, PARAMS),
                HomeSettlement.inMarket("bob", -3 * KWH, KWH, P, PARAMS));

        @Test
        void aShareOfTheMarketSaleIsBoughtAtTheAgreementsPriceUpToWhatThePartnerBought() {
            List<PartnerTransfer> t = PartnerClearing.clear(0, SETTLED, OptionalLong.of(P), homes,
                    List.of(active("a1", AgreementTerms.sale("alice", "bob", 105 * Scales.PRICE, 1_000_000), T0)));
            assertEquals(0, t.get(0).gridEnergy(), "alice exported nothing to the grid");
            assertEquals(KWH, t.get(0).marketEnergy(), "bob bought only 1 kWh in the market");
            assertEquals(5 * Scales.MONEY, t.get(0).marketAdjustment());
        }

        @Test
        void aDonatedShareRefundsTheMarketPrice() {
            List<PartnerTransfer> t = PartnerClearing.clear(0, SETTLED, OptionalLong.of(P), homes,
                    List.of(active("d1", AgreementTerms.donation("alice", "bob", 250_000), T0)));
            assertEquals(KWH / 2, t.get(0).marketEnergy(), "a quarter of alice's 2 kWh");
            assertEquals(-50 * Scales.MONEY, t.get(0).money());
            assertEquals(50 * Scales.MONEY, PartnerLines.of("bob", t).moneyIn());
        }
    }

    @Nested
    class AgreementsNotInForce {
        private final List<HomeSettlement> homes = List.of(grid("alice", 3 * KWH), grid("bob", -2 * KWH));

        @Test
        void revokedProposedAndLaterAgreementsAreNotApplied() {
            AgreementTerms terms = AgreementTerms.sale("alice", "bob", P, 0);
            Agreement revoked = active("r", terms, T0).revoked("bob", SETTLED.minusSeconds(1));
            Agreement proposed = Agreement.proposed("p", terms, "alice", T0);
            Agreement later = active("l", terms, SETTLED.plusSeconds(1));
            assertTrue(PartnerClearing.clear(0, SETTLED, OptionalLong.empty(), homes,
                    List.of(revoked, proposed, later)).isEmpty());
            Agreement revokedAfter = active("r2", terms, T0).revoked("bob", SETTLED.plusSeconds(1));
            assertEquals(1, PartnerClearing.clear(0, SETTLED, OptionalLong.empty(), homes,
                    List.of(revokedAfter)).size(), "revoked after the window: the window stays cleared");
        }

        @Test
        void anAgreementListedTwiceIsClearedOnce() {
            Agreement a = active("a", AgreementTerms.sale("alice", "bob", P, 0), T0);
            List<PartnerTransfer> t = PartnerClearing.clear(0, SETTLED, OptionalLong.empty(), homes, List.of(a, a));
            assertEquals(1, t.size());
            assertEquals(2 * KWH, t.get(0).energy());
        }

        @Test
        void rolesMustMatch() {
            Agreement reversed = active("a", AgreementTerms.sale("bob", "alice", P, 0), T0);
            assertTrue(PartnerClearing.clear(0, SETTLED, OptionalLong.empty(), homes, List.of(reversed)).isEmpty());
        }
    }

    @Nested
    class Conservation {
        @Test
        void randomCommunitiesNeverMoveMoreThanSurplusOrNeedAndAlwaysBalance() {
            Random random = new Random(7);
            for (int round = 0; round < 300; round++) {
                int n = 2 + random.nextInt(6);
                boolean market = random.nextBoolean();
                List<HomeSettlement> homes = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    long net = (random.nextInt(9) - 4) * KWH / 2 + random.nextInt(1000);
                    long amount = Math.abs(net);
                    homes.add(market && net != 0
                            ? HomeSettlement.inMarket("h" + i, net, amount * random.nextInt(101) / 100, P, PARAMS)
                            : grid("h" + i, net));
                }
                List<Agreement> agreements = new ArrayList<>();
                for (int k = 0; k < 2 * n; k++) {
                    int s = random.nextInt(n);
                    int b = random.nextInt(n);
                    if (s == b) {
                        continue;
                    }
                    AgreementTerms terms = random.nextBoolean()
                            ? AgreementTerms.sale("h" + s, "h" + b, (80 + random.nextInt(41)) * Scales.PRICE,
                            random.nextInt(1_000_001))
                            : AgreementTerms.donation("h" + s, "h" + b, random.nextInt(1_000_001));
                    agreements.add(active("a" + k, terms, T0.plusSeconds(random.nextInt(100))));
                }
                List<PartnerTransfer> t = PartnerClearing.clear(round, SETTLED,
                        market ? OptionalLong.of(P) : OptionalLong.empty(), homes, agreements);
                List<PartnerLines> lines = new ArrayList<>();
                long before = 0;
                long after = 0;
                long exportBefore = 0;
                long importBefore = 0;
                long exportAfter = 0;
                long importAfter = 0;
                for (HomeSettlement h : homes) {
                    PartnerLines l = PartnerLines.of(h.homeId(), t);
                    lines.add(l);
                    assertTrue(l.gridExportAvoided() <= h.gridExport(), "never more than the surplus");
                    assertTrue(l.gridImportAvoided() <= h.gridImport(), "never more than the need");
                    long marketOut = l.energyOut() - l.gridExportAvoided();
                    long marketIn = l.energyIn() - l.gridImportAvoided();
                    assertTrue(marketOut <= (h.role() == io.neighbourgrid.market.Role.SELLER && market
                            ? h.marketEnergy() : 0), "never more than the market sale");
                    assertTrue(marketIn <= (h.role() == io.neighbourgrid.market.Role.BUYER && market
                            ? h.marketEnergy() : 0), "never more than the market purchase");
                    before += h.balance();
                    after += l.balance(h, PARAMS);
                    exportBefore += h.gridExport();
                    importBefore += h.gridImport();
                    exportAfter += h.gridExport() - l.gridExportAvoided();
                    importAfter += h.gridImport() - l.gridImportAvoided();
                }
                assertEquals(sum(lines, PartnerLines::moneyIn), sum(lines, PartnerLines::moneyOut),
                        "what one pays the other receives");
                assertEquals(sum(lines, PartnerLines::energyOut), sum(lines, PartnerLines::energyIn));
                assertEquals(exportBefore - importBefore, exportAfter - importAfter,
                        "the substation's net grid exchange is unchanged");
                long moved = t.stream().mapToLong(PartnerTransfer::gridEnergy).sum();
                assertEquals(exportBefore - moved, exportAfter);
                for (PartnerTransfer x : t) {
                    if (x.kind() == AgreementKind.DONATION) {
                        assertTrue(x.money() <= 0, "a recipient never pays");
                    }
                }
                // Partner money nets out: the community gains exactly what the grid no longer nets from it.
                long gridLoss = 0;
                for (int i = 0; i < homes.size(); i++) {
                    HomeSettlement h = homes.get(i);
                    PartnerLines l = lines.get(i);
                    gridLoss += MarketMath.money(h.gridImport(), PARAMS.retailPrice())
                            - MarketMath.money(h.gridImport() - l.gridImportAvoided(), PARAMS.retailPrice())
                            - MarketMath.money(h.gridExport(), PARAMS.feedInPrice())
                            + MarketMath.money(h.gridExport() - l.gridExportAvoided(), PARAMS.feedInPrice());
                }
                assertEquals(gridLoss, after - before);
            }
        }
    }
}
