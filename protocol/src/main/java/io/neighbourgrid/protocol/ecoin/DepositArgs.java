package io.neighbourgrid.protocol.ecoin;

import io.neighbourgrid.protocol.ErrorCode;
import java.util.List;

/**
 * The argument of {@code deposit} (Procedure 3): coins the depositing account hands back.
 *
 * @param coins the coins
 */
public record DepositArgs(List<Coin> coins) {
    /** Parses and checks the argument (at most {@code maxBatch} coins). */
    public static DepositArgs parse(String json, long maxBatch) {
        DepositArgs a = EcoinJson.parse(json, "deposit", DepositArgs.class);
        if (a.coins == null || a.coins.isEmpty() || a.coins.size() > maxBatch || a.coins.contains(null)) {
            throw ErrorCode.INVALID_ARGUMENT.exception("deposit.coins must list 1 to " + maxBatch + " coins");
        }
        return new DepositArgs(List.copyOf(a.coins));
    }
}
