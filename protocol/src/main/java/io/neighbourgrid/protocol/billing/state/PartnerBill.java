package io.neighbourgrid.protocol.billing.state;

import java.util.List;
import java.util.Objects;

/**
 * The partner lines of one home's bill for a period, posted by the billing party beside the home's market bill of
 * the same period; stored once under {@code PBILL~homeId~from}. Chaincode computed {@code aggregate} itself, the
 * product of the home's {@link PartnerLinesRecord}s of the period, verified the billing party's proof that
 * {@code plaintext} is its decryption, and decoded the lines.
 *
 * @param homeId    the billed home
 * @param from      the first window of the period
 * @param to        the last window
 * @param lines     the decoded lines
 * @param recorded  how many windows of the period the home recorded lines for
 * @param missing   the windows of the period with a partner statement of one of the home's agreements on the
 *                  ledger but no lines of the home: what the bill could not include
 * @param aggregate the product of the records under the billing key, Base64
 * @param plaintext its decryption, decimal
 * @param proof     the proof of correct decryption, Base64, bound to {@code (channel, from, "partner-bill/" + to,
 *                  "billing-party")}
 * @param postedAt  the transaction timestamp
 * @param txId      the transaction id
 */
public record PartnerBill(String homeId, long from, long to, PartnerBillLines lines, int recorded,
                          List<Long> missing, String aggregate, String plaintext, String proof, String postedAt,
                          String txId) {
    public PartnerBill {
        Objects.requireNonNull(homeId, "homeId");
        Objects.requireNonNull(lines, "lines");
        missing = List.copyOf(Objects.requireNonNull(missing, "missing"));
        Objects.requireNonNull(aggregate, "aggregate");
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(proof, "proof");
        Objects.requireNonNull(txId, "txId");
    }
}
