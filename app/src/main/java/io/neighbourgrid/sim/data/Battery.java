package io.neighbourgrid.sim.data;

import io.neighbourgrid.market.Scales;
import java.util.Random;

/**
 * A home battery and its dispatch rule, which yields the battery flow {@code b} of PEM Eq. 1 (positive when
 * charging, negative when discharging).
 *
 * <p>Rule, window by window, on the home's surplus {@code s = g - l}: if {@code s > 0} the battery charges
 * {@code floor(s * chargeShare)}, the rest being offered to the market (a battery that swallowed the whole surplus
 * would keep its home out of the market all day); if {@code s < 0} it discharges to cover the whole deficit. Both
 * are limited by the power rating over the window and by the free or stored energy. Losses are not modelled in
 * the state of charge; they enter the market only through the home's epsilon (PEM Eq. 4).
 *
 * @param capacity      usable capacity, energy units (10^-6 kWh), non-negative
 * @param maxPowerWatts power rating for charging and discharging, watts, non-negative
 * @param initialCharge stored energy before the first window, energy units, in {@code [0, capacity]}
 * @param chargeShare   share of a surplus that goes into the battery, in [0, 1]
 */
public record Battery(long capacity, long maxPowerWatts, long initialCharge, double chargeShare) {

    /**
     * Validates the battery.
     *
     * @throws IllegalArgumentException if a value is out of range
     */
    public Battery {
        if (capacity < 0 || maxPowerWatts < 0) {
            throw new IllegalArgumentException("battery capacity and power must be non-negative");
        }
        if (initialCharge < 0 || initialCharge > capacity) {
            throw new IllegalArgumentException("initial charge " + initialCharge + " outside [0, " + capacity + "]");
        }
        if (!(chargeShare >= 0 && chargeShare <= 1)) {
            throw new IllegalArgumentException("charge share " + chargeShare + " outside [0, 1]");
        }
    }

    /**
     * A typical home battery: 5-13.5 kWh usable, 2.5-5 kW, 20-60 % charged at the start, charging half of each
     * surplus.
     *
     * @param random the source of randomness
     * @return the battery
     */
    public static Battery sample(Random random) {
        long capacity = Math.round((5.0 + random.nextDouble() * 8.5) * Scales.ENERGY);
        long watts = Math.round(2500.0 + random.nextDouble() * 2500.0);
        long initial = Math.round(capacity * (0.2 + random.nextDouble() * 0.4));
        return new Battery(capacity, watts, initial, 0.5);
    }

    /**
     * Energy the battery can move in one window at its power rating.
     *
     * @param windowSeconds window length, seconds
     * @return energy units: {@code W * s / 3600} Wh, i.e. {@code W * s * 5 / 18} units of 10^-6 kWh
     */
    public long maxEnergyPerWindow(long windowSeconds) {
        return Math.multiplyExact(Math.multiplyExact(maxPowerWatts, windowSeconds), 5L) / 18L;
    }

    /**
     * Battery flow per window for the given generation and load.
     *
     * @param generation    {@code g} per window, energy units
     * @param load          {@code l} per window, energy units, same length
     * @param windowSeconds window length, seconds
     * @return {@code b} per window, energy units
     * @throws IllegalArgumentException if the arrays differ in length
     */
    public long[] dispatch(long[] generation, long[] load, long windowSeconds) {
        if (generation.length != load.length) {
            throw new IllegalArgumentException("generation and load differ in length");
        }
        long limit = maxEnergyPerWindow(windowSeconds);
        long charge = initialCharge;
        long[] flow = new long[generation.length];
        for (int t = 0; t < flow.length; t++) {
            long surplus = Math.subtractExact(generation[t], load[t]);
            long b;
            if (surplus > 0) {
                long wanted = (long) Math.floor(surplus * chargeShare);
                b = Math.min(Math.min(wanted, limit), capacity - charge);
            } else {
                b = -Math.min(Math.min(-surplus, limit), charge);
            }
            charge += b;
            flow[t] = b;
        }
        return flow;
    }
}
