package io.neighbourgrid.report;

import io.neighbourgrid.sim.data.CommunityDay;
import io.neighbourgrid.sim.data.HomeProfile;
import java.util.List;
import java.util.Optional;

/**
 * Sums of a community's inputs, in energy units: per window over the homes, and per home over the reported
 * windows. Battery flows are split into charging ({@code b > 0}) and discharging ({@code b < 0}, given as a
 * positive amount), since one home may charge while another discharges.
 *
 * @param generation  {@code sum g}
 * @param load        {@code sum l}
 * @param charge      {@code sum max(b, 0)}
 * @param discharge   {@code sum max(-b, 0)}
 */
record InputTotals(long generation, long load, long charge, long discharge) {

    static final InputTotals ZERO = new InputTotals(0, 0, 0, 0);

    /** Net energy of the homes before trading: generation minus load minus battery charging plus discharging. */
    long net() {
        return generation - load - charge + discharge;
    }

    InputTotals plus(HomeProfile h, int slot) {
        long b = h.battery(slot);
        return new InputTotals(Math.addExact(generation, h.generation(slot)), Math.addExact(load, h.load(slot)),
                Math.addExact(charge, Math.max(b, 0)), Math.addExact(discharge, Math.max(-b, 0)));
    }

    /** The community's inputs in one window, or empty if the window is outside the day. */
    static Optional<InputTotals> window(CommunityDay day, long index) {
        if (index < 0 || index >= day.windows()) {
            return Optional.empty();
        }
        InputTotals t = ZERO;
        for (HomeProfile h : day.homes()) {
            t = t.plus(h, (int) index);
        }
        return Optional.of(t);
    }

    /** One home's inputs over the reported windows that lie within the day. */
    static InputTotals home(CommunityDay day, HomeProfile h, List<WindowReport> windows) {
        InputTotals t = ZERO;
        for (WindowReport w : windows) {
            if (w.index() >= 0 && w.index() < day.windows()) {
                t = t.plus(h, (int) w.index());
            }
        }
        return t;
    }
}
