package io.neighbourgrid.market.paper;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The check of an observed window against a {@link PaperWindow}, behind {@link PaperWindow#check}: the quantities
 * compared, in the order of the {@link Verdict}'s deviations (clearing, price, fill ratio, unknown homes, homes in
 * input order, conservation), and the rule each must obey.
 *
 * <p>Tolerances (each proven in the package documentation): clearing exact; price exactly the floor of the exact
 * clamped price of the documented {@code D} (0 units; the paper's exact price is reported alongside); fill ratio
 * exactly {@code floor(r 2^40)}; short-side volume exactly {@code |sn|}; long-side volume exactly
 * {@code floor(|sn| rho / 2^40)}, reported with whether the deviation is within the proven bound
 * ({@link PaperWindow#longSideDeficitBound}); residual of the observed volumes in {@code [0, n_long]}; money, when
 * observed, exactly {@code floor} of the product of the observed volume and price. When the clearing differs
 * nothing else is compared; a home whose observed volume is outside {@code [0, |sn|]} has its money not compared.
 */
final class PaperCheck {

    private static final BigInteger ENERGY_SCALE = BigInteger.valueOf(FixedPoint.ENERGY);

    private PaperCheck() {
    }

    /**
     * Checks an observed window against the exact answer and the documented rounding.
     *
     * @param w        the exact answer
     * @param observed the project's outcome
     * @return the verdict
     * @throws NullPointerException if {@code observed} is null
     */
    static Verdict check(PaperWindow w, ObservedWindow observed) {
        Objects.requireNonNull(observed, "observed");
        PaperClearing clearing = w.clearing();
        List<Deviation> out = new ArrayList<>();
        if (observed.clearing() != clearing) {
            out.add(new Deviation(Deviation.Quantity.CLEARING, null, clearing.name(), observed.clearing().name(),
                    "E_s = " + w.supply() + " kWh, E_b = " + w.demand() + " kWh, " + w.sellers().size()
                            + " sellers, " + w.buyers().size() + " buyers, minimum coalition "
                            + w.parameters().minimumCoalitionSize()));
            return new Verdict(w, observed, out);
        }
        checkPrice(w, observed, out);
        if (clearing != PaperClearing.GRID_ONLY && observed.fillRatioUnits() != w.documentedFillRatioUnits()) {
            out.add(new Deviation(Deviation.Quantity.FILL_RATIO, null, Long.toString(w.documentedFillRatioUnits()),
                    Long.toString(observed.fillRatioUnits()),
                    "floor(" + w.fillRatio().orElseThrow() + " * 2^40)"));
        }
        for (String id : observed.homes().keySet()) {
            if (!w.includes(id)) {
                out.add(new Deviation(Deviation.Quantity.UNKNOWN_HOME, id, "absent",
                        Long.toString(observed.home(id).marketEnergyUnits()), "not an input of this window"));
            }
        }
        long sold = 0L;
        long bought = 0L;
        for (PaperHomeResult r : w.homes()) {
            ObservedHome o = observed.home(r.homeId());
            checkHome(w, r, o, observed.priceUnits(), out);
            if (r.inMarket()) {
                if (r.role() == PaperRole.SELLER) {
                    sold = Math.addExact(sold, o.marketEnergyUnits());
                } else {
                    bought = Math.addExact(bought, o.marketEnergyUnits());
                }
            }
        }
        if (clearing != PaperClearing.GRID_ONLY) {
            long residual = clearing == PaperClearing.GENERAL ? sold - bought : bought - sold;
            int nLong = w.longSideCount();
            if (residual < 0 || residual > nLong) {
                out.add(new Deviation(Deviation.Quantity.CONSERVATION, null, "[0, " + nLong + "]",
                        Long.toString(residual), "sold " + sold + ", bought " + bought
                                + " energy units; each long-side floor loses less than 1 + x/2^40 units"));
            }
        }
        return new Verdict(w, observed, out);
    }

    private static void checkPrice(PaperWindow w, ObservedWindow observed, List<Deviation> out) {
        if (w.clearing() == PaperClearing.GRID_ONLY) {
            if (observed.priceUnits().isPresent()) {
                out.add(new Deviation(Deviation.Quantity.PRICE, null, "none",
                        Long.toString(observed.priceUnits().getAsLong()), "a grid-only window has no market price"));
            }
            return;
        }
        PaperPrice documentedPrice = w.documentedPrice().orElseThrow();
        PaperPrice price = w.price().orElseThrow();
        long expected = documentedPrice.floorUnits();
        if (observed.priceUnits().isEmpty() || observed.priceUnits().getAsLong() != expected) {
            String seen = observed.priceUnits().isEmpty() ? "none" : Long.toString(observed.priceUnits().getAsLong());
            out.add(new Deviation(Deviation.Quantity.PRICE, null, Long.toString(expected), seen,
                    "documented price " + documentedPrice + " from D = " + w.documentedSumPricingTermUnits()
                            + " units; paper price " + price + ", floor " + price.floorUnits()
                            + "; documented rounding of d allows [" + price.floorUnits() + ", "
                            + w.priceUpperBoundUnits().getAsLong() + "]"));
        }
    }

    private static void checkHome(PaperWindow w, PaperHomeResult r, ObservedHome o, OptionalLong observedPrice,
                                  List<Deviation> out) {
        long v = o.marketEnergyUnits();
        long x = r.absNetEnergyUnits();
        if (!r.inMarket()) {
            if (v != 0L) {
                out.add(new Deviation(Deviation.Quantity.OFF_MARKET_VOLUME, r.homeId(), "0", Long.toString(v),
                        "the home trades |sn| = " + x + " units with the grid"));
            }
        } else if (r.role() == w.clearing().shortSide()) {
            if (v != x) {
                out.add(new Deviation(Deviation.Quantity.SHORT_SIDE_VOLUME, r.homeId(), Long.toString(x),
                        Long.toString(v), "the short side trades all of |sn| in the market (Protocol 4)"));
            }
        } else if (v != r.documentedMarketEnergyUnits()) {
            Rational exactUnits = r.marketEnergy().multiply(ENERGY_SCALE);
            Rational deficit = exactUnits.subtract(Rational.of(v));
            Rational bound = w.longSideDeficitBound(x);
            boolean inBound = deficit.signum() >= 0 && deficit.compareTo(bound) < 0;
            out.add(new Deviation(Deviation.Quantity.LONG_SIDE_VOLUME, r.homeId(),
                    Long.toString(r.documentedMarketEnergyUnits()), Long.toString(v),
                    "floor(" + x + " * " + w.documentedFillRatioUnits() + " / 2^40); exact |sn| r = "
                            + exactUnits.toDecimalString(6) + " units, deficit " + deficit.toDecimalString(6)
                            + (inBound ? " within" : " outside") + " the proven bound [0, "
                            + bound.toDecimalString(12) + ")"));
        }
        if (v < 0 || v > x) {
            return;
        }
        Rational gridPrice = w.parameters().gridPrice(r.role());
        if (o.marketMoneyUnits().isPresent()) {
            long expected = v == 0L ? 0L : observedPrice.isPresent()
                    ? PaperDistribution.moneyUnits(v, FixedPoint.price(observedPrice.getAsLong())) : 0L;
            if (o.marketMoneyUnits().getAsLong() != expected) {
                out.add(new Deviation(Deviation.Quantity.MARKET_MONEY, r.homeId(), Long.toString(expected),
                        Long.toString(o.marketMoneyUnits().getAsLong()),
                        "floor(volume * price / 10^6) of the observed volume " + v + " and price"));
            }
        }
        if (o.gridMoneyUnits().isPresent()) {
            long expected = PaperDistribution.moneyUnits(x - v, gridPrice);
            if (o.gridMoneyUnits().getAsLong() != expected) {
                out.add(new Deviation(Deviation.Quantity.GRID_MONEY, r.homeId(), Long.toString(expected),
                        Long.toString(o.gridMoneyUnits().getAsLong()),
                        "floor((|sn| - volume) * " + gridPrice + " cents/kWh)"));
            }
        }
    }
}
