package io.neighbourgrid.protocol.billing.state;

import java.util.Objects;

/**
 * One home's bill for a billing period (an inclusive window range); stored once under {@code BILL~homeId~from}.
 * The billing party computed the packed aggregate of the home's records homomorphically, decrypted it and proved
 * the decryption; chaincode verified the proof and decoded the lines. Anyone can recompute {@code aggregate} from
 * the ledger's records ({@code getBillingRecords}) and check it.
 *
 * @param homeId    the billed home
 * @param from      the first window of the period
 * @param to        the last window of the period
 * @param lines     the decoded lines
 * @param windows   how the windows were billed
 * @param aggregate the packed aggregate under the billing key, Base64
 * @param plaintext its signed decryption, decimal
 * @param proof     the proof of correct decryption, Base64, bound to {@code (channel, from, "bill/" + to,
 *                  "billing-party")}
 * @param postedAt  the transaction timestamp
 * @param txId      the transaction id
 */
public record Bill(String homeId, long from, long to, BillLines lines, BillWindows windows, String aggregate,
                   String plaintext, String proof, String postedAt, String txId) {
    public Bill {
        Objects.requireNonNull(homeId, "homeId");
        Objects.requireNonNull(lines, "lines");
        Objects.requireNonNull(windows, "windows");
        Objects.requireNonNull(aggregate, "aggregate");
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(proof, "proof");
        Objects.requireNonNull(txId, "txId");
    }

    /**
     * The period as written in arguments.
     *
     * @return {@code "from-to"}
     */
    public String period() {
        return from + "-" + to;
    }
}
