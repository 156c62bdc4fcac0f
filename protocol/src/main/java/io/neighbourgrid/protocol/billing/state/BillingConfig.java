package io.neighbourgrid.protocol.billing.state;

import io.neighbourgrid.protocol.billing.BillLayout;
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
 * @param minimumPeriodWindows the minimum billing period, in windows ({@value #MIN_PERIOD_WINDOWS} to
 *                         {@value BillLayout#MAX_PERIOD_WINDOWS}; {@value #DEFAULT_MINIMUM_PERIOD_WINDOWS}, a day of
 *                         one-minute windows, unless the registration says otherwise): a bill covers whole blocks
 *                         of this many windows, aligned at window 0, and at least this many opened windows, so that
 *                         no bill is a home's value of a short stretch of windows ({@code docs/billing.md},
 *                         section 9)
 * @param mspId            the billing identity's organisation (the operator's)
 * @param certificateHash  the billing identity's certificate hash
 * @param registeredAt     the registration transaction's timestamp
 * @param txId             the registration transaction's id
 */
public record BillingConfig(String billingKey, String keyFingerprint, int keyBits, String keyProof,
                            long reportingSeconds, long minimumPeriodWindows, String mspId, String certificateHash,
                            String registeredAt, String txId) {
    /** The shortest minimum billing period a registration may set: a single window would be published as such. */
    public static final long MIN_PERIOD_WINDOWS = 2;
    /** The minimum billing period when the registration does not set one: a day of one-minute windows. */
    public static final long DEFAULT_MINIMUM_PERIOD_WINDOWS = 1440;

    public BillingConfig {
        Objects.requireNonNull(billingKey, "billingKey");
        Objects.requireNonNull(keyProof, "keyProof");
        Objects.requireNonNull(mspId, "mspId");
        Objects.requireNonNull(certificateHash, "certificateHash");
        Objects.requireNonNull(txId, "txId");
        if (reportingSeconds <= 0) {
            throw new IllegalArgumentException("reportingSeconds must be positive, got " + reportingSeconds);
        }
        if (!validMinimumPeriod(minimumPeriodWindows)) {
            throw new IllegalArgumentException("minimumPeriodWindows must be " + MIN_PERIOD_WINDOWS + " to "
                    + BillLayout.MAX_PERIOD_WINDOWS + ", got " + minimumPeriodWindows);
        }
    }

    /**
     * Whether a minimum billing period is allowed: at least {@value #MIN_PERIOD_WINDOWS} windows and at most the
     * longest period a bill may cover.
     *
     * @param windows the minimum billing period, in windows
     * @return {@code true} if a registration may set it
     */
    public static boolean validMinimumPeriod(long windows) {
        return windows >= MIN_PERIOD_WINDOWS && windows <= BillLayout.MAX_PERIOD_WINDOWS;
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
