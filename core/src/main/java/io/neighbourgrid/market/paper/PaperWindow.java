package io.neighbourgrid.market.paper;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The exact answer of PEM for one window, computed from the paper (Sections II-III, Protocols 1-4) in rational
 * arithmetic, with the fixed-point values the project's documented rounding rules give for it, and the check of an
 * observed outcome against both.
 *
 * <p>Build it with {@link PaperMarket}. All exact energy is in kWh, prices in cents per kWh, money in cents. What
 * each home trades is computed by {@link PaperDistribution}; the check is {@link PaperCheck}'s.
 */
public final class PaperWindow {

    private static final BigInteger ENERGY_SCALE = BigInteger.valueOf(FixedPoint.ENERGY);

    private final PaperParameters params;
    private final PaperClearing clearing;
    private final Map<String, PaperHomeResult> results;
    private final List<PaperHome> sellers;
    private final List<PaperHome> buyers;
    private final Rational supply;
    private final Rational demand;
    private final Rational sumPreference;
    private final Rational sumPricingTerm;
    private final long documentedSumPricingTermUnits;
    private final PaperPrice price;
    private final PaperPrice documentedPrice;
    private final long priceUpperBoundUnits;
    private final Rational fillRatio;
    private final long documentedFillRatioUnits;
    private final long documentedResidualUnits;

    PaperWindow(PaperParameters params, Collection<PaperHome> homes, Set<String> excluded, boolean forceGridOnly) {
        this.params = Objects.requireNonNull(params, "params");
        Objects.requireNonNull(excluded, "excluded");
        List<PaperHome> all = new ArrayList<>(homes);
        Set<String> ids = new HashSet<>();
        for (PaperHome h : all) {
            if (!ids.add(Objects.requireNonNull(h, "home").homeId())) {
                throw new IllegalArgumentException("home " + h.homeId() + " appears twice");
            }
        }
        // Coalitions by the sign of the net energy (Eq. 1); E_s and E_b (Eq. 2).
        List<PaperHome> s = new ArrayList<>();
        List<PaperHome> b = new ArrayList<>();
        Rational es = Rational.ZERO;
        Rational eb = Rational.ZERO;
        for (PaperHome h : all) {
            if (excluded.contains(h.homeId())) {
                continue;
            }
            Rational sn = h.netEnergy();
            if (sn.signum() > 0) {
                s.add(h);
                es = es.add(sn);
            } else if (sn.signum() < 0) {
                b.add(h);
                eb = eb.add(sn.negate());
            }
        }
        this.sellers = List.copyOf(s);
        this.buyers = List.copyOf(b);
        this.supply = es;
        this.demand = eb;
        boolean market = !forceGridOnly && s.size() >= params.minimumCoalitionSize()
                && b.size() >= params.minimumCoalitionSize();
        if (!market) {
            this.clearing = PaperClearing.GRID_ONLY;
            this.sumPreference = Rational.ZERO;
            this.sumPricingTerm = Rational.ZERO;
            this.documentedSumPricingTermUnits = 0L;
            this.price = null;
            this.documentedPrice = null;
            this.priceUpperBoundUnits = 0L;
            this.fillRatio = null;
            this.documentedFillRatioUnits = 0L;
            this.documentedResidualUnits = 0L;
            this.results = PaperDistribution.gridOnly(params, all).results();
            return;
        }

        // Market type (Section III-D): general iff E_s < E_b.
        this.clearing = es.compareTo(eb) < 0 ? PaperClearing.GENERAL : PaperClearing.EXTREME;

        // Pricing aggregates (Protocol 3): K = sum k, D = sum d exactly; the documented D floors each d on the
        // energy grid (d = g + 1 kWh + floorDiv(eps * b, 10^6) - b in energy units is exactly floor(d * 10^6)).
        Rational k = Rational.ZERO;
        Rational d = Rational.ZERO;
        BigInteger dUnits = BigInteger.ZERO;
        for (PaperHome h : s) {
            k = k.add(h.preference());
            d = d.add(h.pricingTerm());
            dUnits = dUnits.add(FixedPoint.floorEnergyUnits(h.pricingTerm()));
        }
        this.sumPreference = k;
        this.sumPricingTerm = d;
        this.documentedSumPricingTermUnits = dUnits.longValueExact();
        if (clearing == PaperClearing.GENERAL) {
            this.price = PaperPrice.stackelberg(params.retail(), k, d, params.low(), params.high());
            this.documentedPrice = PaperPrice.stackelberg(params.retail(), k, Rational.of(dUnits, ENERGY_SCALE),
                    params.low(), params.high());
            // Each seller's floor removes less than one energy unit, so the documented D lies in
            // (D - n_s units, D]: its price lies between the exact price and the price of D - n_s units.
            Rational lowest = d.subtract(Rational.of(s.size(), FixedPoint.ENERGY));
            this.priceUpperBoundUnits = PaperPrice.stackelberg(params.retail(), k, lowest, params.low(),
                    params.high()).floorUnits();
        } else {
            this.price = PaperPrice.extreme(params.low());
            this.documentedPrice = this.price;
            this.priceUpperBoundUnits = this.price.floorUnits();
        }

        // Distribution (Section III-D, Protocol 4): the short side trades all, the long side the share E_short/E_long.
        Rational shortTotal = clearing == PaperClearing.GENERAL ? es : eb;
        Rational longTotal = clearing == PaperClearing.GENERAL ? eb : es;
        this.fillRatio = shortTotal.divide(longTotal);
        this.documentedFillRatioUnits = FixedPoint.floorRatioUnits(fillRatio).longValueExact();
        PaperDistribution distribution = PaperDistribution.market(params, all, s, b, clearing, price,
                documentedPrice.floorUnits(), fillRatio, documentedFillRatioUnits, shortTotal);
        this.results = distribution.results();
        this.documentedResidualUnits = distribution.residualUnits();
    }

    /**
     * The market parameters.
     *
     * @return the parameters
     */
    public PaperParameters parameters() {
        return params;
    }

    /**
     * How the window cleared (Section III-D; grid only below the minimum coalition size).
     *
     * @return the clearing
     */
    public PaperClearing clearing() {
        return clearing;
    }

    /**
     * The seller coalition, in input order.
     *
     * @return the sellers
     */
    public List<PaperHome> sellers() {
        return sellers;
    }

    /**
     * The buyer coalition, in input order.
     *
     * @return the buyers
     */
    public List<PaperHome> buyers() {
        return buyers;
    }

    /**
     * {@code E_s}, kWh (Eq. 2).
     *
     * @return the market supply
     */
    public Rational supply() {
        return supply;
    }

    /**
     * {@code E_b}, kWh (Eq. 2).
     *
     * @return the market demand
     */
    public Rational demand() {
        return demand;
    }

    /**
     * {@code K = sum k} over the sellers (zero when grid only).
     *
     * @return the exact sum
     */
    public Rational sumPreference() {
        return sumPreference;
    }

    /**
     * {@code D = sum (g + 1 + eps b - b)} over the sellers, kWh, exact (zero when grid only).
     *
     * @return the exact sum
     */
    public Rational sumPricingTerm() {
        return sumPricingTerm;
    }

    /**
     * The documented {@code D}: the sum of every seller's {@code d} floored on the energy grid, energy units.
     *
     * @return {@code sum floor(d_i * 10^6)}
     */
    public long documentedSumPricingTermUnits() {
        return documentedSumPricingTermUnits;
    }

    /**
     * The exact clamped price (Eq. 13, 14; {@code p_l} in an extreme market).
     *
     * @return the price, empty when grid only
     */
    public Optional<PaperPrice> price() {
        return Optional.ofNullable(price);
    }

    /**
     * The exact clamped price of the documented {@code D} (Eq. 13, 14 on the sellers' {@code d} floored to the
     * energy grid).
     *
     * @return the price, empty when grid only
     */
    public Optional<PaperPrice> documentedPrice() {
        return Optional.ofNullable(documentedPrice);
    }

    /**
     * Whether a fixed-point price is the floor of the exact clamped price of the paper: {@code units <= p* 10^6 <
     * units + 1}, decided exactly.
     *
     * @param units a candidate price in price units
     * @return whether it is {@code floor(p* * 10^6)}; {@code false} when grid only
     */
    public boolean priceBracket(long units) {
        return price != null && price.isFloorUnits(units);
    }

    /**
     * The floor of the paper's exact clamped price, price units.
     *
     * @return {@code floor(p* * 10^6)}, empty when grid only
     */
    public OptionalLong paperPriceUnits() {
        return price == null ? OptionalLong.empty() : OptionalLong.of(price.floorUnits());
    }

    /**
     * The price the documented rules must give: the floor of the exact clamped price of the documented {@code D}.
     *
     * @return price units, empty when grid only
     */
    public OptionalLong documentedPriceUnits() {
        return documentedPrice == null ? OptionalLong.empty() : OptionalLong.of(documentedPrice.floorUnits());
    }

    /**
     * The largest price the documented rounding of {@code d} can produce: the floor of the clamped price of
     * {@code D - n_s} energy units. The documented price lies in {@code [paperPriceUnits, this]}.
     *
     * @return price units, empty when grid only
     */
    public OptionalLong priceUpperBoundUnits() {
        return price == null ? OptionalLong.empty() : OptionalLong.of(priceUpperBoundUnits);
    }

    /**
     * The exact fill ratio {@code E_s / E_b} (general) or {@code E_b / E_s} (extreme).
     *
     * @return the ratio, empty when grid only
     */
    public Optional<Rational> fillRatio() {
        return Optional.ofNullable(fillRatio);
    }

    /**
     * The documented fill ratio {@code floor(r * 2^40)}.
     *
     * @return ratio units; zero when grid only
     */
    public long documentedFillRatioUnits() {
        return documentedFillRatioUnits;
    }

    /**
     * The documented residual: the short side's total minus the long side's documented volumes, energy units.
     * Proven: {@code 0 <= residual <= n_long}, and {@code residual < n_long + E_long / 2^40} in reals.
     *
     * @return energy units; zero when grid only
     */
    public long documentedResidualUnits() {
        return documentedResidualUnits;
    }

    /**
     * The number of homes on the long side.
     *
     * @return buyers in a general market, sellers in an extreme market, zero when grid only
     */
    public int longSideCount() {
        return switch (clearing) {
            case GENERAL -> buyers.size();
            case EXTREME -> sellers.size();
            case GRID_ONLY -> 0;
        };
    }

    /**
     * Every home's result, in input order.
     *
     * @return the results
     */
    public List<PaperHomeResult> homes() {
        return List.copyOf(results.values());
    }

    /**
     * One home's result.
     *
     * @param homeId the home
     * @return its result
     * @throws IllegalArgumentException if the home is not part of the window
     */
    public PaperHomeResult home(String homeId) {
        PaperHomeResult r = results.get(homeId);
        if (r == null) {
            throw new IllegalArgumentException("home " + homeId + " is not part of this window");
        }
        return r;
    }

    /**
     * The pairwise trade {@code e_ij} from seller {@code i} to buyer {@code j} (Section III-D, Protocol 4 lines 10
     * and 16): {@code sn_i |sn_j| / E_b} in a general market, {@code |sn_j| sn_i / E_s} in an extreme market.
     *
     * @param sellerId a seller of the window
     * @param buyerId  a buyer of the window
     * @return {@code e_ij} in kWh
     * @throws IllegalArgumentException if the window is grid only or the homes are not a seller and a buyer
     */
    public Rational pairwise(String sellerId, String buyerId) {
        if (clearing == PaperClearing.GRID_ONLY) {
            throw new IllegalArgumentException("a grid-only window has no trades between homes");
        }
        PaperHomeResult i = home(sellerId);
        PaperHomeResult j = home(buyerId);
        if (!i.inMarket() || i.role() != PaperRole.SELLER || !j.inMarket() || j.role() != PaperRole.BUYER) {
            throw new IllegalArgumentException(sellerId + " and " + buyerId + " are not a seller and a buyer");
        }
        Rational longTotal = clearing == PaperClearing.GENERAL ? demand : supply;
        return i.netEnergy().multiply(j.netEnergy().abs()).divide(longTotal);
    }

    /**
     * The proven bound on a long-side home's rounding deficit {@code x r - v}, where {@code x = |sn|},
     * {@code r} the exact fill ratio and {@code v = floor(x rho / 2^40)} with {@code rho = floor(r 2^40)}:
     * {@code 0 <= x r - v < 1 + x (r - rho / 2^40)}; as {@code r - rho / 2^40 < 2^-40}, the deficit is below
     * {@code 1 + x / 2^40} energy units, and for {@code x <= 2^40} units {@code v} is {@code floor(x r)} or one less.
     *
     * @param absNetEnergyUnits {@code x}, energy units
     * @return the strict upper bound {@code 1 + x (r - rho / 2^40)}, energy units
     * @throws IllegalStateException when grid only
     */
    public Rational longSideDeficitBound(long absNetEnergyUnits) {
        if (fillRatio == null) {
            throw new IllegalStateException("a grid-only window has no long side");
        }
        Rational gap = fillRatio.subtract(FixedPoint.ratio(documentedFillRatioUnits));
        return Rational.ONE.add(Rational.of(absNetEnergyUnits).multiply(gap));
    }

    /**
     * Checks an observed window against this exact answer and the documented rounding.
     *
     * <p>Tolerances (each proven in the package documentation): clearing exact; price exactly the floor of the
     * exact clamped price of the documented {@code D} (0 units; the paper's exact price is reported alongside);
     * fill ratio exactly {@code floor(r 2^40)}; short-side volume exactly {@code |sn|}; long-side volume exactly
     * {@code floor(|sn| rho / 2^40)}, which is within {@code [x r - 1 - x (r - rho/2^40), x r]}; residual of the
     * observed volumes in {@code [0, n_long]}; money, when observed, exactly {@code floor} of the product of the
     * observed volume and price. When the clearing differs nothing else is compared.
     *
     * @param observed the project's outcome
     * @return the verdict
     */
    public Verdict check(ObservedWindow observed) {
        return PaperCheck.check(this, observed);
    }

    /**
     * Whether a home is an input of this window.
     *
     * @param homeId the home
     * @return {@code true} if it has a result here
     */
    boolean includes(String homeId) {
        return results.containsKey(homeId);
    }

    @Override
    public String toString() {
        return clearing + " window: E_s = " + supply + ", E_b = " + demand + " kWh"
                + (price == null ? "" : ", price " + price + ", fill ratio " + fillRatio);
    }
}
