package io.neighbourgrid.chaincode.ecoin;

import io.neighbourgrid.chaincode.StateIo;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.Syntax;
import io.neighbourgrid.protocol.contract.Creator;
import io.neighbourgrid.protocol.contract.TxContext;
import io.neighbourgrid.protocol.ecoin.Account;
import io.neighbourgrid.protocol.ecoin.EcoinConfig;
import io.neighbourgrid.protocol.ecoin.EcoinSettings;
import io.neighbourgrid.protocol.ecoin.MeterBinding;
import io.neighbourgrid.protocol.ecoin.PeriodRecord;

/**
 * Section 5.2, set up: the substation certifies its blind-signature key by writing it to the ledger, and each meter
 * binds its own identity (its credential for identified steps) to its id.
 */
final class Setup {
    private final EcoinLedger ledger;

    Setup(EcoinLedger ledger) {
        this.ledger = ledger;
    }

    /** {@code configure(settingsJson)}: the operator, once; opens billing period 0. */
    String configure(TxContext ctx, String settingsJson) {
        ledger.requireOperator(ctx, "configure the e-coin system");
        if (ctx.getState(ctx.compositeKey(EcoinLedger.CONFIG)) != null) {
            throw ErrorCode.ECOIN_ALREADY_CONFIGURED.exception("the e-coin key and settings are set once");
        }
        EcoinSettings settings = EcoinSettings.parse(settingsJson);
        if (!ledger.communityMspIds().contains(settings.sharedMspId())) {
            throw ErrorCode.INVALID_ARGUMENT.exception("the shared identity's organisation " + settings.sharedMspId()
                    + " is not a community organisation " + ledger.communityMspIds());
        }
        EcoinConfig config = new EcoinConfig(settings, EcoinLedger.at(ctx));
        StateIo.write(ctx, ctx.compositeKey(EcoinLedger.CONFIG), config);
        EcoinLedger.writeCurrentPeriod(ctx, PeriodRecord.open(0, EcoinLedger.at(ctx)));
        return EcoinLedger.result(ctx, "EcoinConfigured", config);
    }

    /** {@code registerMeter(meterId)}: a meter's own identity, once per meter and per identity. */
    String registerMeter(TxContext ctx, String meterId) {
        EcoinConfig config = EcoinLedger.config(ctx);
        Creator c = ctx.creator();
        if (!ledger.communityMspIds().contains(c.mspId())) {
            throw ErrorCode.UNAUTHORIZED_ORG.exception("organisation " + c.mspId() + " has no meters");
        }
        if (EcoinLedger.isShared(ctx, config)) {
            throw ErrorCode.SHARED_IDENTITY_IDENTIFIES.exception("the shared identity cannot be a meter's identity");
        }
        String id = Syntax.parseHomeId(meterId);
        if (id.equals(Account.GRID)) {
            throw ErrorCode.INVALID_ARGUMENT.exception("meter id '" + Account.GRID
                    + "' names the substation's account");
        }
        if (ctx.getState(ctx.compositeKey(EcoinLedger.METER, id)) != null) {
            throw ErrorCode.HOME_ALREADY_REGISTERED.exception("meter " + id + " is registered already");
        }
        String identityKey = ctx.compositeKey(EcoinLedger.IDENTITY, c.mspId(), c.certificateHash());
        if (ctx.getState(identityKey) != null) {
            throw ErrorCode.IDENTITY_ALREADY_BOUND.exception("the calling identity is bound to another meter");
        }
        MeterBinding binding = new MeterBinding(id, c.mspId(), c.certificateHash(), EcoinLedger.at(ctx));
        StateIo.write(ctx, ctx.compositeKey(EcoinLedger.METER, id), binding);
        StateIo.write(ctx, identityKey, binding);
        return EcoinLedger.result(ctx, "EcoinMeterRegistered", binding);
    }
}
