package io.neighbourgrid.chaincode.billing;

import static io.neighbourgrid.chaincode.StateIo.read;
import static io.neighbourgrid.chaincode.StateIo.write;
import static io.neighbourgrid.chaincode.billing.BillingChecks.timestamp;

import io.neighbourgrid.chaincode.StateKeys;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.billing.MeterSignatures;
import io.neighbourgrid.protocol.billing.state.BillingEventPayload;
import io.neighbourgrid.protocol.billing.state.MeterKeyBinding;
import io.neighbourgrid.protocol.billing.state.MeterRegistration;
import io.neighbourgrid.protocol.contract.TxContext;
import io.neighbourgrid.protocol.state.HomeRecord;
import java.security.interfaces.ECPublicKey;

/**
 * Step 2 of billing, meter keys: {@code registerMeter} ({@code docs/billing.md}, section 5, "Meter keys"). A key
 * serves one home forever ({@code METERKEY~fingerprint}); a home may replace its key, every version staying in the
 * history of {@code METER~home}.
 */
final class Meters {
    private final BillingChecks checks;

    Meters(BillingChecks checks) {
        this.checks = checks;
    }

    /** See {@link BillingLogic#registerMeter}. */
    String registerMeter(TxContext ctx, String pem) {
        HomeRecord home = checks.callerHome(ctx);
        ECPublicKey key;
        try {
            key = MeterSignatures.parsePublicKey(pem);
        } catch (IllegalArgumentException e) {
            throw ErrorCode.INVALID_METER_KEY.exception("meter key of home " + home.homeId() + " rejected: "
                    + e.getMessage(), e);
        }
        String fingerprint = MeterSignatures.fingerprint(key);
        MeterKeyBinding binding = read(ctx, StateKeys.meterKey(fingerprint), MeterKeyBinding.class);
        if (binding != null && !binding.homeId().equals(home.homeId())) {
            throw ErrorCode.METER_KEY_IN_USE.exception("meter key " + fingerprint.substring(0, 16)
                    + " is registered for home " + binding.homeId());
        }
        MeterRegistration current = read(ctx, StateKeys.meter(home.homeId()), MeterRegistration.class);
        if (current != null && current.fingerprint().equals(fingerprint)) {
            throw ErrorCode.DUPLICATE_SUBMISSION.exception("meter key " + fingerprint.substring(0, 16)
                    + " is already the registered key of home " + home.homeId());
        }
        MeterRegistration registration = new MeterRegistration(home.homeId(), MeterSignatures.canonical(key),
                fingerprint, current == null ? 1 : current.version() + 1, timestamp(ctx), ctx.txId());
        write(ctx, StateKeys.meter(home.homeId()), registration);
        if (binding == null) {
            write(ctx, StateKeys.meterKey(fingerprint), new MeterKeyBinding(fingerprint, home.homeId()));
        }
        BillingEvent.METER_REGISTERED.emit(ctx, new BillingEventPayload(null, home.homeId(), null, null));
        return CanonicalJson.toJson(registration);
    }
}
