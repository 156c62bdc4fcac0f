package io.neighbourgrid.chaincode.partners;

import io.neighbourgrid.chaincode.Callers;
import io.neighbourgrid.chaincode.StateIo;
import io.neighbourgrid.chaincode.StateKeys;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.Syntax;
import io.neighbourgrid.protocol.contract.TxContext;
import io.neighbourgrid.protocol.partners.Agreement;
import io.neighbourgrid.protocol.partners.AgreementStatus;
import io.neighbourgrid.protocol.partners.PartnerStatement;
import io.neighbourgrid.protocol.partners.TransferRecord;
import io.neighbourgrid.protocol.state.HomeRecord;
import io.neighbourgrid.protocol.state.Settlement;
import io.neighbourgrid.protocol.state.WindowPhase;
import io.neighbourgrid.protocol.state.WindowRecord;
import java.time.Instant;
import java.util.Collection;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The two parties' commitments to a window's partner transfer ({@code docs/partners.md}, section 4): each party
 * records the SHA-256 of the statement both hold ({@link PartnerStatement}); the second must record the first's.
 * The ledger so shows that both agreed on the window's settlement, never its amounts. State: {@value #TRANSFER}
 * (agreement id, window) holds a {@link TransferRecord}. Event: {@code TransferRecorded}, whose payload is the record.
 */
final class Transfers {
    static final String TRANSFER = "PARTNERTRANSFER";

    private final SortedSet<String> communityMspIds;

    Transfers(Collection<String> communityMspIds) {
        this.communityMspIds = new TreeSet<>(communityMspIds);
    }

    /** {@code recordTransfer(agreementId, t, commitmentHex)}. */
    String record(TxContext ctx, String agreementId, String window, String commitment) {
        long t = Syntax.parseWindow(window);
        if (!PartnerStatement.COMMITMENT.matcher(commitment).matches()) {
            throw ErrorCode.INVALID_ARGUMENT.exception("a transfer commitment is 64 lower-case hex digits");
        }
        Agreement a = Agreements.read(ctx, agreementId);
        HomeRecord caller = Callers.home(ctx, communityMspIds);
        if (!a.terms().party(caller.homeId())) {
            throw ErrorCode.NOT_A_PARTY.exception("home " + caller.homeId() + " is not a party of agreement "
                    + agreementId);
        }
        Instant settledAt = settledAt(ctx, t);
        if (!a.appliesAt(settledAt)) {
            throw ErrorCode.AGREEMENT_NOT_IN_FORCE.exception("agreement " + agreementId + " was not in force when "
                    + "window " + t + " was settled at " + settledAt + (a.status() == AgreementStatus.REVOKED
                    ? " (revoked at " + a.revokedAt() + ")" : ""));
        }
        String key = ctx.compositeKey(TRANSFER, agreementId, Syntax.window(t));
        TransferRecord existing = StateIo.read(ctx, key, TransferRecord.class);
        TransferRecord written;
        if (existing == null) {
            written = new TransferRecord(agreementId, t, commitment, caller.homeId(), ctx.txTimestamp().toString(),
                    null, null);
        } else if (existing.confirmed() || existing.recordedBy().equals(caller.homeId())) {
            throw ErrorCode.DUPLICATE_SUBMISSION.exception("home " + caller.homeId() + " recorded the transfer of "
                    + "agreement " + agreementId + ", window " + t + " already");
        } else if (!existing.commitment().equals(commitment)) {
            throw ErrorCode.TRANSFER_MISMATCH.exception("home " + existing.recordedBy() + " recorded another "
                    + "statement of agreement " + agreementId + ", window " + t + "; the parties must settle it first");
        } else {
            written = new TransferRecord(agreementId, t, commitment, existing.recordedBy(), existing.recordedAt(),
                    caller.homeId(), ctx.txTimestamp().toString());
        }
        StateIo.write(ctx, key, written);
        ctx.setEvent("TransferRecorded", CanonicalJson.toBytes(written));
        return CanonicalJson.toJson(written);
    }

    /** {@code getTransfer(agreementId, t)}. */
    static String get(TxContext ctx, String agreementId, String window) {
        long t = Syntax.parseWindow(window);
        Agreements.read(ctx, agreementId);
        TransferRecord r = StateIo.read(ctx, ctx.compositeKey(TRANSFER, agreementId, Syntax.window(t)),
                TransferRecord.class);
        if (r == null) {
            throw ErrorCode.UNKNOWN_WINDOW.exception("no transfer of agreement " + agreementId + " is recorded for "
                    + "window " + t);
        }
        return CanonicalJson.toJson(r);
    }

    /** The settlement timestamp of a settled window ({@code UNKNOWN_WINDOW}, {@code WRONG_PHASE}). */
    private static Instant settledAt(TxContext ctx, long t) {
        WindowRecord w = StateIo.read(ctx, StateKeys.window(t), WindowRecord.class);
        if (w == null) {
            throw ErrorCode.UNKNOWN_WINDOW.exception("window " + t + " was never opened");
        }
        Settlement s = StateIo.read(ctx, StateKeys.settlement(t), Settlement.class);
        if (w.phase() != WindowPhase.SETTLED || s == null) {
            throw ErrorCode.WRONG_PHASE.exception("window " + t + " is in phase " + w.phase() + "; partner transfers "
                    + "follow its settlement");
        }
        return Instant.parse(s.settledAt());
    }
}
