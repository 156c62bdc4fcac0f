package io.neighbourgrid.market.paper;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The fixed-point outcome of one window as the project computed it, in the project's units, to be checked against
 * the exact reference with {@link PaperWindow#check(ObservedWindow)}.
 *
 * @param clearing       general, extreme or grid only
 * @param priceUnits     the market price in price units (10^-6 cent per kWh); empty in a grid-only window
 * @param fillRatioUnits the long side's fill ratio in units of 2^-40 (ignored in a grid-only window)
 * @param homes          per home id, what it traded; a home that is absent traded nothing in the market
 */
public record ObservedWindow(PaperClearing clearing, OptionalLong priceUnits, long fillRatioUnits,
                             Map<String, ObservedHome> homes) {

    /**
     * Validates and copies the observation.
     *
     * @throws NullPointerException if a component is null
     */
    public ObservedWindow {
        Objects.requireNonNull(clearing, "clearing");
        Objects.requireNonNull(priceUnits, "priceUnits");
        homes = Map.copyOf(homes);
    }

    /**
     * An observation with market volumes only.
     *
     * @param clearing       the clearing
     * @param priceUnits     the price, empty when grid only
     * @param fillRatioUnits rho in units of 2^-40
     * @param volumes        per home id, the market volume in energy units
     * @return the observation
     */
    public static ObservedWindow of(PaperClearing clearing, OptionalLong priceUnits, long fillRatioUnits,
                                    Map<String, Long> volumes) {
        Map<String, ObservedHome> homes = new LinkedHashMap<>();
        volumes.forEach((id, v) -> homes.put(id, ObservedHome.volume(v)));
        return new ObservedWindow(clearing, priceUnits, fillRatioUnits, homes);
    }

    /**
     * A copy with another clearing.
     *
     * @param other the clearing
     * @return the copy
     */
    public ObservedWindow withClearing(PaperClearing other) {
        return new ObservedWindow(other, priceUnits, fillRatioUnits, homes);
    }

    /**
     * A copy with another price.
     *
     * @param units the price, empty for none
     * @return the copy
     */
    public ObservedWindow withPrice(OptionalLong units) {
        return new ObservedWindow(clearing, units, fillRatioUnits, homes);
    }

    /**
     * A copy with another fill ratio.
     *
     * @param units rho in units of 2^-40
     * @return the copy
     */
    public ObservedWindow withFillRatio(long units) {
        return new ObservedWindow(clearing, priceUnits, units, homes);
    }

    /**
     * A copy with one home's observation replaced or added.
     *
     * @param homeId the home
     * @param home   its observation
     * @return the copy
     */
    public ObservedWindow withHome(String homeId, ObservedHome home) {
        Map<String, ObservedHome> copy = new LinkedHashMap<>(homes);
        copy.put(homeId, home);
        return new ObservedWindow(clearing, priceUnits, fillRatioUnits, copy);
    }

    /**
     * The observation of one home.
     *
     * @param homeId the home
     * @return its observation, or a zero market volume if it is absent
     */
    public ObservedHome home(String homeId) {
        return homes.getOrDefault(homeId, ObservedHome.volume(0L));
    }
}
