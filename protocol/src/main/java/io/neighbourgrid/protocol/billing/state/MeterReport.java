package io.neighbourgrid.protocol.billing.state;

import java.util.Objects;

/**
 * A smart meter's report of one window for one home; stored once under {@code MREPORT~t~homeId}. The metered grid
 * import and export of the window, each encrypted under the billing key, and the meter's ECDSA signature over
 * {@code (channel, home, t, import, export)} ({@link io.neighbourgrid.protocol.billing.MeterSignatures}), verified
 * with the meter key registered for the home when the report was submitted. Whoever relays the report (the home's
 * controller, the operator's head-end) is recorded as {@code submittedBy}; the signature, not the relay, makes it
 * authentic.
 *
 * @param window           the window
 * @param homeId           the metered home
 * @param importEnergy     {@code Enc_B(I_t)}, Base64
 * @param exportEnergy     {@code Enc_B(X_t)}, Base64
 * @param signature        the meter's signature, Base64 of its DER encoding
 * @param meterFingerprint the fingerprint of the meter key that verified it
 * @param submittedBy      the relaying identity
 * @param submittedAt      the transaction timestamp
 * @param txId             the transaction id
 */
public record MeterReport(long window, String homeId, String importEnergy, String exportEnergy, String signature,
                          String meterFingerprint, Submitter submittedBy, String submittedAt, String txId) {
    public MeterReport {
        Objects.requireNonNull(homeId, "homeId");
        Objects.requireNonNull(importEnergy, "importEnergy");
        Objects.requireNonNull(exportEnergy, "exportEnergy");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(meterFingerprint, "meterFingerprint");
        Objects.requireNonNull(submittedBy, "submittedBy");
        Objects.requireNonNull(txId, "txId");
    }
}
