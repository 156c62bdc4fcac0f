package io.neighbourgrid.protocol.ecoin;

/**
 * An energy offer {@code Offer_i = {"Offer", i, TimeStamp, Pub_i}} (Procedure 4), as the ledger holds it. The
 * one-time key {@code Pub_i} is split in two: the payer encrypts the coin to {@link #paymentKey()}, and the payee
 * proves it owns the offer with a signature under {@link #claimKey()} when it presents the coin.
 *
 * @param offerId    the random serial number {@code i}
 * @param source     a meter (unidentified) or the grid
 * @param paymentKey Base64 of the one-time HPKE (DHKEM P-256) public key
 * @param claimKey   Base64 X.509 of the one-time ECDSA P-256 public key
 * @param postedAt   the posting transaction's timestamp: the offer's {@code TimeStamp}
 * @param expiresAt  when the offer can no longer be paired
 * @param paired     whether a request was paired with it
 */
public record Offer(String offerId, Party source, String paymentKey, String claimKey, String postedAt,
                    String expiresAt, boolean paired) {
    /** This offer, paired. */
    public Offer pair() {
        return new Offer(offerId, source, paymentKey, claimKey, postedAt, expiresAt, true);
    }
}
