package io.neighbourgrid.sim.negotiation;

import io.neighbourgrid.negotiation.NegotiationResult;
import io.neighbourgrid.protocol.negotiation.TradeRecording;

/**
 * One run of the negotiation on a ledger.
 *
 * @param variant     {@code plain} or {@code private}
 * @param result      the outcome
 * @param seconds     wall-clock seconds from the first iteration to the recorded trades
 * @param recording   the trades as the ledger recorded them
 * @param decryptions proven decryptions the contract verified
 */
public record ScenarioRun(String variant, NegotiationResult result, double seconds, TradeRecording recording,
                          int decryptions) {
}
