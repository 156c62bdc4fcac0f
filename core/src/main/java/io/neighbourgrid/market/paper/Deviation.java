package io.neighbourgrid.market.paper;

import java.util.Objects;
import java.util.Optional;

/**
 * One quantity of an observed window that differs from what the paper's exact answer and the documented rounding
 * allow.
 *
 * @param quantity what differs
 * @param homeId   the home concerned, or {@code null} for a window-wide quantity
 * @param expected what the documented rounding of the exact answer gives (or the allowed range)
 * @param observed what was observed
 * @param detail   the exact value and the rule or bound that was broken
 */
public record Deviation(Quantity quantity, String homeId, String expected, String observed, String detail) {

    /** The quantities a check compares. */
    public enum Quantity {
        /** Market type or grid-only decision (exact: comparison of integers, PEM Section III-D). */
        CLEARING,
        /** Market price: {@code floor} of the exact clamped price of the documented {@code d} (Eq. 13, 14). */
        PRICE,
        /** Fill ratio: {@code floor(E_short / E_long * 2^40)}. */
        FILL_RATIO,
        /** Short-side volume: all of {@code |sn|} (Protocol 4). */
        SHORT_SIDE_VOLUME,
        /** Long-side volume: {@code floor(|sn| * rho / 2^40)}, within the proven bound of {@code |sn| * r}. */
        LONG_SIDE_VOLUME,
        /** A home outside the market (off market, excluded, grid-only window) with a market volume. */
        OFF_MARKET_VOLUME,
        /** Sold and bought market volumes differ by more than the proven residual bound. */
        CONSERVATION,
        /** Market money: {@code floor(volume * price / 10^6)} of the observed volume and price. */
        MARKET_MONEY,
        /** Grid money: {@code floor((|sn| - volume) * gridPrice / 10^6)} of the observed volume. */
        GRID_MONEY,
        /** An observed home that is not among the window's inputs. */
        UNKNOWN_HOME
    }

    /**
     * Validates the record.
     *
     * @throws NullPointerException if a required component is null
     */
    public Deviation {
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(observed, "observed");
        Objects.requireNonNull(detail, "detail");
    }

    /**
     * The home concerned.
     *
     * @return the home id, or empty for a window-wide quantity
     */
    public Optional<String> home() {
        return Optional.ofNullable(homeId);
    }

    @Override
    public String toString() {
        return quantity + (homeId == null ? "" : " of " + homeId) + ": expected " + expected + ", observed "
                + observed + " (" + detail + ")";
    }
}
