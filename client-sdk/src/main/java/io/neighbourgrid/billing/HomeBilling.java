package io.neighbourgrid.billing;

import io.neighbourgrid.audit.BillVerifier;
import io.neighbourgrid.audit.Finding;
import io.neighbourgrid.crypto.paillier.PaillierPrivateKey;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.market.MarketMath;
import io.neighbourgrid.market.MarketType;
import io.neighbourgrid.market.Role;
import io.neighbourgrid.protocol.billing.ExpectedBill;
import io.neighbourgrid.protocol.billing.MeterSignatures;
import io.neighbourgrid.protocol.billing.OwnRecord;
import io.neighbourgrid.protocol.billing.state.Bill;
import io.neighbourgrid.protocol.billing.state.BillLines;
import io.neighbourgrid.protocol.billing.state.BillingPeriodView;
import io.neighbourgrid.protocol.billing.state.BillingWindow;
import io.neighbourgrid.protocol.billing.state.MeterRegistration;
import io.neighbourgrid.protocol.billing.state.WindowTerms;
import io.neighbourgrid.protocol.state.Settlement;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A home's part in billing, run by its controller: register its meter's key, record its settlement of every
 * settled window (its committed market volume and its grid exchange relative to that commitment, under the billing
 * key, and its own copy under its own key), read its records back, and check its bills against the ledger and
 * against its own records.
 */
public final class HomeBilling {
    private final String homeId;
    private final BillingClient client;
    private final PaillierPublicKey homeKey;
    private final PaillierPrivateKey homePrivateKey;
    private final SecureRandom random;

    /**
     * @param homeId         the home
     * @param client         a billing client signing as the home's identity
     * @param homeKey        the home's registered Paillier key
     * @param homePrivateKey its private key, to read own records back; {@code null} if the controller keeps its
     *                       records in plaintext instead
     * @param random         encryption randomness
     */
    public HomeBilling(String homeId, BillingClient client, PaillierPublicKey homeKey,
                       PaillierPrivateKey homePrivateKey, SecureRandom random) {
        this.homeId = Objects.requireNonNull(homeId, "homeId");
        this.client = Objects.requireNonNull(client, "client");
        this.homeKey = Objects.requireNonNull(homeKey, "homeKey");
        this.homePrivateKey = homePrivateKey;
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The home. */
    public String homeId() {
        return homeId;
    }

    /**
     * Registers the meter's key unless it is the home's registered key already.
     *
     * @param meter the home's meter
     * @throws LedgerException if the contract rejects it
     */
    public void registerMeter(MeterDevice meter) throws LedgerException {
        Optional<MeterRegistration> current = client.meter(homeId);
        if (current.isEmpty() || !current.get().fingerprint().equals(MeterSignatures.fingerprint(
                meter.publicKey()))) {
            client.registerMeter(meter.publicKey());
        }
    }

    /**
     * What the home committed in a window's market: the settlement's volume for its side applied to its own net
     * energy ({@link MarketMath#marketVolume}), positive when it sold, negative when it bought, zero when it did
     * not trade in the window's market.
     *
     * @param settlement the window's settlement
     * @param homeId     the home
     * @param netEnergy  its net energy {@code sn} of the window, energy units
     * @return {@code e_t}
     */
    public static long committedVolume(Settlement settlement, String homeId, long netEnergy) {
        WindowTerms terms = WindowTerms.of(settlement, homeId);
        if (!terms.inMarket()) {
            return 0L;
        }
        MarketType type = settlement.clearing().marketType().orElseThrow();
        long volume = MarketMath.marketVolume(type, terms.role(), Math.absExact(netEnergy), settlement.fillRatio());
        return terms.role() == Role.SELLER ? volume : -volume;
    }

    /**
     * The settlement record's JSON for {@code recordSettlement}.
     *
     * @param terms      the window's terms for the home
     * @param record     the home's {@code (e_t, g+, g-)}
     * @param billingKey the billing key
     * @return {@code {"committed"?, "gridExport", "gridImport", "own"}}
     */
    public String recordJson(WindowTerms terms, OwnRecord record, PaillierPublicKey billingKey) {
        Map<String, String> m = new TreeMap<>();
        if (terms.inMarket()) {
            m.put("committed", billingKey.encrypt(BigInteger.valueOf(record.committed()), random).toBase64());
        } else if (record.committed() != 0) {
            throw new IllegalArgumentException("home " + homeId + " did not trade in window " + terms.window()
                    + " but commits " + record.committed());
        }
        m.put("gridExport", billingKey.encrypt(BigInteger.valueOf(record.gridExport()), random).toBase64());
        m.put("gridImport", billingKey.encrypt(BigInteger.valueOf(record.gridImport()), random).toBase64());
        m.put("own", homeKey.encrypt(record.pack(), random).toBase64());
        return CanonicalJson.toJson(m);
    }

    /**
     * Records the home's settlement of a window.
     *
     * @param terms      the window's terms for the home
     * @param record     the home's {@code (e_t, g+, g-)}
     * @param billingKey the billing key
     * @throws LedgerException if the contract rejects it
     */
    public void recordSettlement(WindowTerms terms, OwnRecord record, PaillierPublicKey billingKey)
            throws LedgerException {
        client.recordSettlement(terms.window(), recordJson(terms, record, billingKey));
    }

    /**
     * The home's own records of a period, read back from the ledger and decrypted with its own key.
     *
     * @param view the home's records of the period ({@code getBillingRecords})
     * @return window to record, for the windows the home recorded
     * @throws IllegalStateException if this controller holds no private key
     */
    public Map<Long, OwnRecord> ownRecords(BillingPeriodView view) {
        if (homePrivateKey == null) {
            throw new IllegalStateException("home " + homeId + " keeps no private key here to read its records");
        }
        Map<Long, OwnRecord> out = new TreeMap<>();
        for (BillingWindow w : view.windows()) {
            if (w.record() != null) {
                out.put(w.window(), OwnRecord.unpack(homePrivateKey.decrypt(homeKey.ciphertextFromBase64(
                        w.record().own()))));
            }
        }
        return out;
    }

    /**
     * Checks a bill of the home against the ledger only ({@link BillVerifier}): what anyone can check.
     *
     * @param from the bill's first window
     * @param to   its last window
     * @return the findings
     * @throws LedgerException if the ledger cannot be queried
     */
    public List<Finding> checkBillOnLedger(long from, long to) throws LedgerException {
        Optional<Bill> bill = client.bill(homeId, from, to);
        if (bill.isEmpty()) {
            return List.of(Finding.fail(billName(from, to), "no bill is posted for the period"));
        }
        return BillVerifier.verify(bill.get(), client.records(homeId, from, to).windows(), client.billingKey(),
                client.channel());
    }

    /**
     * Checks a bill of the home: against the ledger ({@link BillVerifier}) and, line by line, against the home's
     * own records (as read back, or as kept by the controller). The home's expectation assumes its records agree
     * with its meter; windows the meter reported but the home did not record cannot be checked from its records,
     * so their grid lines are then left to the ledger check.
     *
     * @param from       the bill's first window
     * @param to         its last window
     * @param ownRecords the home's records; {@code null} to read them back from the ledger with its own key
     * @return the findings, empty of failures when the bill is right
     * @throws LedgerException if the ledger cannot be queried
     */
    public List<Finding> checkBill(long from, long to, Map<Long, OwnRecord> ownRecords) throws LedgerException {
        String name = billName(from, to);
        Optional<Bill> bill = client.bill(homeId, from, to);
        if (bill.isEmpty()) {
            return List.of(Finding.fail(name, "no bill is posted for the period"));
        }
        BillingPeriodView view = client.records(homeId, from, to);
        List<Finding> out = new ArrayList<>(BillVerifier.verify(bill.get(), view.windows(), client.billingKey(),
                client.channel()));
        Map<Long, OwnRecord> own = ownRecords != null ? ownRecords : ownRecords(view);
        List<ExpectedBill.WindowValues> values = new ArrayList<>();
        boolean gridCheckable = true;
        for (BillingWindow w : view.windows()) {
            OwnRecord r = w.record() == null ? null : own.get(w.window());
            if (w.record() != null && r == null) {
                out.add(Finding.fail(name + ": own records", "the home has no record of window " + w.window()
                        + " that the ledger attributes to it"));
                continue;
            }
            Long imported = null;
            Long exported = null;
            if (w.report() != null) {
                if (r == null) {
                    gridCheckable = false;
                } else {
                    imported = Math.max(-r.meteredNet(), 0L);
                    exported = Math.max(r.meteredNet(), 0L);
                }
            }
            values.add(new ExpectedBill.WindowValues(w.terms(), r, imported, exported));
        }
        BillLines expected = ExpectedBill.lines(values);
        BillLines posted = bill.get().lines();
        List<String> differing = new ArrayList<>();
        compare("sold energy", expected.soldEnergy(), posted.soldEnergy(), differing);
        compare("bought energy", expected.boughtEnergy(), posted.boughtEnergy(), differing);
        compare("sold amount", expected.soldAmount(), posted.soldAmount(), differing);
        compare("bought amount", expected.boughtAmount(), posted.boughtAmount(), differing);
        if (gridCheckable) {
            compare("grid import", expected.importEnergy(), posted.importEnergy(), differing);
            compare("grid export", expected.exportEnergy(), posted.exportEnergy(), differing);
            compare("import amount", expected.importAmount(), posted.importAmount(), differing);
            compare("export amount", expected.exportAmount(), posted.exportAmount(), differing);
            compare("deviation residual", expected.residual(), posted.residual(), differing);
        }
        out.add(differing.isEmpty()
                ? Finding.pass(name + ": own records", "every line agrees with the home's own records"
                + (gridCheckable ? "" : " (market lines only: the meter reported windows the home did not record)"))
                : Finding.fail(name + ": own records", "lines differ from the home's own records: "
                + String.join("; ", differing)));
        return out;
    }

    /** The name of this home's bill for {@code [from, to]} in findings. */
    private String billName(long from, long to) {
        return "bill " + homeId + " " + BillingClient.periodArgument(from, to);
    }

    private static void compare(String line, String expected, String posted, List<String> differing) {
        if (!expected.equals(posted)) {
            differing.add(line + " expected " + expected + ", billed " + posted);
        }
    }
}
