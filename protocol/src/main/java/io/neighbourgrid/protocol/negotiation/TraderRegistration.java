package io.neighbourgrid.protocol.negotiation;

/**
 * A trader bound to a Fabric identity, stored once per trader.
 *
 * @param traderId        the trader
 * @param producer        whether it produces
 * @param mspId           its identity's organisation
 * @param certificateHash SHA-256 (hex) of its identity's certificate
 * @param paillierKey     a producer's Paillier public key (Base64), under which its pairs' prices are computed;
 *                        {@code null} for a consumer
 */
public record TraderRegistration(String traderId, boolean producer, String mspId, String certificateHash,
                                 String paillierKey) {
}
