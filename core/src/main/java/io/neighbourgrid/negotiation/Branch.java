package io.neighbourgrid.negotiation;

/**
 * A line of the network in the DC power-flow model (seed 002, Section 2.2): its end buses and series reactance.
 *
 * @param from      the sending bus (1-based); positive flow goes from {@code from} to {@code to}
 * @param to        the receiving bus (1-based)
 * @param reactance series reactance in per unit, positive
 */
public record Branch(int from, int to, double reactance) {
    public Branch {
        if (from < 1 || to < 1 || from == to) {
            throw new IllegalArgumentException("a branch joins two different buses: " + from + "-" + to);
        }
        if (!(reactance > 0) || !Double.isFinite(reactance)) {
            throw new IllegalArgumentException("branch " + from + "-" + to + " needs a positive reactance");
        }
    }

    /** The line's name, {@code from-to}. */
    public String name() {
        return from + "-" + to;
    }
}
