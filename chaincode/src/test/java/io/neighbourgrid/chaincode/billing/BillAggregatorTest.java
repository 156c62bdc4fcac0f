package io.neighbourgrid.chaincode.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.neighbourgrid.crypto.ValueOutOfRangeException;
import io.neighbourgrid.crypto.paillier.PaillierKeyPair;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.market.Clearing;
import io.neighbourgrid.market.Role;
import io.neighbourgrid.market.Scales;
import io.neighbourgrid.protocol.billing.BillAggregator;
import io.neighbourgrid.protocol.billing.BillLayout;
import io.neighbourgrid.protocol.billing.DeviationRule;
import io.neighbourgrid.protocol.billing.ExpectedBill;
import io.neighbourgrid.protocol.billing.OwnRecord;
import io.neighbourgrid.protocol.billing.state.BillLines;
import io.neighbourgrid.protocol.billing.state.BillingWindow;
import io.neighbourgrid.protocol.billing.state.MeterReport;
import io.neighbourgrid.protocol.billing.state.SettlementRecord;
import io.neighbourgrid.protocol.billing.state.Submitter;
import io.neighbourgrid.protocol.billing.state.WindowTerms;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The deviation rule, the bill layout and the homomorphic bill against its plaintext reference. */
class BillAggregatorTest {
    private static final long PS = 120 * Scales.PRICE;
    private static final long PB = 80 * Scales.PRICE;

    @Nested
    class DeviationSplitting {
        /** Committed 5 kWh sold at p = 100, metered net export as given: money = p e + pb g+ - ps g-. */
        private long money(long committed, long meteredNet, long price) {
            OwnRecord r = DeviationRule.split(committed, meteredNet);
            assertEquals(meteredNet, r.meteredNet());
            return price * r.committed() + PB * r.gridExport() - PS * r.gridImport();
        }

        @Test
        void aSellerThatDeliversShortBuysTheShortfallFromTheGrid() {
            OwnRecord r = DeviationRule.split(5, 3);
            assertEquals(new OwnRecord(5, 0, 2), r);
            // Paid for 5 at the market price, the 2 it did not deliver bought back at the retail price.
            assertEquals(5 * 100 * Scales.PRICE - 2 * PS, money(5, 3, 100 * Scales.PRICE));
        }

        @Test
        void aSellerThatDeliversMoreSellsTheExcessToTheGrid() {
            assertEquals(new OwnRecord(5, 2, 0), DeviationRule.split(5, 7));
            assertEquals(5 * 100 * Scales.PRICE + 2 * PB, money(5, 7, 100 * Scales.PRICE));
        }

        @Test
        void aBuyerThatConsumesMoreBuysTheExcessFromTheGrid() {
            assertEquals(new OwnRecord(-4, 0, 2), DeviationRule.split(-4, -6));
            assertEquals(-4 * 100 * Scales.PRICE - 2 * PS, money(-4, -6, 100 * Scales.PRICE));
        }

        @Test
        void aBuyerThatConsumesLessSellsTheUnusedEnergyToTheGrid() {
            assertEquals(new OwnRecord(-4, 1, 0), DeviationRule.split(-4, -3));
            assertEquals(-4 * 100 * Scales.PRICE + PB, money(-4, -3, 100 * Scales.PRICE));
        }

        @Test
        void aHomeThatDeliversWhatItCommittedHasNoGridExchange() {
            assertEquals(new OwnRecord(5, 0, 0), DeviationRule.split(5, 5));
            assertEquals(new OwnRecord(-4, 0, 0), DeviationRule.split(-4, -4));
            assertEquals(new OwnRecord(0, 0, 0), DeviationRule.split(0, 0));
        }
    }

    @Nested
    class Layout {
        @Test
        void packAndDecodeAreInverseIncludingANegativeResidual() {
            List<BigInteger> lines = new ArrayList<>();
            for (BillLayout.Slot s : BillLayout.Slot.values()) {
                lines.add(BigInteger.ONE.shiftLeft(s.bits()).subtract(BigInteger.valueOf(s.ordinal() + 1)));
            }
            BillLines decoded = BillLayout.decode(BillLayout.pack(lines, BigInteger.valueOf(-12345)));
            assertEquals(lines.get(0).toString(), decoded.soldEnergy());
            assertEquals(lines.get(7).toString(), decoded.exportAmount());
            assertEquals("-12345", decoded.residual());
        }

        @Test
        void aLineOutsideItsSlotIsRefused() {
            List<BigInteger> lines = new ArrayList<>(Collections.nCopies(8, BigInteger.ZERO));
            lines.set(0, BigInteger.ONE.shiftLeft(BillLayout.ENERGY_SLOT_BITS));
            assertThrows(ValueOutOfRangeException.class,
                    () -> BillLayout.pack(lines, BigInteger.ZERO));
        }

        @Test
        void theOwnRecordRoundTripsSignedValues() {
            OwnRecord r = new OwnRecord(-123456789, 42, 0);
            assertEquals(r, OwnRecord.unpack(r.pack()));
        }
    }

    @Nested
    class Aggregate {
        private final PaillierKeyPair keys = BillingHarness.billingKeys();
        private final PaillierPublicKey pk = keys.publicKey();

        private String enc(long v) {
            return pk.encrypt(BigInteger.valueOf(v), BillingHarness.RANDOM).toBase64();
        }

        private WindowTerms terms(long t, Role role, long price) {
            return new WindowTerms(t, role == Role.OFF ? Clearing.GRID_ONLY : Clearing.GENERAL, role,
                    role == Role.OFF ? null : price, PS, PB, "2026-03-02T07:00:00Z", "tx" + t);
        }

        private BillingWindow window(WindowTerms terms, OwnRecord r, long[] metered) {
            SettlementRecord rec = r == null ? null : new SettlementRecord(terms.window(), "h1", terms.role(),
                    terms.inMarket() ? enc(r.committed()) : null, enc(r.gridExport()), enc(r.gridImport()),
                    enc(0), "2026-03-02T07:00:00Z", "r" + terms.window());
            MeterReport rep = metered == null ? null : new MeterReport(terms.window(), "h1", enc(metered[0]),
                    enc(metered[1]), "c2ln", "f", new Submitter("CommunityMSP", "c"), "2026-03-02T07:00:00Z",
                    "m" + terms.window());
            return new BillingWindow(terms, rec, rep);
        }

        @Test
        void theDecryptedAggregateIsThePlaintextBillAndTheBillingPartysShortcutAgrees() {
            List<BillingWindow> windows = new ArrayList<>();
            List<ExpectedBill.WindowValues> values = new ArrayList<>();
            // seller short, seller over, buyer over, buyer under, no deviation, off market, report only, record only
            Object[][] cases = {
                {Role.SELLER, 5_000L, 3_000L, 95_000_000L}, {Role.SELLER, 5_000L, 7_000L, 96_000_000L},
                {Role.BUYER, -4_000L, -6_000L, 97_000_000L}, {Role.BUYER, -4_000L, -3_000L, 97_000_000L},
                {Role.SELLER, 2_500L, 2_500L, 110_000_000L}, {Role.OFF, 0L, -1_200L, 0L},
            };
            long t = 0;
            for (Object[] c : cases) {
                Role role = (Role) c[0];
                long e = (Long) c[1];
                long net = (Long) c[2];
                WindowTerms terms = terms(t++, role, (Long) c[3]);
                OwnRecord r = DeviationRule.split(e, net);
                long[] metered = {Math.max(-net, 0), Math.max(net, 0)};
                windows.add(window(terms, r, metered));
                values.add(new ExpectedBill.WindowValues(terms, r, metered[0], metered[1]));
            }
            WindowTerms reportOnly = terms(t++, Role.OFF, 0);
            windows.add(window(reportOnly, null, new long[] {800, 100}));
            values.add(new ExpectedBill.WindowValues(reportOnly, null, 800L, 100L));
            WindowTerms recordOnly = terms(t, Role.BUYER, 100_000_000L);
            OwnRecord r = DeviationRule.split(-1_000, -1_500);
            windows.add(window(recordOnly, r, null));
            values.add(new ExpectedBill.WindowValues(recordOnly, r, null, null));

            BillAggregator.Result published = BillAggregator.compute(pk, windows);
            BillAggregator.Result shortcut = BillAggregator.compute(keys.privateKey(), windows);
            assertEquals(published.aggregate(), shortcut.aggregate());
            BillLines expected = ExpectedBill.lines(values);
            BigInteger plaintext = keys.privateKey().decrypt(published.aggregate());
            assertEquals(ExpectedBill.plaintext(expected), plaintext);
            assertEquals(expected, BillLayout.decode(plaintext));
            assertEquals("0", expected.residual());
            assertEquals(BigInteger.valueOf(5_000 + 5_000 + 2_500), new BigInteger(expected.soldEnergy()));
            assertEquals(BigInteger.valueOf(4_000 + 4_000 + 1_000), new BigInteger(expected.boughtEnergy()));
            assertEquals(List.of(7L), published.windows().missingReportWindows());
            assertEquals(List.of(6L), published.windows().missingRecordWindows());
            assertEquals(6, published.windows().marketWindows());
        }

        @Test
        void changingOneRecordChangesTheAggregate() {
            WindowTerms terms = terms(0, Role.SELLER, 100_000_000L);
            BillingWindow a = window(terms, DeviationRule.split(5, 5), new long[] {0, 5});
            BillingWindow b = window(terms, DeviationRule.split(5, 5), new long[] {0, 5});
            assertNotEquals(BillAggregator.compute(pk, List.of(a)).aggregate(),
                    BillAggregator.compute(pk, List.of(b)).aggregate());
            assertEquals(keys.privateKey().decrypt(BillAggregator.compute(pk, List.of(a)).aggregate()),
                    keys.privateKey().decrypt(BillAggregator.compute(pk, List.of(b)).aggregate()));
        }

        @Test
        void aRecordThatDisagreesWithItsSettlementCannotBeAggregated() {
            WindowTerms off = terms(0, Role.OFF, 0);
            BillingWindow seller = window(terms(0, Role.SELLER, 100_000_000L), DeviationRule.split(5, 5), null);
            assertThrows(IllegalArgumentException.class, () -> BillAggregator.compute(pk,
                    List.of(new BillingWindow(off, seller.record(), null))));
        }
    }
}
