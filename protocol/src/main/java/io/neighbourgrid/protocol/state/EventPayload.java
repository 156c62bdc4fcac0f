package io.neighbourgrid.protocol.state;

/**
 * The payload of the single chaincode event every submitted transaction sets: enough for a client to follow a
 * window's progress and then query {@code getWindow}. Absent fields are omitted from the JSON.
 *
 * @param window the window, when the transaction concerns one
 * @param phase  the window's phase after the transaction
 * @param homeId the home the transaction concerns (registration, declaration, contribution, claim)
 * @param step   unused by the market (kept for the other contracts' events); null
 */
public record EventPayload(Long window, WindowPhase phase, String homeId, Integer step) {
}
