package io.neighbourgrid.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.audit.AuditReport;
import io.neighbourgrid.audit.Auditor;
import io.neighbourgrid.billing.BillingClient;
import io.neighbourgrid.embedded.EmbeddedChainEvidence;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.market.HomeSettlement;
import io.neighbourgrid.market.MarketParameters;
import io.neighbourgrid.market.Role;
import io.neighbourgrid.partners.PartnerClient;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.billing.state.PartnerBill;
import io.neighbourgrid.protocol.partners.Agreement;
import io.neighbourgrid.protocol.partners.AgreementKind;
import io.neighbourgrid.protocol.partners.AgreementStatus;
import io.neighbourgrid.protocol.partners.AgreementTerms;
import io.neighbourgrid.protocol.partners.PartnerClearing;
import io.neighbourgrid.protocol.partners.PartnerTransfer;
import io.neighbourgrid.report.PartnersReport;
import io.neighbourgrid.report.RunReport;
import io.neighbourgrid.report.WindowReport;
import io.neighbourgrid.sim.bids.Bidding;
import io.neighbourgrid.sim.data.CommunityDay;
import io.neighbourgrid.sim.data.SyntheticCommunity;
import io.neighbourgrid.sim.partners.PartnerBilling;
import io.neighbourgrid.sim.partners.PartnerDay;
import io.neighbourgrid.sim.partners.PartnerOptions;
import io.neighbourgrid.testing.TestKeys;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Partner agreements and donations on a replayed day ({@link PartnerDay}, {@link PartnerOptions}). */
class PartnerDayTest {
    private static final CommunityDay DAY = SyntheticCommunity.builder().homes(8).windows(4).windowSeconds(900)
            .startTime(LocalTime.of(12, 0)).seed(3).build().generate();

    @Nested
    class Options {
        @Test
        void salesAndDonationsParseWithTheirDefaults() {
            PartnerOptions.Sales s = PartnerOptions.Sales.parse("2:100.5:0.25");
            assertEquals(2, s.pairs());
            assertEquals(100_500_000L, s.price());
            assertEquals(250_000L, s.sharePpm());
            assertEquals("2:100.5:0.25", s.label());
            assertEquals(0, PartnerOptions.Sales.parse("1:95").sharePpm());
            PartnerOptions.Donations d = PartnerOptions.Donations.parse("3:home-008");
            assertEquals("home-008", d.recipient());
            assertEquals(0, d.sharePpm());
        }

        @Test
        void badValuesAreRejectedNamingWhatIsWrong() {
            IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                    () -> PartnerOptions.Sales.parse("1:-5"));
            assertTrue(negative.getMessage().startsWith(ErrorCode.NEGATIVE_PARTNER_PRICE.name()));
            assertThrows(IllegalArgumentException.class, () -> PartnerOptions.Sales.parse("1:0"));
            assertThrows(IllegalArgumentException.class, () -> PartnerOptions.Sales.parse("0:100"));
            assertThrows(IllegalArgumentException.class, () -> PartnerOptions.Sales.parse("x:100"));
            assertThrows(IllegalArgumentException.class, () -> PartnerOptions.Sales.parse("1:100:1.5"));
            assertThrows(IllegalArgumentException.class, () -> PartnerOptions.Sales.parse("1:100.0000001"));
            assertThrows(IllegalArgumentException.class, () -> PartnerOptions.Donations.parse("1:no home!"));
            assertThrows(IllegalArgumentException.class, () -> PartnerOptions.Donations.parse("1"));
            assertThrows(IllegalArgumentException.class, () -> PartnerOptions.choose(DAY, 4,
                    PartnerOptions.Sales.parse("5:100"), null));
            assertThrows(IllegalArgumentException.class, () -> PartnerOptions.choose(DAY, 4, null,
                    PartnerOptions.Donations.parse("8:home-001")));
            assertThrows(IllegalArgumentException.class, () -> PartnerOptions.choose(DAY, 4, null,
                    PartnerOptions.Donations.parse("1:nobody")));
        }

        @Test
        void frequentSellersArePairedWithFrequentBuyersAndNeverWithThemselves() {
            List<AgreementTerms> terms = PartnerOptions.choose(DAY, 4, PartnerOptions.Sales.parse("3:100"),
                    PartnerOptions.Donations.parse("2:home-001"));
            assertEquals(5, terms.size());
            Set<String> homes = new HashSet<>();
            for (AgreementTerms t : terms.subList(0, 3)) {
                assertTrue(homes.add(t.seller()) && homes.add(t.partner()), "pairs share no home: " + terms);
            }
            for (AgreementTerms t : terms.subList(3, 5)) {
                assertEquals(AgreementKind.DONATION, t.kind());
                assertEquals("home-001", t.partner());
            }
        }
    }

    /** One sale pair at 100 cents/kWh and one donor giving half of its market sale to a recipient. */
    private record SaleAndDonation(List<AgreementTerms> terms, String recipient, PartnerDay partners) {
        static SaleAndDonation of() {
            PartnerOptions.Sales sales = PartnerOptions.Sales.parse("1:100:0.5");
            List<AgreementTerms> sale = PartnerOptions.choose(DAY, 4, sales, null);
            String recipient = DAY.homes().stream().map(h -> h.homeId())
                    .filter(id -> !sale.get(0).party(id)).reduce((a, b) -> b).orElseThrow();
            PartnerOptions.Donations donations = new PartnerOptions.Donations(1, recipient, 500_000);
            List<AgreementTerms> terms = PartnerOptions.choose(DAY, 4, sales, donations);
            MarketParameters params = MarketParameters.defaults().withWindowSeconds(DAY.windowSeconds());
            return new SaleAndDonation(terms, recipient, new PartnerDay(terms, sales, donations, params));
        }
    }

    /**
     * One sale pair at 100 cents/kWh and one donor giving half of its market sale to a recipient, on the ledger and
     * cleared after every window; then the sale is revoked.
     */
    @Test
    void aDayWithAPartnerAndADonationBalancesAndLeavesTheMarketAsRecorded(@TempDir Path dir) throws Exception {
        SaleAndDonation day = SaleAndDonation.of();
        List<AgreementTerms> terms = day.terms();
        String recipient = day.recipient();
        PartnerDay partners = day.partners();
        List<Agreement> afterRevocation = new ArrayList<>();
        RunReport report = SimulatorTest.run(DAY, dir.resolve("ledger"), 4, config -> Bidding.realised(DAY, config),
                simulator -> simulator.withPartners(partners), community -> {
                    AgreementTerms t = terms.get(0);
                    PartnerClient seller = new PartnerClient(community.agent(t.seller()).client().ledger());
                    List<Agreement> listed = seller.agreements(t.seller());
                    assertTrue(listed.stream().allMatch(a -> a.status() == AgreementStatus.ACTIVE), listed.toString());
                    String id = partners.agreements().get(0).id();
                    for (long w = 0; w < 4; w++) {
                        assertTrue(seller.transfer(id, w).confirmed(), "both parties committed to window " + w);
                    }
                    PartnerClient outsider = new PartnerClient(community.agent(recipient).client().ledger());
                    LedgerException e = assertThrows(LedgerException.class, () -> outsider.revoke(id));
                    assertTrue(e.is(ErrorCode.NOT_A_PARTY), e.getMessage());
                    new PartnerClient(community.agent(t.partner()).client().ledger()).revoke(id);
                    afterRevocation.addAll(seller.agreements(t.seller()));
                });
        SimulatorTest.assertMatchesReferenceAndBalances(report);
        PartnersReport p = report.partners().orElseThrow();
        assertEquals(2, p.agreements().size());
        assertEquals(2 * 4, p.statements(), "one statement per agreement and window, zero ones included");
        assertTrue(p.energyMoved() > 0, "the agreements moved energy");
        assertTrue(p.moneyBalanced(), "what one home pays the other receives");
        assertTrue(p.grid().netUnchanged(), "the substation's net exchange is unchanged");
        assertTrue(p.grid().importWith() <= p.grid().importWithout());

        // Never more than the seller's surplus and share, nor more than the partner's need, over the day.
        Map<String, Long> offered = new HashMap<>();
        Map<String, Long> needed = new HashMap<>();
        for (WindowReport w : report.windows()) {
            for (HomeSettlement s : w.settlements()) {
                long market = w.price().isPresent() ? s.marketEnergy() : 0;
                offered.merge(s.homeId(), s.gridExport() + (s.role() == Role.SELLER ? market : 0), Long::sum);
                needed.merge(s.homeId(), s.gridImport() + (s.role() == Role.BUYER ? market : 0), Long::sum);
            }
        }
        for (PartnersReport.AgreementTotals a : p.agreements()) {
            long moved = a.gridEnergy() + a.marketEnergy();
            assertTrue(moved <= offered.get(a.seller()) && moved <= needed.get(a.partner()), a.toString());
        }
        PartnersReport.AgreementTotals donation = p.agreements().get(1);
        assertEquals(AgreementKind.DONATION, donation.kind());
        PartnersReport.HomeTotals hospital = p.homes().stream().filter(h -> h.homeId().equals(recipient))
                .findFirst().orElseThrow();
        assertEquals(0, hospital.moneyOut(), "the recipient pays nothing for what it is given");
        assertEquals(-donation.money(), hospital.moneyIn(), "it is refunded the market price of the donated share");
        assertEquals(donation.marketEnergy() + donation.gridEnergy(), hospital.energyIn());

        // Revoked on the ledger: a window settled from the revocation on no longer clears the sale.
        Agreement revoked = afterRevocation.stream().filter(a -> a.status() == AgreementStatus.REVOKED).findFirst()
                .orElseThrow();
        assertEquals(terms.get(0).partner(), revoked.revokedBy());
        WindowReport last = report.windows().get(report.windows().size() - 1);
        List<Agreement> ledger = new ArrayList<>(afterRevocation);
        ledger.add(partners.agreements().get(1)); // listed again: clearing counts an agreement once
        List<PartnerTransfer> later = PartnerClearing.clear(last.index(), Instant.parse(revoked.revokedAt()),
                last.price(), last.settlements(), ledger);
        assertFalse(later.stream().anyMatch(t -> t.agreementId().equals(revoked.id())));
        List<PartnerTransfer> before = PartnerClearing.clear(last.index(), Instant.parse(revoked.revokedAt())
                        .minusNanos(1),
                last.price(), last.settlements(), ledger);
        assertTrue(before.stream().anyMatch(t -> t.agreementId().equals(revoked.id())), "in force until revoked");
        assertEquals(later.stream().filter(t -> t.kind() == AgreementKind.DONATION).toList(),
                before.stream().filter(t -> t.kind() == AgreementKind.DONATION).toList(),
                "the donation is cleared as before");
    }

    /**
     * The same day billed: every party of an agreement records its partner lines of each window under the billing
     * key, and the billing party posts them beside its bill; each home finds the sum of what it kept.
     */
    @Test
    void thePartnersLinesGoOnTheBillsAsEachHomeKeptThem(@TempDir Path dir) throws Exception {
        SaleAndDonation day = SaleAndDonation.of();
        List<AgreementTerms> terms = day.terms();
        PartnerDay partners = day.partners();
        Set<String> parties = new HashSet<>();
        terms.forEach(t -> parties.addAll(List.of(t.seller(), t.partner())));
        DayBilling.Summary[] billed = new DayBilling.Summary[1];
        SimulatorTest.run(DAY, dir.resolve("ledger"), 4, config -> Bidding.realised(DAY, config),
                simulator -> simulator.withPartners(partners), community -> {
                    billed[0] = DayBilling.run(community, DAY, null, 4, TestKeys.paillier(1024, 0),
                            new DayBilling.Options(0, 1, 2), partners);
                    BillingClient ledger = new BillingClient(community.operator().client().ledger(),
                            community.provider().channel());
                    for (String home : parties) {
                        PartnerBill bill = ledger.partnerBill(home, 0, 3).orElseThrow();
                        assertEquals(4, bill.recorded(), home);
                        assertEquals(List.of(), bill.missing(), home);
                    }
                    String outsider = DAY.homes().stream().map(h -> h.homeId()).filter(id -> !parties.contains(id))
                            .findFirst().orElseThrow();
                    assertTrue(ledger.partnerBill(outsider, 0, 3).isEmpty());
                    assertTrue(ledger.partnerLines(outsider, 0, 3).isEmpty());
                    // An auditor recomputes every partner bill from the ledger and checks its proof.
                    Auditor auditor = new Auditor(community.operator().client(), ledger, new EmbeddedChainEvidence(
                            ((EmbeddedLedgerProvider) community.provider()).ledger().engine()));
                    for (String home : parties) {
                        AuditReport audit = auditor.auditHome(home, 0, 3);
                        assertTrue(audit.passed(), audit.toString());
                        assertEquals(3, audit.findings().stream().filter(f -> f.check().startsWith("partner lines ")
                                && !f.failed()).count(), audit.toString());
                    }
                });
        PartnerBilling.Result result = billed[0].partners();
        assertEquals(parties.size(), result.bills());
        assertEquals(parties.size() * 4, result.records(), "every party records every window, zeros included");
        assertEquals(result.bills(), result.matching(), "every partner bill is the sum of what its home kept");
        assertEquals(billed[0].bills(), billed[0].billsVerified());
    }
}
