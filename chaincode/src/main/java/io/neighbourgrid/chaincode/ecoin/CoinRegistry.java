package io.neighbourgrid.chaincode.ecoin;

import io.neighbourgrid.chaincode.StateIo;
import io.neighbourgrid.crypto.blind.BlindRsaPublicKey;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.contract.TxContext;
import io.neighbourgrid.protocol.ecoin.Coin;
import io.neighbourgrid.protocol.ecoin.CoinRecord;

/**
 * The registry of used coins: every coin the ledger accepts (spent in a payment or deposited) is recorded under the
 * SHA-256 of its payload, and a recorded coin is never accepted again (Lemmas 5 and 6).
 */
final class CoinRegistry {
    private CoinRegistry() {
    }

    /**
     * Requires a coin signed by the substation and not used before.
     *
     * @throws io.neighbourgrid.protocol.ContractException {@link ErrorCode#INVALID_COIN},
     *                                                        {@link ErrorCode#COIN_ALREADY_SPENT} or
     *                                                        {@link ErrorCode#COIN_ALREADY_DEPOSITED}
     */
    static void requireUnused(TxContext ctx, BlindRsaPublicKey key, Coin coin) {
        coin.verify(key);
        String hash = coin.hash();
        CoinRecord used = StateIo.read(ctx, ctx.compositeKey(EcoinLedger.COIN, hash), CoinRecord.class);
        if (used == null) {
            return;
        }
        if (used.status() == CoinRecord.Status.SPENT) {
            throw ErrorCode.COIN_ALREADY_SPENT.exception("coin " + hash.substring(0, 16) + "... was spent at "
                    + used.at());
        }
        throw ErrorCode.COIN_ALREADY_DEPOSITED.exception("coin " + hash.substring(0, 16) + "... was deposited at "
                + used.at());
    }

    static void record(TxContext ctx, String coinHash, CoinRecord.Status status, long period) {
        StateIo.write(ctx, ctx.compositeKey(EcoinLedger.COIN, coinHash),
                new CoinRecord(coinHash, status, period, EcoinLedger.at(ctx)));
    }
}
