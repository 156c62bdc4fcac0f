package io.neighbourgrid.sim.bids;

import io.neighbourgrid.market.MarketParameters;
import io.neighbourgrid.market.Scales;
import java.math.BigInteger;

/**
 * A seller's best response in the preference {@code k} it reports (seed 001, PEM, Section III-B).
 *
 * <p>PEM's seller maximises {@code U = k log(1 + l + eps b) + p (g - l - b)} (Eq. 4); with the erratum of
 * {@code INDEX.md} its best response in load is {@code l* = k / p - 1 - eps b}. In the market as run here the load is
 * metered, not chosen: what a seller chooses is the {@code k} it reports, which enters the market only through the
 * price {@code p* = clamp(sqrt(ps sum k / sum d), p_l, p_h)} (Eq. 13, 14). That price never falls when a report
 * rises and the seller's money {@code p e + pb (|sn| - e)} never falls when the price rises, while its true utility
 * term {@code k log(...)} does not depend on the report. So every report that brings the price to {@code p_h} is a
 * best response, and we take the smallest of them, never below the home's true {@code k} (a report above it only
 * moves the price; one below it gains nothing). PEM's incentive-compatibility argument (Theorem 2) covers reports of
 * net energy, not of {@code k}; {@code docs/strategies.md} discusses the gap.
 *
 * <p>The seller does not know the other sellers' sums: the caller supplies its belief of them.
 */
public final class BestResponse {
    private BestResponse() {
    }

    /**
     * The smallest report of {@code k} that brings the price to {@code p_h}, given the other sellers' sums.
     *
     * @param othersPreference {@code sum k} of the other sellers (believed), preference units
     * @param othersPricing    {@code sum d} of the other sellers (believed), energy units
     * @param ownPricing       the seller's own {@code d}, energy units
     * @param truthful         the seller's true {@code k}, preference units
     * @param minPreference    the smallest report the market's range proof accepts
     * @param maxPreference    the largest report the market's range proof accepts
     * @param params           the market parameters
     * @return the report, in {@code [minPreference, maxPreference]}
     */
    public static long preference(long othersPreference, long othersPricing, long ownPricing, long truthful,
                                  long minPreference, long maxPreference, MarketParameters params) {
        long sumD = Math.addExact(othersPricing, ownPricing);
        long report = truthful;
        if (sumD > 0) {
            // floor(ps PRICE K ENERGY / (PREFERENCE D)) >= p_h^2  <=>  K >= ceil(p_h^2 PREFERENCE D / (ps PRICE ENERGY))
            BigInteger high = BigInteger.valueOf(params.highPrice());
            BigInteger num = high.multiply(high).multiply(BigInteger.valueOf(Scales.PREFERENCE))
                    .multiply(BigInteger.valueOf(sumD));
            BigInteger den = BigInteger.valueOf(params.retailPrice()).multiply(BigInteger.valueOf(Scales.PRICE))
                    .multiply(BigInteger.valueOf(Scales.ENERGY));
            BigInteger[] qr = num.divideAndRemainder(den);
            BigInteger needed = qr[1].signum() > 0 ? qr[0].add(BigInteger.ONE) : qr[0];
            BigInteger own = needed.subtract(BigInteger.valueOf(othersPreference));
            if (own.compareTo(BigInteger.valueOf(truthful)) > 0) {
                report = own.min(BigInteger.valueOf(maxPreference)).longValueExact();
            }
        }
        return Math.max(minPreference, Math.min(maxPreference, report));
    }

    /**
     * The report under the belief a home can form without anyone's private values: the window's {@code sellers}
     * sellers (public once roles are declared, before contributions) other than itself are like itself, each with
     * its {@code k} and {@code d}.
     *
     * @param sellers    sellers of the window, the home included, at least 1
     * @param ownPricing the home's {@code d}, energy units
     * @param truthful   the home's true {@code k}
     * @see #preference(long, long, long, long, long, long, MarketParameters)
     */
    public static long againstPeersLikeItself(int sellers, long ownPricing, long truthful, long minPreference,
                                              long maxPreference, MarketParameters params) {
        long others = Math.max(0, sellers - 1);
        return preference(Math.multiplyExact(others, truthful), Math.multiplyExact(others, ownPricing), ownPricing,
                truthful, minPreference, maxPreference, params);
    }
}
