package io.neighbourgrid.audit;

import io.neighbourgrid.crypto.CryptoException;
import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.crypto.proof.DecryptionProof;
import io.neighbourgrid.protocol.billing.BillAggregator;
import io.neighbourgrid.protocol.billing.BillLayout;
import io.neighbourgrid.protocol.billing.BillingContexts;
import io.neighbourgrid.protocol.billing.PartnerBillLayout;
import io.neighbourgrid.protocol.billing.state.Bill;
import io.neighbourgrid.protocol.billing.state.BillLines;
import io.neighbourgrid.protocol.billing.state.BillingWindow;
import io.neighbourgrid.protocol.billing.state.PartnerBill;
import io.neighbourgrid.protocol.billing.state.PartnerBillLines;
import io.neighbourgrid.protocol.billing.state.PartnerLinesRecord;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a posted bill against the ledger, as a home or an auditor does: recompute the packed aggregate from the
 * home's records and meter reports ({@link BillAggregator}, public data only), check that it is the bill's
 * aggregate, verify the decryption proof, decode the plaintext and compare every line, and compare the window
 * categories. Each check is one {@link Finding}; a failing one names what differs.
 */
public final class BillVerifier {
    private BillVerifier() {
    }

    /**
     * Verifies one bill.
     *
     * @param bill       the posted bill
     * @param windows    the home's windows of the bill's period, from {@code getBillingRecords}
     * @param billingKey the billing key
     * @param channel    the channel (bound into the proof)
     * @return the findings, in order: aggregate, proof, lines, windows, deviation check
     */
    public static List<Finding> verify(Bill bill, List<BillingWindow> windows, PaillierPublicKey billingKey,
                                       String channel) {
        String name = "bill " + bill.homeId() + " " + bill.period();
        List<Finding> out = new ArrayList<>();
        Ciphertext stated;
        try {
            stated = billingKey.ciphertextFromBase64(bill.aggregate());
        } catch (CryptoException e) {
            out.add(Finding.fail(name + ": aggregate", "not a ciphertext under the billing key: " + e.getMessage()));
            return out;
        }
        try {
            BillAggregator.Result recomputed = BillAggregator.compute(billingKey, windows);
            if (recomputed.aggregate().equals(stated)) {
                out.add(Finding.pass(name + ": aggregate", "recomputed from the records of " + windows.size()
                        + " windows"));
            } else {
                out.add(Finding.fail(name + ": aggregate", "differs from the aggregate recomputed from the records of "
                        + windows.size() + " windows"));
            }
            out.add(recomputed.windows().equals(bill.windows())
                    ? Finding.pass(name + ": windows", describe(bill))
                    : Finding.fail(name + ": windows", "the bill lists " + bill.windows() + " but the records give "
                    + recomputed.windows()));
        } catch (CryptoException | IllegalArgumentException e) {
            out.add(Finding.fail(name + ": aggregate", "the records cannot be aggregated: " + e.getMessage()));
        }
        BigInteger plaintext;
        try {
            plaintext = new BigInteger(bill.plaintext());
        } catch (NumberFormatException e) {
            out.add(Finding.fail(name + ": proof", "the plaintext is not a decimal integer"));
            return out;
        }
        try {
            DecryptionProof.fromBase64(billingKey, bill.proof()).verify(stated, plaintext,
                    BillingContexts.bill(channel, bill.from(), bill.to()));
            out.add(Finding.pass(name + ": proof", "the plaintext is the decryption of the aggregate"));
        } catch (CryptoException e) {
            out.add(Finding.fail(name + ": proof", "the decryption proof does not verify: " + e.getMessage()));
        }
        BillLines decoded = BillLayout.decode(plaintext);
        out.add(decoded.equals(bill.lines())
                ? Finding.pass(name + ": lines", "every line is the decoding of the proven plaintext")
                : Finding.fail(name + ": lines", "the posted lines " + bill.lines() + " are not the decoding "
                + decoded + " of the plaintext"));
        out.add(decoded.consistentWithMeters()
                ? Finding.pass(name + ": deviation check", "committed volumes and grid exchange add up to the "
                + "metered net in every metered window")
                : Finding.note(name + ": deviation check", "the home's records disagree with its meter by "
                + decoded.residual() + " energy units over the metered windows"));
        return out;
    }

    /**
     * Verifies the partner lines of a bill ({@code docs/partners.md}, section 4): the aggregate is the product of the
     * home's partner-lines records of the period, the plaintext its proven decryption, the lines its decoding.
     *
     * @param bill       the posted partner lines
     * @param records    the home's partner-lines records of the period, from {@code getPartnerLines}
     * @param billingKey the billing key
     * @param channel    the channel (bound into the proof)
     * @return the findings, in order: aggregate, proof, lines, missing windows
     */
    public static List<Finding> verifyPartnerBill(PartnerBill bill, List<PartnerLinesRecord> records,
                                                  PaillierPublicKey billingKey, String channel) {
        String name = "partner lines " + bill.homeId() + " " + bill.from() + "-" + bill.to();
        List<Finding> out = new ArrayList<>();
        Ciphertext stated;
        try {
            stated = billingKey.ciphertextFromBase64(bill.aggregate());
            List<Ciphertext> factors = new ArrayList<>();
            for (PartnerLinesRecord r : records) {
                factors.add(billingKey.ciphertextFromBase64(r.lines()));
            }
            out.add(billingKey.sum(factors).equals(stated) && records.size() == bill.recorded()
                    ? Finding.pass(name + ": aggregate", "the product of the home's " + records.size() + " records")
                    : Finding.fail(name + ": aggregate", "differs from the product of the home's " + records.size()
                    + " records (the bill counts " + bill.recorded() + ")"));
        } catch (CryptoException e) {
            out.add(Finding.fail(name + ": aggregate", "not ciphertexts under the billing key: " + e.getMessage()));
            return out;
        }
        BigInteger plaintext;
        try {
            plaintext = new BigInteger(bill.plaintext());
            DecryptionProof.fromBase64(billingKey, bill.proof()).verify(stated, plaintext,
                    BillingContexts.partnerBill(channel, bill.from(), bill.to()));
            out.add(Finding.pass(name + ": proof", "the plaintext is the decryption of the aggregate"));
        } catch (NumberFormatException | CryptoException e) {
            out.add(Finding.fail(name + ": proof", "the decryption proof does not verify: " + e.getMessage()));
            return out;
        }
        PartnerBillLines decoded = PartnerBillLayout.decode(plaintext);
        out.add(decoded.equals(bill.lines())
                ? Finding.pass(name + ": lines", "every line is the decoding of the proven plaintext")
                : Finding.fail(name + ": lines", "the posted lines " + bill.lines() + " are not the decoding "
                + decoded + " of the plaintext"));
        if (!bill.missing().isEmpty()) {
            out.add(Finding.note(name + ": missing", "windows " + bill.missing() + " have a partner statement of "
                    + "the home's agreements but no lines of the home"));
        }
        return out;
    }

    private static String describe(Bill bill) {
        return bill.windows().windows() + " windows, " + bill.windows().marketWindows() + " in the market; missing "
                + "meter reports " + bill.windows().missingReportWindows() + ", missing records "
                + bill.windows().missingRecordWindows() + ", unbilled " + bill.windows().unbilledWindows();
    }
}
