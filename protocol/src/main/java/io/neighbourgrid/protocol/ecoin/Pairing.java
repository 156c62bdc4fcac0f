package io.neighbourgrid.protocol.ecoin;

/**
 * One run of Procedure 6 (pairing and payment), keyed by its request. Fields fill in as the phases pass.
 *
 * @param requestId           the request {@code j}
 * @param offerId             the offer {@code i}
 * @param period              the billing period it counts in
 * @param offerSource         who offered
 * @param requestSource       who requested
 * @param paymentKey          the paired offer's one-time payment key, as the pairing message carries {@code Pub_i}
 * @param phase               the last step passed
 * @param requestedAt         the request's timestamp (pairing time is {@code closedAt - requestedAt})
 * @param pairedAt            the pairing's timestamp
 * @param payment             the payment message, once paid
 * @param ephemeralKey        Base64 X.509 of the payee's one-time ECDSA key, once checked (empty for the grid)
 * @param freshBlindedMessage the blinded message of the payee's fresh coin, once requested
 * @param freshBlindSignature its blind signature, once issued
 * @param closedAt            the receipt's timestamp, once closed
 */
public record Pairing(String requestId, String offerId, long period, Party offerSource, Party requestSource,
                      String paymentKey, PairingPhase phase, String requestedAt,
                      String pairedAt, PaymentArgs payment, String ephemeralKey,
                      String freshBlindedMessage, String freshBlindSignature, String closedAt) {
    /** A pairing just made. */
    public static Pairing of(Offer offer, EnergyRequest request, long period, String at) {
        return new Pairing(request.requestId(), offer.offerId(), period, offer.source(), request.source(),
                offer.paymentKey(), PairingPhase.PAIRED, request.postedAt(), at, null, null, null, null, null);
    }

    /** Paid. */
    public Pairing paid(PaymentArgs p) {
        return next(PairingPhase.PAID, p, null, null, null, null);
    }

    /** Checked, with the payee's ephemeral key. */
    public Pairing checked(String key) {
        return next(PairingPhase.CHECKED, payment, key, null, null, null);
    }

    /** Fresh coin requested. */
    public Pairing freshRequested(String blinded) {
        return next(PairingPhase.FRESH_REQUESTED, payment, ephemeralKey, blinded, null, null);
    }

    /** Fresh coin issued. */
    public Pairing freshIssued(String blindSignature) {
        return next(PairingPhase.FRESH_ISSUED, payment, ephemeralKey, freshBlindedMessage, blindSignature, null);
    }

    /** Closed by the matching receipt. */
    public Pairing closed(String at) {
        return next(PairingPhase.CLOSED, payment, ephemeralKey, freshBlindedMessage, freshBlindSignature, at);
    }

    /** Cancelled by the substation. */
    public Pairing cancelled(String at) {
        return next(PairingPhase.CANCELLED, payment, ephemeralKey, freshBlindedMessage, freshBlindSignature, at);
    }

    private Pairing next(PairingPhase to, PaymentArgs pay, String key, String blinded, String signature,
                         String at) {
        return new Pairing(requestId, offerId, period, offerSource, requestSource, paymentKey, to, requestedAt,
                pairedAt, pay, key, blinded, signature, at);
    }

    /** Whether the payee gets a fresh coin: a meter does, the substation does not. */
    public boolean payeeIsMeter() {
        return offerSource == Party.METER;
    }
}
