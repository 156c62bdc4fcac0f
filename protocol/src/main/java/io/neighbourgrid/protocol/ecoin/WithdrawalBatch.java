package io.neighbourgrid.protocol.ecoin;

import java.util.List;

/**
 * One wallet-loading withdrawal: the blinded messages an account asked the substation to sign and, once issued,
 * the blind signatures. The substation sees only blinded messages (Lemma 1).
 *
 * @param batchId         the batch's random id
 * @param accountId       the account the coins are counted against
 * @param period          the billing period it counts in
 * @param blindedMessages Base64 blinded messages
 * @param blindSignatures Base64 blind signatures, empty until issued
 * @param requestedAt     the request's timestamp
 * @param issuedAt        the timestamp, {@code null} until issued
 */
public record WithdrawalBatch(String batchId, String accountId, long period, List<String> blindedMessages,
                              List<String> blindSignatures, String requestedAt, String issuedAt) {
    public WithdrawalBatch {
        blindedMessages = List.copyOf(blindedMessages);
        blindSignatures = List.copyOf(blindSignatures);
    }

    /** Whether the substation has signed the batch. */
    public boolean issued() {
        return issuedAt != null;
    }
}
