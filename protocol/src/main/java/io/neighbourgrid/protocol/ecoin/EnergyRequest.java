package io.neighbourgrid.protocol.ecoin;

/**
 * An energy request {@code Request_j = {"Request", j}} (Procedure 5).
 *
 * @param requestId the random serial number {@code j}
 * @param source    a meter (unidentified) or the grid
 * @param postedAt  the posting transaction's timestamp
 * @param paired    whether an offer was paired with it
 */
public record EnergyRequest(String requestId, Party source, String postedAt, boolean paired) {
    /** This request, paired. */
    public EnergyRequest pair() {
        return new EnergyRequest(requestId, source, postedAt, true);
    }
}
