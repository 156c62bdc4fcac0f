package io.neighbourgrid.protocol.billing;

import io.neighbourgrid.market.Role;
import io.neighbourgrid.protocol.billing.state.BillLines;
import io.neighbourgrid.protocol.billing.state.WindowTerms;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The bill computed in plaintext from per-window values: what the packed aggregate of the same records decrypts to
 * ({@link BillAggregator}, {@link BillLayout}). A home runs it over its own records to check its bill line by line;
 * tests and benchmarks use it as the reference.
 */
public final class ExpectedBill {
    /**
     * One window's plaintext values as far as they are known.
     *
     * @param terms         the window's public terms for the home
     * @param record        the home's settlement record {@code (e, g+, g-)}, or {@code null} if it posted none
     * @param meteredImport the meter's import {@code I_t}, or {@code null} without a meter report
     * @param meteredExport the meter's export {@code X_t}, or {@code null} without a meter report
     */
    public record WindowValues(WindowTerms terms, OwnRecord record, Long meteredImport, Long meteredExport) {
        public WindowValues {
            Objects.requireNonNull(terms, "terms");
            if ((meteredImport == null) != (meteredExport == null)) {
                throw new IllegalArgumentException("a meter report has both import and export");
            }
        }
    }

    private ExpectedBill() {
    }

    /**
     * The lines of a home's bill.
     *
     * @param windows the home's windows of the period
     * @return the lines the bill's aggregate decrypts to
     */
    public static BillLines lines(List<WindowValues> windows) {
        BigInteger[] v = new BigInteger[BillLayout.Slot.values().length];
        Arrays.fill(v, BigInteger.ZERO);
        BigInteger residual = BigInteger.ZERO;
        for (WindowValues w : windows) {
            WindowTerms terms = w.terms();
            BigInteger ps = BigInteger.valueOf(terms.retailPrice());
            BigInteger pb = BigInteger.valueOf(terms.feedInPrice());
            BigInteger imported;
            BigInteger exported;
            if (w.record() != null) {
                OwnRecord r = w.record();
                BigInteger e = terms.inMarket() ? BigInteger.valueOf(r.committed()) : BigInteger.ZERO;
                if (terms.role() == Role.SELLER) {
                    v[0] = v[0].add(e);
                    v[4] = v[4].add(e.multiply(BigInteger.valueOf(terms.price())));
                } else if (terms.role() == Role.BUYER) {
                    v[1] = v[1].subtract(e);
                    v[5] = v[5].subtract(e.multiply(BigInteger.valueOf(terms.price())));
                }
                imported = BigInteger.valueOf(r.gridImport());
                exported = BigInteger.valueOf(r.gridExport());
                if (w.meteredImport() != null) {
                    BigInteger metered = BigInteger.valueOf(w.meteredExport()).subtract(
                            BigInteger.valueOf(w.meteredImport()));
                    residual = residual.add(metered.subtract(e.add(exported).subtract(imported)));
                }
            } else if (w.meteredImport() != null) {
                imported = BigInteger.valueOf(w.meteredImport());
                exported = BigInteger.valueOf(w.meteredExport());
            } else {
                continue;
            }
            v[2] = v[2].add(imported);
            v[6] = v[6].add(imported.multiply(ps));
            v[3] = v[3].add(exported);
            v[7] = v[7].add(exported.multiply(pb));
        }
        return new BillLines(v[0].toString(), v[1].toString(), v[2].toString(), v[3].toString(), v[4].toString(),
                v[5].toString(), v[6].toString(), v[7].toString(), residual.toString());
    }

    /**
     * The packed plaintext of those lines.
     *
     * @param lines bill lines whose values fit their slots
     * @return the plaintext the bill's aggregate decrypts to
     */
    public static BigInteger plaintext(BillLines lines) {
        return BillLayout.pack(List.of(new BigInteger(lines.soldEnergy()), new BigInteger(lines.boughtEnergy()),
                new BigInteger(lines.importEnergy()), new BigInteger(lines.exportEnergy()),
                new BigInteger(lines.soldAmount()), new BigInteger(lines.boughtAmount()),
                new BigInteger(lines.importAmount()), new BigInteger(lines.exportAmount())),
                new BigInteger(lines.residual()));
    }
}
