package io.neighbourgrid.protocol.billing.state;

import java.util.Objects;

/**
 * The billing party and its terms; stored once under {@code BILLING}. The billing party is one identity of the
 * operator organisation; it holds the Paillier key under which homes and meters encrypt everything billing needs,
 * and is the only identity that may post market-balance checks and bills. The key is registered once per market:
 * there is no rotation.
 *
 * @param billingKey       the billing party's Paillier public key, Base64 of its canonical encoding
 * @param keyFingerprint   the key's fingerprint
 * @param keyBits          the key's modulus length
 * @param keyProof         its key-correctness proof, Base64, bound to {@code (channel, 0, "billing-key",
 *                         "billing-party")}
 * @param reportingSeconds how long after a window's settlement its settlement records and meter reports are
 *                         accepted; bills and balance checks of a window wait until this reporting period is over
 * @param mspId            the billing identity's organisation (the operator's)
 * @param certificateHash  the billing identity's certificate hash
 * @param registeredAt     the registration transaction's timestamp
 * @param txId             the registration transaction's id
 */
public record BillingConfig(String billingKey, String keyFingerprint, int keyBits, String keyProof,
                            long reportingSeconds, String mspId, String certificateHash, String registeredAt,
                            String txId) {
    public BillingConfig {
        Objects.requireNonNull(billingKey, "billingKey");
        Objects.requireNonNull(keyProof, "keyProof");
        Objects.requireNonNull(mspId, "mspId");
        Objects.requireNonNull(certificateHash, "certificateHash");
        Objects.requireNonNull(txId, "txId");
        if (reportingSeconds <= 0) {
            throw new IllegalArgumentException("reportingSeconds must be positive, got " + reportingSeconds);
        }
    }

    /**
     * Whether {@code submitter} is the billing identity.
     *
     * @param submitter an identity
     * @return {@code true} for the registered billing identity
     */
    public boolean isBillingParty(Submitter submitter) {
        return mspId.equals(submitter.mspId()) && certificateHash.equals(submitter.certificateHash());
    }
}
