package io.neighbourgrid.protocol.ecoin;

/** Who stands behind an offer or a request: an unnamed meter of the microgrid, or the substation for the grid. */
public enum Party {
    /** A meter, unidentified (posted under the shared identity). */
    METER,
    /** The substation, trading with the main grid. */
    GRID
}
