package io.neighbourgrid.protocol.ecoin;

/**
 * A meter's own identity bound to its id: identified steps (withdrawal, deposit) are counted against it.
 *
 * @param meterId         the meter's id
 * @param mspId           its identity's organisation
 * @param certificateHash the SHA-256 of its identity's certificate
 * @param registeredAt    the registering transaction's timestamp
 */
public record MeterBinding(String meterId, String mspId, String certificateHash, String registeredAt) {
}
