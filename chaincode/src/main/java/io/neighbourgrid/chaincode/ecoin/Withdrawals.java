package io.neighbourgrid.chaincode.ecoin;

import io.neighbourgrid.chaincode.StateIo;
import io.neighbourgrid.crypto.blind.BlindRsaPublicKey;
import io.neighbourgrid.crypto.blind.BlindSignatures;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.contract.TxContext;
import io.neighbourgrid.protocol.ecoin.Account;
import io.neighbourgrid.protocol.ecoin.EcoinConfig;
import io.neighbourgrid.protocol.ecoin.EcoinJson;
import io.neighbourgrid.protocol.ecoin.IssueArgs;
import io.neighbourgrid.protocol.ecoin.WithdrawalArgs;
import io.neighbourgrid.protocol.ecoin.WithdrawalBatch;
import java.math.BigInteger;
import java.util.List;

/**
 * Section 5.4.1, wallet loading, with Procedure 1 (e-coin withdrawal): an identified account posts blinded
 * messages, the substation answers with blind signatures, and the contract checks every answer
 * ({@code s^e mod n == m}) before it counts the coins against the account. The ledger learns how many coins an
 * account withdrew, never which.
 */
final class Withdrawals {
    private final EcoinLedger ledger;

    Withdrawals(EcoinLedger ledger) {
        this.ledger = ledger;
    }

    /** {@code requestWithdrawal(batchId, withdrawalJson)}: a meter's own identity, or the operator for the grid. */
    String requestWithdrawal(TxContext ctx, String batchId, String withdrawalJson) {
        EcoinConfig config = EcoinLedger.config(ctx);
        String account = ledger.identifiedAccount(ctx, config, "a withdrawal");
        String id = EcoinJson.id(batchId, "batchId");
        String key = ctx.compositeKey(EcoinLedger.BATCH, id);
        if (ctx.getState(key) != null) {
            throw ErrorCode.DUPLICATE_SUBMISSION.exception("withdrawal batch " + id + " exists");
        }
        WithdrawalArgs args = WithdrawalArgs.parse(withdrawalJson, config.settings().maxBatch());
        BlindRsaPublicKey pk = config.settings().publicKey();
        for (int i = 0; i < args.blindedMessages().size(); i++) {
            requireBlindedMessage(pk, args.blindedMessages().get(i), "withdrawal.blindedMessages[" + i + "]");
        }
        WithdrawalBatch batch = new WithdrawalBatch(id, account, EcoinLedger.currentPeriod(ctx).period(),
                args.blindedMessages(), List.of(), EcoinLedger.at(ctx), null);
        StateIo.write(ctx, key, batch);
        return EcoinLedger.result(ctx, "EcoinWithdrawalRequested", batch);
    }

    /** {@code issueWithdrawal(batchId, issueJson)}: the operator; counts the coins against the batch's account. */
    String issueWithdrawal(TxContext ctx, String batchId, String issueJson) {
        ledger.requireOperator(ctx, "issue coins");
        EcoinConfig config = EcoinLedger.config(ctx);
        String id = EcoinJson.id(batchId, "batchId");
        WithdrawalBatch batch = StateIo.read(ctx, ctx.compositeKey(EcoinLedger.BATCH, id), WithdrawalBatch.class);
        if (batch == null) {
            throw ErrorCode.UNKNOWN_BATCH.exception("no withdrawal batch " + id);
        }
        if (batch.issued()) {
            throw ErrorCode.DUPLICATE_SUBMISSION.exception("withdrawal batch " + id + " was issued already");
        }
        IssueArgs args = IssueArgs.parse(issueJson, config.settings().maxBatch());
        if (args.blindSignatures().size() != batch.blindedMessages().size()) {
            throw ErrorCode.INVALID_ARGUMENT.exception("batch " + id + " has " + batch.blindedMessages().size()
                    + " blinded messages, got " + args.blindSignatures().size() + " signatures");
        }
        BlindRsaPublicKey pk = config.settings().publicKey();
        for (int i = 0; i < args.blindSignatures().size(); i++) {
            requireOpens(pk, batch.blindedMessages().get(i), args.blindSignatures().get(i),
                    "issue.blindSignatures[" + i + "]");
        }
        long period = EcoinLedger.currentPeriod(ctx).period();
        WithdrawalBatch issued = new WithdrawalBatch(id, batch.accountId(), period, batch.blindedMessages(),
                args.blindSignatures(), batch.requestedAt(), EcoinLedger.at(ctx));
        StateIo.write(ctx, ctx.compositeKey(EcoinLedger.BATCH, id), issued);
        Account account = EcoinLedger.account(ctx, period, batch.accountId());
        EcoinLedger.writeAccount(ctx, account.withdraw(args.blindSignatures().size()));
        return EcoinLedger.result(ctx, "EcoinWithdrawalIssued", issued);
    }

    /** Requires a Base64 blinded message of exactly {@code k} bytes below the modulus. */
    static byte[] requireBlindedMessage(BlindRsaPublicKey pk, String base64, String what) {
        byte[] m = EcoinJson.base64(base64, what, pk.modulusBytes());
        if (m.length != pk.modulusBytes() || new BigInteger(1, m).compareTo(pk.n()) >= 0) {
            throw ErrorCode.INVALID_ARGUMENT.exception(what + " must be " + pk.modulusBytes()
                    + " bytes below the modulus");
        }
        return m;
    }

    /** Requires {@code blindSig^e mod n == blindedMessage}. */
    static void requireOpens(BlindRsaPublicKey pk, String blindedMessage, String blindSig, String what) {
        byte[] m = EcoinJson.base64(blindedMessage, "blinded message", pk.modulusBytes());
        byte[] s = EcoinJson.base64(blindSig, what, pk.modulusBytes());
        if (!BlindSignatures.opens(pk, m, s)) {
            throw ErrorCode.INVALID_BLIND_SIGNATURE.exception(what + " is not the substation's signature of its "
                    + "blinded message");
        }
    }
}
