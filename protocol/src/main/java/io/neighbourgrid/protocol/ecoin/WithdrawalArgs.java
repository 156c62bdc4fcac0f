package io.neighbourgrid.protocol.ecoin;

import java.util.List;

/**
 * The argument of {@code requestWithdrawal}: the blinded messages of the coins to be signed (Procedure 1(b)).
 *
 * @param blindedMessages Base64 RFC 9474 blinded messages, one per coin
 */
public record WithdrawalArgs(List<String> blindedMessages) {
    /** Parses and checks the argument (at most {@code maxBatch} messages). */
    public static WithdrawalArgs parse(String json, long maxBatch) {
        WithdrawalArgs a = EcoinJson.parse(json, "withdrawal", WithdrawalArgs.class);
        return new WithdrawalArgs(EcoinJson.list(a.blindedMessages, "withdrawal.blindedMessages", (int) maxBatch));
    }
}
