package io.neighbourgrid.protocol.billing;

import io.neighbourgrid.crypto.Bytes;
import io.neighbourgrid.crypto.InvalidCiphertextException;
import io.neighbourgrid.crypto.MalformedEncodingException;
import io.neighbourgrid.crypto.math.BarrettReducer;
import io.neighbourgrid.crypto.math.MultiExponentiation;
import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.crypto.paillier.PaillierPrivateKey;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.market.Role;
import io.neighbourgrid.protocol.billing.state.BillWindows;
import io.neighbourgrid.protocol.billing.state.BillingWindow;
import io.neighbourgrid.protocol.billing.state.MeterReport;
import io.neighbourgrid.protocol.billing.state.SettlementRecord;
import io.neighbourgrid.protocol.billing.state.WindowTerms;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Computes a home's bill aggregate from the ledger's ciphertexts: the one ciphertext under the billing key whose
 * plaintext is the packed bill ({@link BillLayout}). {@code Enc(a) * Enc(b) = Enc(a + b)} and
 * {@code Enc(a)^k = Enc(k a)}, so with the public prices of each window ({@link WindowTerms}):
 * <pre>
 *   sold energy    = sum_{t sold}   e_t             sold amount    = sum_{t sold}   p_t e_t
 *   bought energy  = sum_{t bought} -e_t            bought amount  = sum_{t bought} p_t (-e_t)
 *   import energy  = sum_t g-_t                     import amount  = sum_t ps_t g-_t
 *   export energy  = sum_t g+_t                     export amount  = sum_t pb_t g+_t
 *   residual       = sum_{t metered} (X_t - I_t) - (e_t + g+_t - g-_t)
 * </pre>
 * A window with a meter report but no settlement record is billed as grid only: its metered import {@code I_t}
 * enters the import lines and its metered export {@code X_t} the export lines. A window with a record but no
 * report is billed from the record and left out of the residual. Only windows the home traded in carry a
 * committed volume ({@code e_t = 0} otherwise).
 *
 * <p>Cost: one multiplication per ciphertext ({@link BarrettReducer}); one multi-exponentiation per price-weighted
 * line over the distinct prices of the period, sharing its squarings ({@link MultiExponentiation}); one inversion;
 * and the {@value BillLayout#RESIDUAL_OFFSET} squarings that shift the nine slot aggregates into place (Horner's
 * rule, {@code acc = acc^{2^width} * A_k}). The billing party, who holds the factorisation, runs the same steps modulo
 * {@code p^2} and {@code q^2} and combines them by the Chinese remainder theorem, about twice as fast; everyone
 * else computes modulo {@code N^2}. Both give the same ciphertext.
 */
public final class BillAggregator {

    /**
     * A computed bill aggregate.
     *
     * @param aggregate the packed aggregate under the billing key
     * @param windows   how each window was billed
     */
    public record Result(Ciphertext aggregate, BillWindows windows) {
        public Result {
            Objects.requireNonNull(aggregate, "aggregate");
            Objects.requireNonNull(windows, "windows");
        }
    }

    private BillAggregator() {
    }

    /**
     * The bill aggregate of one home over a period, from public data only.
     *
     * @param billingKey the billing party's public key
     * @param windows    the home's windows of the period ({@code getBillingRecords})
     * @return the aggregate and the windows' categories
     * @throws io.neighbourgrid.crypto.CryptoException if a stored ciphertext is not valid under the billing key
     * @throws IllegalArgumentException               if a record disagrees with its window's terms or a price is out
     *                                                of range
     */
    public static Result compute(PaillierPublicKey billingKey, List<BillingWindow> windows) {
        List<Parsed> parsed = parse(billingKey, windows);
        BigInteger value = aggregate(new BarrettReducer(billingKey.modulusSquared()), parsed);
        return new Result(billingKey.ciphertext(value), classify(windows));
    }

    /**
     * The same aggregate, computed by the billing party modulo {@code p^2} and {@code q^2} and recombined.
     *
     * @param billingKey the billing party's private key
     * @param windows    the home's windows of the period
     * @return the aggregate and the windows' categories, identical to {@link #compute(PaillierPublicKey, List)}
     */
    public static Result compute(PaillierPrivateKey billingKey, List<BillingWindow> windows) {
        PaillierPublicKey pk = billingKey.publicKey();
        List<Parsed> parsed = parse(pk, windows);
        BigInteger p2 = billingKey.secretPrimeP().pow(2);
        BigInteger q2 = billingKey.secretPrimeQ().pow(2);
        BigInteger a = aggregate(new BarrettReducer(p2), reduce(parsed, p2));
        BigInteger b = aggregate(new BarrettReducer(q2), reduce(parsed, q2));
        // Garner: x = b + q^2 * ((a - b) * (q^2)^{-1} mod p^2).
        BigInteger h = a.subtract(b).multiply(q2.modInverse(p2)).mod(p2);
        return new Result(pk.ciphertext(b.add(q2.multiply(h))), classify(windows));
    }

    /**
     * How each window of a period is billed, from which records exist.
     *
     * @param windows the home's windows of the period
     * @return the categories
     */
    public static BillWindows classify(List<BillingWindow> windows) {
        int market = 0;
        List<Long> missingReport = new ArrayList<>();
        List<Long> missingRecord = new ArrayList<>();
        List<Long> unbilled = new ArrayList<>();
        for (BillingWindow w : windows) {
            if (w.terms().inMarket()) {
                market++;
            }
            if (w.record() != null && w.report() == null) {
                missingReport.add(w.window());
            } else if (w.record() == null && w.report() != null) {
                missingRecord.add(w.window());
            } else if (w.record() == null) {
                unbilled.add(w.window());
            }
        }
        return new BillWindows(windows.size(), market, missingReport, missingRecord, unbilled);
    }

    /**
     * The market-balance aggregate of a window: {@code Enc(sum_sellers e + sum_buyers e)}, the energy the sellers
     * committed less what the buyers committed (a buyer's committed volume is negative). Its plaintext is the
     * window's rounding residual ({@code docs/billing.md}, section 7), signed by the market type, and nothing else: no
     * side's total is ever decrypted.
     *
     * @param billingKey the billing key
     * @param sellers    the committed volumes (Base64 ciphertexts) of the market's sellers that posted a record
     * @param buyers     those of the buyers
     * @return the aggregate
     * @throws io.neighbourgrid.crypto.CryptoException if a ciphertext is malformed or not a unit under the key
     */
    public static Ciphertext marketBalance(PaillierPublicKey billingKey, List<String> sellers, List<String> buyers) {
        BarrettReducer m = new BarrettReducer(billingKey.modulusSquared());
        BigInteger product = BigInteger.ONE;
        for (List<String> side : List.of(sellers, buyers)) {
            for (String c : side) {
                product = m.multiply(product, value(billingKey, c));
            }
        }
        return billingKey.ciphertext(product);
    }


    // ------------------------------------------------------------------------------------------------------------

    /** One window's ciphertext values (null where absent) and terms. */
    private record Parsed(long window, Role role, BigInteger price, BigInteger retail, BigInteger feedIn,
                          BigInteger committed, BigInteger gridExport, BigInteger gridImport,
                          BigInteger meteredImport, BigInteger meteredExport) {
        Parsed mod(BigInteger m) {
            return new Parsed(window, role, price, retail, feedIn, r(committed, m), r(gridExport, m),
                    r(gridImport, m), r(meteredImport, m), r(meteredExport, m));
        }

        private static BigInteger r(BigInteger v, BigInteger m) {
            return v == null ? null : v.mod(m);
        }
    }

    private static List<Parsed> parse(PaillierPublicKey key, List<BillingWindow> windows) {
        List<Parsed> out = new ArrayList<>(windows.size());
        for (BillingWindow w : windows) {
            WindowTerms terms = w.terms();
            SettlementRecord rec = w.record();
            MeterReport rep = w.report();
            BigInteger committed = null;
            BigInteger gridExport = null;
            BigInteger gridImport = null;
            if (rec != null) {
                if (rec.window() != terms.window() || (rec.committed() != null) != terms.inMarket()) {
                    throw new IllegalArgumentException("the settlement record of window " + terms.window()
                            + " does not match the window's settlement (role " + terms.role() + ")");
                }
                committed = rec.committed() == null ? null : value(key, rec.committed());
                gridExport = value(key, rec.gridExport());
                gridImport = value(key, rec.gridImport());
            }
            BigInteger meteredImport = rep == null ? null : value(key, rep.importEnergy());
            BigInteger meteredExport = rep == null ? null : value(key, rep.exportEnergy());
            BigInteger price = terms.inMarket() ? BillLayout.priceExponent(terms.price(), "market price of window "
                    + terms.window()) : BigInteger.ZERO;
            out.add(new Parsed(terms.window(), terms.role(), price,
                    BillLayout.priceExponent(terms.retailPrice(), "retail price of window " + terms.window()),
                    BillLayout.priceExponent(terms.feedInPrice(), "feed-in price of window " + terms.window()),
                    committed, gridExport, gridImport, meteredImport, meteredExport));
        }
        return out;
    }

    /**
     * A stored ciphertext's group element, checked for its encoding and range only. Whether every input is a unit
     * modulo N is checked once, on the aggregate ({@link PaillierPublicKey#ciphertext(BigInteger)}): a product,
     * power or inverse of anything sharing a factor with N shares it too (or cannot be inverted), so a non-unit
     * input cannot pass unnoticed, and one gcd replaces hundreds.
     */
    private static BigInteger value(PaillierPublicKey key, String base64) {
        byte[] bytes = Bytes.fromBase64(base64, "ciphertext");
        if (bytes.length != key.ciphertextBytes()) {
            throw new MalformedEncodingException("ciphertext must be exactly " + key.ciphertextBytes()
                    + " bytes, got " + bytes.length);
        }
        BigInteger c = new BigInteger(1, bytes);
        if (c.signum() == 0 || c.compareTo(key.modulusSquared()) >= 0) {
            throw new InvalidCiphertextException("ciphertext is not in the range 0 < c < N^2");
        }
        return c;
    }

    private static List<Parsed> reduce(List<Parsed> parsed, BigInteger modulus) {
        List<Parsed> out = new ArrayList<>(parsed.size());
        for (Parsed p : parsed) {
            out.add(p.mod(modulus));
        }
        return out;
    }

    /**
     * Products of ciphertexts grouped by the price that weighs them, per kind of window: windows with both a
     * record and a meter report enter the residual, the others do not. Each ciphertext is multiplied into one
     * group once; lines, amounts and the residual are then products and powers of the few groups.
     */
    private static final class Groups {
        private final BarrettReducer m;
        private final Map<BigInteger, BigInteger> metered = new TreeMap<>();
        private final Map<BigInteger, BigInteger> unmetered = new TreeMap<>();

        Groups(BarrettReducer m) {
            this.m = m;
        }

        void add(boolean inResidual, BigInteger price, BigInteger c) {
            (inResidual ? metered : unmetered).merge(price, c, m::multiply);
        }

        /** The product over every group. */
        BigInteger all() {
            return m.multiply(product(metered), product(unmetered));
        }

        /** The product over the windows that enter the residual. */
        BigInteger residualPart() {
            return product(metered);
        }

        /** prod_p (group_p)^p over both kinds, one multi-exponentiation over the distinct prices. */
        BigInteger weighted() {
            Map<BigInteger, BigInteger> byPrice = new TreeMap<>(metered);
            unmetered.forEach((p, c) -> byPrice.merge(p, c, m::multiply));
            MultiExponentiation product = new MultiExponentiation(m);
            byPrice.forEach((price, group) -> product.add(group, price));
            return product.compute();
        }

        private BigInteger product(Map<BigInteger, BigInteger> groups) {
            BigInteger acc = BigInteger.ONE;
            for (BigInteger c : groups.values()) {
                acc = m.multiply(acc, c);
            }
            return acc;
        }
    }

    private static BigInteger aggregate(BarrettReducer m, List<Parsed> windows) {
        Groups sold = new Groups(m);
        Groups bought = new Groups(m);
        Groups imported = new Groups(m);
        Groups exported = new Groups(m);
        Groups meteredImport = new Groups(m);
        Groups meteredExport = new Groups(m);
        for (Parsed w : windows) {
            boolean record = w.gridExport() != null;
            boolean report = w.meteredImport() != null;
            if (record) {
                if (w.committed() != null) {
                    (w.role() == Role.SELLER ? sold : bought).add(report, w.price(), w.committed());
                }
                imported.add(report, w.retail(), w.gridImport());
                exported.add(report, w.feedIn(), w.gridExport());
                if (report) {
                    meteredImport.add(true, w.retail(), w.meteredImport());
                    meteredExport.add(true, w.feedIn(), w.meteredExport());
                }
            } else if (report) {
                // No settlement record: grid only at the metered registers, outside the residual.
                imported.add(false, w.retail(), w.meteredImport());
                exported.add(false, w.feedIn(), w.meteredExport());
            }
        }
        BigInteger boughtEnergy = bought.all();
        BigInteger boughtAmount = bought.weighted();
        // residual = sum over metered windows of X - I - e - g+ + g-: X and g- up, I, e (sold and bought) and g+ down.
        BigInteger residualUp = m.multiply(meteredExport.residualPart(), imported.residualPart());
        BigInteger residualDown = m.multiply(m.multiply(meteredImport.residualPart(), exported.residualPart()),
                m.multiply(sold.residualPart(), bought.residualPart()));
        // One inversion for the three values that enter negatively (Montgomery's trick): bought e_t are negative,
        // so the bought lines are Enc(-sum e) = Enc(sum e)^{-1}; and the residual's subtracted part.
        BigInteger pair = m.multiply(boughtEnergy, boughtAmount);
        BigInteger inverse;
        try {
            inverse = m.multiply(pair, residualDown).modInverse(m.modulus());
        } catch (ArithmeticException e) {
            throw new InvalidCiphertextException("a stored ciphertext is not a unit modulo N");
        }
        BigInteger residualDownInverse = m.multiply(inverse, pair);
        BigInteger pairInverse = m.multiply(inverse, residualDown);
        BigInteger[] slots = {sold.all(), m.multiply(pairInverse, boughtAmount), imported.all(), exported.all(),
            sold.weighted(), m.multiply(pairInverse, boughtEnergy), imported.weighted(), exported.weighted()};
        BigInteger acc = m.multiply(residualUp, residualDownInverse);
        BillLayout.Slot[] layout = BillLayout.Slot.values();
        for (int k = layout.length - 1; k >= 0; k--) {
            // acc^{2^width}: BigInteger's Montgomery modPow is the fastest way to square many times in a row.
            acc = m.multiply(acc.modPow(BigInteger.ONE.shiftLeft(layout[k].bits()), m.modulus()), slots[k]);
        }
        return acc;
    }
}
