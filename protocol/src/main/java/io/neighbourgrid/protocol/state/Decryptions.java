package io.neighbourgrid.protocol.state;

/**
 * The two selected homes' verified decryptions of a window's totals, each present once posted (in either order).
 *
 * @param responder r1's decryption of {@code T_r1} ({@code totalsForResponder})
 * @param initiator r2's decryption of {@code T_r2} ({@code totalsForInitiator})
 */
public record Decryptions(TotalsDecryption responder, TotalsDecryption initiator) {
    public Decryptions {
        if (responder == null && initiator == null) {
            throw new IllegalArgumentException("decryptions are recorded once the first is posted");
        }
    }

    /**
     * Whether {@code homeId} has posted its decryption.
     *
     * @param homeId a home id
     * @return {@code true} if one of the two decryptions was posted by that home
     */
    public boolean postedBy(String homeId) {
        return (responder != null && responder.homeId().equals(homeId))
                || (initiator != null && initiator.homeId().equals(homeId));
    }

    /**
     * Whether both decryptions are present, so that their sum, the packed totals, is known.
     *
     * @return {@code true} when r1 and r2 have both posted
     */
    public boolean complete() {
        return responder != null && initiator != null;
    }
}
