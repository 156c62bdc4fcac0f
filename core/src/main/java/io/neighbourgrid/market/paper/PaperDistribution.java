package io.neighbourgrid.market.paper;

import java.math.BigInteger;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What each home of a window trades, in the market and with the grid (PEM Section III-D, Protocol 4): the short
 * side trades all of {@code |sn|} in the market, each long-side home the share {@code |sn| * E_short / E_long}, and
 * the rest goes to the grid at {@code ps} for buyers (Eq. 5) and {@code pb} for sellers; homes outside the market
 * trade all of {@code |sn|} with the grid. Each result carries the exact values and the documented fixed-point
 * volume and money, every one the floor of an exact value.
 *
 * @param results       every home's result, by home id in input order (unmodifiable)
 * @param residualUnits the documented residual: the short side's total minus the long side's documented volumes,
 *                      energy units (zero when grid only)
 */
record PaperDistribution(Map<String, PaperHomeResult> results, long residualUnits) {

    /**
     * A grid-only window: every home trades {@code |sn|} with the grid.
     *
     * @param params the market parameters
     * @param homes  every home, in input order
     * @return the results, residual zero
     */
    static PaperDistribution gridOnly(PaperParameters params, List<PaperHome> homes) {
        Map<String, PaperHomeResult> r = new LinkedHashMap<>();
        for (PaperHome h : homes) {
            r.put(h.homeId(), outsideMarket(params, h));
        }
        return new PaperDistribution(Collections.unmodifiableMap(r), 0L);
    }

    /**
     * A market window: the coalitions trade at the price, homes outside them with the grid.
     *
     * @param params         the market parameters
     * @param homes          every home, in input order
     * @param sellers        the seller coalition
     * @param buyers         the buyer coalition
     * @param clearing       general or extreme
     * @param price          the exact clamped price
     * @param priceUnits     the documented price, price units
     * @param fillRatio      the exact fill ratio {@code E_short / E_long}
     * @param fillRatioUnits the documented fill ratio {@code rho = floor(r * 2^40)}
     * @param shortTotal     {@code E_short}, kWh
     * @return the results and the documented residual
     */
    static PaperDistribution market(PaperParameters params, List<PaperHome> homes, List<PaperHome> sellers,
                                    List<PaperHome> buyers, PaperClearing clearing, PaperPrice price,
                                    long priceUnits, Rational fillRatio, long fillRatioUnits, Rational shortTotal) {
        Rational rho = FixedPoint.ratio(fillRatioUnits);
        Set<String> members = new HashSet<>();
        sellers.forEach(h -> members.add(h.homeId()));
        buyers.forEach(h -> members.add(h.homeId()));
        Map<String, PaperHomeResult> r = new LinkedHashMap<>();
        BigInteger longVolume = BigInteger.ZERO;
        for (PaperHome h : homes) {
            if (!members.contains(h.homeId())) {
                r.put(h.homeId(), outsideMarket(params, h));
                continue;
            }
            Rational sn = h.netEnergy();
            PaperRole role = PaperRole.of(sn);
            Rational amount = sn.abs();
            boolean shortSide = role == clearing.shortSide();
            Rational marketEnergy = shortSide ? amount : amount.multiply(fillRatio);
            Rational gridEnergy = amount.subtract(marketEnergy);
            long documentedVolume = shortSide ? FixedPoint.floorEnergyUnits(amount).longValueExact()
                    : FixedPoint.floorEnergyUnits(amount.multiply(rho)).longValueExact();
            if (!shortSide) {
                longVolume = longVolume.add(BigInteger.valueOf(documentedVolume));
            }
            Rational gridPrice = params.gridPrice(role);
            long amountUnits = FixedPoint.floorEnergyUnits(amount).longValueExact();
            r.put(h.homeId(), new PaperHomeResult(h.homeId(), role, true, sn, marketEnergy, gridEnergy,
                    price.value().multiply(marketEnergy), gridEnergy.multiply(gridPrice), amount.multiply(gridPrice),
                    documentedVolume, moneyUnits(documentedVolume, FixedPoint.price(priceUnits)),
                    moneyUnits(amountUnits - documentedVolume, gridPrice)));
        }
        long residual = FixedPoint.floorEnergyUnits(shortTotal).subtract(longVolume).longValueExact();
        return new PaperDistribution(Collections.unmodifiableMap(r), residual);
    }

    private static PaperHomeResult outsideMarket(PaperParameters params, PaperHome h) {
        Rational sn = h.netEnergy();
        PaperRole role = PaperRole.of(sn);
        Rational amount = sn.abs();
        Rational gridPrice = params.gridPrice(role);
        long amountUnits = FixedPoint.floorEnergyUnits(amount).longValueExact();
        return new PaperHomeResult(h.homeId(), role, false, sn, Rational.ZERO, amount, SqrtRational.of(Rational.ZERO),
                amount.multiply(gridPrice), amount.multiply(gridPrice), 0L, 0L, moneyUnits(amountUnits, gridPrice));
    }

    /**
     * The documented money of an energy at a price: {@code floor(energy * price)} in money units.
     *
     * @param energyUnits the energy, energy units
     * @param centsPerKWh the price, cents per kWh
     * @return money units
     */
    static long moneyUnits(long energyUnits, Rational centsPerKWh) {
        return FixedPoint.floorMoneyUnits(FixedPoint.energy(energyUnits).multiply(centsPerKWh)).longValueExact();
    }
}
