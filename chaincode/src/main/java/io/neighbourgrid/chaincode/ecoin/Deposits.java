package io.neighbourgrid.chaincode.ecoin;

import io.neighbourgrid.chaincode.StateIo;
import io.neighbourgrid.crypto.blind.BlindRsaPublicKey;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.contract.TxContext;
import io.neighbourgrid.protocol.ecoin.Account;
import io.neighbourgrid.protocol.ecoin.Bill;
import io.neighbourgrid.protocol.ecoin.Coin;
import io.neighbourgrid.protocol.ecoin.CoinRecord;
import io.neighbourgrid.protocol.ecoin.DepositArgs;
import io.neighbourgrid.protocol.ecoin.EcoinConfig;
import io.neighbourgrid.protocol.ecoin.PeriodRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Section 5.4.4, billing, with Procedure 3 (deposit): each meter, identified, hands back its remaining coins; the
 * contract checks each like a payment and records it as deposited; at the period's end the substation closes the
 * period and the contract writes every meter's bill, {@code (withdrawn - deposited) x coin value}.
 */
final class Deposits {
    private final EcoinLedger ledger;

    Deposits(EcoinLedger ledger) {
        this.ledger = ledger;
    }

    /** {@code deposit(depositJson)}: a meter's own identity, or the operator for the grid's leftover coins. */
    String deposit(TxContext ctx, String depositJson) {
        EcoinConfig config = EcoinLedger.config(ctx);
        String accountId = ledger.identifiedAccount(ctx, config, "a deposit");
        DepositArgs args = DepositArgs.parse(depositJson, config.settings().maxBatch());
        BlindRsaPublicKey pk = config.settings().publicKey();
        TreeSet<String> seen = new TreeSet<>();
        for (Coin coin : args.coins()) {
            CoinRegistry.requireUnused(ctx, pk, coin);
            if (!seen.add(coin.hash())) {
                throw ErrorCode.COIN_ALREADY_DEPOSITED.exception("coin " + coin.hash().substring(0, 16)
                        + "... appears twice in the deposit");
            }
        }
        long period = EcoinLedger.currentPeriod(ctx).period();
        for (String hash : seen) {
            CoinRegistry.record(ctx, hash, CoinRecord.Status.DEPOSITED, period);
        }
        Account account = EcoinLedger.account(ctx, period, accountId).deposit(seen.size());
        EcoinLedger.writeAccount(ctx, account);
        return EcoinLedger.result(ctx, "EcoinDeposit", account);
    }

    /** {@code closePeriod(period)}: the operator, once no pairing is open; writes the bills, opens the next period. */
    String closePeriod(TxContext ctx, String periodText) {
        ledger.requireOperator(ctx, "close a billing period");
        EcoinConfig config = EcoinLedger.config(ctx);
        PeriodRecord current = EcoinLedger.currentPeriod(ctx);
        if (!EcoinLedger.period(current.period()).equals(periodOf(periodText))) {
            throw ErrorCode.INVALID_ARGUMENT.exception("period " + periodText + " is not the open period "
                    + current.period());
        }
        if (current.openPairings() > 0) {
            throw ErrorCode.COINS_IN_FLIGHT.exception(current.openPairings() + " pairing(s) of period "
                    + current.period() + " are not closed");
        }
        List<Account> accounts = StateIo.readAll(ctx, Account.class, EcoinLedger.ACCOUNT,
                EcoinLedger.period(current.period()));
        List<Bill> bills = new ArrayList<>();
        long billed = 0;
        for (Account a : accounts) {
            if (a.accountId().equals(Account.GRID)) {
                continue;
            }
            Bill bill = Bill.of(a, config.settings().coinValueMicros());
            bills.add(bill);
            billed = Math.addExact(billed, bill.netCoins());
            StateIo.write(ctx, ctx.compositeKey(EcoinLedger.BILL, EcoinLedger.period(a.period()), a.accountId()), bill);
        }
        PeriodRecord closed = current.close(EcoinLedger.at(ctx), billed);
        StateIo.write(ctx, ctx.compositeKey(EcoinLedger.PERIOD, EcoinLedger.period(current.period())), closed);
        EcoinLedger.writeCurrentPeriod(ctx, PeriodRecord.open(current.period() + 1, EcoinLedger.at(ctx)));
        return EcoinLedger.result(ctx, "EcoinPeriodClosed", closed);
    }

    /** A period argument as its key attribute. */
    static String periodOf(String text) {
        return EcoinLedger.period(io.neighbourgrid.protocol.Syntax.parseWindow(text));
    }
}
