package io.neighbourgrid.chaincode.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.neighbourgrid.chaincode.StateKeys;
import io.neighbourgrid.chaincode.billing.BillingHarness.TestHome;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.billing.MeterSignatures;
import io.neighbourgrid.protocol.billing.state.MeterRegistration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code registerMeter} ({@link Meters}): a home's meter key, its replacement, and keys that are refused. */
class MetersTest {
    private final BillingHarness m = new BillingHarness();

    @BeforeEach
    void twoHomesWithMeters() {
        m.setUp("h1", "h2");
    }

    @Test
    void aHomeRegistersAndReplacesItsMeterKey() {
        TestHome h = m.homes.get("h1");
        MeterRegistration first = CanonicalJson.fromJson(m.query("getMeter", "h1"), MeterRegistration.class);
        assertEquals(1, first.version());
        var replacement = BillingHarness.meterKeyPair(MeterSignatures.CURVE);
        m.submit(h.creator, "registerMeter", MeterSignatures.toPem(replacement.getPublic()));
        MeterRegistration second = CanonicalJson.fromJson(m.query("getMeter", "h1"), MeterRegistration.class);
        assertEquals(2, second.version());
        assertEquals(MeterSignatures.fingerprint(replacement.getPublic()), second.fingerprint());
        assertEquals(2, m.engine.getHistoryForKey(StateKeys.meter("h1")).size());
    }

    @Test
    void aMeterKeyServesOneHomeOnly() {
        m.rejects(ErrorCode.METER_KEY_IN_USE, m.homes.get("h2").creator, "registerMeter",
                MeterSignatures.toPem(m.homes.get("h1").meter.getPublic()));
    }

    @Test
    void keysOffCurveP256OrMalformedAreRejected() {
        TestHome h = m.homes.get("h1");
        m.rejects(ErrorCode.INVALID_METER_KEY, h.creator, "registerMeter",
                MeterSignatures.toPem(BillingHarness.meterKeyPair("secp384r1").getPublic()));
        m.rejects(ErrorCode.INVALID_METER_KEY, h.creator, "registerMeter", "not a key");
        m.rejects(ErrorCode.DUPLICATE_SUBMISSION, h.creator, "registerMeter",
                MeterSignatures.toPem(h.meter.getPublic()));
    }
}
