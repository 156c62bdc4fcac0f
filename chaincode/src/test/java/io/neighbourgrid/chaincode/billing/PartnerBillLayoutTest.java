package io.neighbourgrid.chaincode.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.crypto.paillier.PaillierKeyPair;
import io.neighbourgrid.protocol.billing.BillLayout;
import io.neighbourgrid.protocol.billing.PartnerBillLayout;
import io.neighbourgrid.protocol.billing.state.PartnerBillLines;
import io.neighbourgrid.protocol.partners.PartnerLines;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The packing of a home's partner lines ({@link PartnerBillLayout}): known answers, sums and the encrypted sum. */
class PartnerBillLayoutTest {
    @Test
    void packsEachLineIntoItsSlot() {
        BigInteger packed = PartnerBillLayout.pack(new PartnerLines("a", 1, 2, 5, 6, 3, 4));
        BigInteger expected = BigInteger.ONE
                .add(BigInteger.TWO.shiftLeft(64))
                .add(BigInteger.valueOf(3).shiftLeft(128))
                .add(BigInteger.valueOf(4).shiftLeft(192))
                .add(BigInteger.valueOf(5).shiftLeft(256))
                .add(BigInteger.valueOf(6).shiftLeft(368));
        assertEquals(expected, packed);
        assertEquals(new PartnerBillLines("1", "2", "3", "4", "5", "6", "0"), PartnerBillLayout.decode(packed));
        assertEquals(480, PartnerBillLayout.BITS);
        assertEquals(new PartnerBillLines("0", "0", "0", "0", "0", "0", "1"),
                PartnerBillLayout.decode(BigInteger.ONE.shiftLeft(480)));
    }

    @Test
    void theSumOfALongPeriodOfHonestWindowsDecodesToTheSumsOfItsLines() {
        SplittableRandom random = new SplittableRandom(7);
        for (int trial = 0; trial < 20; trial++) {
            List<PartnerLines> windows = new ArrayList<>();
            long[] sums = new long[6];
            BigInteger packed = BigInteger.ZERO;
            for (int t = 0; t < BillLayout.MAX_PERIOD_WINDOWS; t++) {
                long[] v = new long[6];
                for (int k = 0; k < 4; k++) {
                    v[k] = random.nextLong(1L << 40);
                }
                v[4] = random.nextLong(1L << 62);
                v[5] = random.nextLong(1L << 62);
                PartnerLines l = new PartnerLines("h", v[0], v[1], v[4], v[5], v[2], v[3]);
                windows.add(l);
                packed = packed.add(PartnerBillLayout.pack(l));
                for (int k = 0; k < 4; k++) {
                    sums[k] += v[k];
                }
            }
            PartnerBillLines lines = PartnerBillLayout.decode(packed);
            assertEquals(Long.toString(sums[0]), lines.energyOut());
            assertEquals(Long.toString(sums[1]), lines.energyIn());
            assertEquals(Long.toString(sums[2]), lines.gridExportAvoided());
            assertEquals(Long.toString(sums[3]), lines.gridImportAvoided());
            BigInteger moneyIn = windows.stream().map(l -> BigInteger.valueOf(l.moneyIn()))
                    .reduce(BigInteger.ZERO, BigInteger::add);
            assertEquals(moneyIn.toString(), lines.moneyIn());
            assertEquals("0", lines.overflow());
            assertEquals(lines, PartnerBillLayout.expected(windows));
        }
    }

    @Test
    void theProductOfTheEncryptedWindowsDecryptsToThePeriodsLines() {
        PaillierKeyPair keys = BillingHarness.billingKeys();
        SecureRandom random = new SecureRandom();
        List<PartnerLines> windows = List.of(new PartnerLines("h", 10, 0, 7, 0, 10, 0),
                new PartnerLines("h", 0, 4, 0, 3, 0, 4), new PartnerLines("h", 0, 0, 0, 0, 0, 0));
        List<Ciphertext> records = windows.stream().map(l -> PartnerBillLayout.encrypt(l, keys.publicKey(), random))
                .toList();
        PartnerBillLines lines = PartnerBillLayout.decode(keys.privateKey().decrypt(keys.publicKey().sum(records)));
        assertEquals(new PartnerBillLines("10", "4", "10", "4", "7", "3", "0"), lines);
        assertEquals(BigInteger.valueOf(4), lines.net());
    }
}
