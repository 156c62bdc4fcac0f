package io.neighbourgrid.protocol.billing.state;

/**
 * The payload of a billing transaction's chaincode event; absent fields are omitted.
 *
 * @param window    the window concerned
 * @param homeId    the home concerned
 * @param period    the bill's period {@code from-to}
 * @param disputeId the dispute concerned
 */
public record BillingEventPayload(Long window, String homeId, String period, String disputeId) {
}
