/**
 * PEM's market (Xie, Wang, Hong, Thai, <i>Privacy Preserving Distributed Energy Trading</i>, ICDCS 2020) computed
 * from the paper alone, in exact rational arithmetic: a second plaintext reference that does not share the
 * project's market arithmetic, and the check of the project's fixed-point outcome against it.
 *
 * <h2>Independence</h2>
 * <p>The main code of this package uses no class of {@code io.neighbourgrid.market} (not the market math, scales,
 * packed totals, inputs or outcomes; a test scans the sources for it). It reads the same integer inputs the project
 * stores, interpreted at their documented scales as exact decimals ({@code g = gUnits / 10^6} kWh and so on,
 * {@link io.neighbourgrid.market.paper.FixedPoint}), computes the real-number answer with
 * {@link io.neighbourgrid.market.paper.Rational} (reduced fractions over {@code BigInteger}) and
 * {@link io.neighbourgrid.market.paper.SqrtRational} (exact square roots of rationals, compared by their squares),
 * and applies the documented fixed-point rules ({@code docs/architecture.md}, "Number formats") itself, each as the
 * floor of an exact value.
 *
 * <h2>What each class takes from the paper</h2>
 * <ul>
 * <li>{@link io.neighbourgrid.market.paper.PaperHome#netEnergy()}: {@code sn = g - l - b} (Eq. 1);
 *     {@link io.neighbourgrid.market.paper.PaperRole}: seller {@code sn > 0}, buyer {@code sn < 0}, off market
 *     otherwise (Section II-A); {@link io.neighbourgrid.market.paper.PaperHome#pricingTerm()}:
 *     {@code d = g + 1 + eps b - b} (the denominator summand of Eq. 12, 13; Protocol 3 line 6).</li>
 * <li>{@link io.neighbourgrid.market.paper.PaperWindow}: {@code E_s}, {@code E_b} (Eq. 2); general market iff
 *     {@code E_s < E_b}, else extreme (Section III-D, Protocol 1 lines 6-9, Protocol 2 lines 15-18); grid only when
 *     a coalition is smaller than the minimum size (the paper's minimum is one member: Section IV-C); the
 *     distribution of Section III-D and Protocol 4: the short side trades all of {@code |sn|}, each long-side home
 *     the share {@code |sn| * E_short / E_long}; pairwise trades
 *     {@link io.neighbourgrid.market.paper.PaperWindow#pairwise e_ij} {@code = sn_i |sn_j| / E_b} (general) or
 *     {@code |sn_j| sn_i / E_s} (extreme) and payments {@code m_ji = p e_ij} (Protocol 4 lines 10-12, 16); the rest
 *     with the grid at {@code ps} for buyers (Eq. 5) and {@code pb} for sellers (Section II-A, III-C).</li>
 * <li>{@link io.neighbourgrid.market.paper.PaperPrice}: {@code p^ = sqrt(ps sum k / sum d)} (Eq. 13 with the
 *     erratum of the seeds' index: the seller's best response is {@code l* = k/p - 1 - eps b}, so no factor
 *     epsilon), clamped to {@code [p_l, p_h]} (Eq. 14); {@code p_l} in an extreme market (Section III-C). Eq. 12 is
 *     the derivative {@code D - ps K / p^2} of the buyers' cost (Eq. 7 with the best response); when
 *     {@code D = sum d <= 0} it is negative for every price, so the cost is lowest at the top of the range and the
 *     price is {@code p_h}, which is also what the project does. That case cannot arise from homes: for a seller
 *     {@code d > 1} kWh ({@code d = sn + l + 1 + eps b} when {@code b >= 0}, {@code d = g + 1 + (1 - eps)|b|} when
 *     {@code b < 0}), so {@code D > n_s} kWh; only aggregates given directly reach it.</li>
 * <li>{@link io.neighbourgrid.market.paper.PaperMarket}: the entry point; {@link
 *     io.neighbourgrid.market.paper.PaperWindow#check} returns a {@link io.neighbourgrid.market.paper.Verdict}
 *     listing every {@link io.neighbourgrid.market.paper.Deviation} beyond the documented rounding.</li>
 * </ul>
 *
 * <h2>Tolerances, and why</h2>
 * Notation: {@code x = |sn|} in energy units, {@code r = E_short / E_long} the exact fill ratio,
 * {@code rho = floor(r 2^40)}, {@code n_s} the number of sellers, {@code n_long} the long side's size.
 * <ol>
 * <li><b>Market type</b>: exact. Net energies are differences of inputs on the 10^-6 kWh grid, so {@code E_s} and
 *     {@code E_b} carry no rounding.</li>
 * <li><b>Price as a function of the aggregates</b>: 0 units, not 1. For integers {@code N >= 0}, {@code M > 0},
 *     {@code isqrt(floor(N / M)) = floor(sqrt(N / M))}: with {@code n = floor(sqrt(N/M))}, {@code n^2 <= N/M} and
 *     {@code n^2} is an integer, so {@code n^2 <= floor(N/M)}; and {@code floor(N/M) <= N/M < (n+1)^2}. Clamping
 *     to integer bounds commutes with the floor. So the project's {@code clamp(isqrt(floorDiv(...)))} is exactly
 *     the floor of the exact clamped price of its own {@code sum d} (a property test compares them on random
 *     aggregates).</li>
 * <li><b>Price against the paper's exact {@code d}</b>: the documented rule stores
 *     {@code d = g + 1 kWh + floorDiv(eps b, 10^6) - b}, which is exactly {@code floor(d * 10^6)}: each seller
 *     loses less than one energy unit, so the documented {@code D'} lies in {@code (D - n_s, D]} units, and the
 *     documented price lies in {@code [floor(p*), floor(p(D - n_s units))]}, where the upper end is
 *     {@link io.neighbourgrid.market.paper.PaperWindow#priceUpperBoundUnits()}. Since {@code D > n_s} kWh,
 *     {@code D' > D (1 - 10^-6)}, so the excess is below {@code 1 + p_h (1/sqrt(1 - 10^-6) - 1)} units: at most 56
 *     price units (5.6e-5 cent/kWh) for {@code p_h = 110} cents. It is not 0 or 1: random communities show
 *     excesses of tens of units. The check therefore requires the price to equal the floor of the exact clamped
 *     price of the documented {@code D'} (0 units) and reports the paper's floor and the allowed range with it;
 *     {@link io.neighbourgrid.market.paper.PaperWindow#priceBracket(long)} says whether a price is the floor of
 *     the paper's exact price itself.</li>
 * <li><b>Fill ratio</b>: 0 units: {@code rho = floor(r 2^40)}, a floor of an exact rational.</li>
 * <li><b>Short-side volume</b>: exact, {@code x}.</li>
 * <li><b>Long-side volume</b>: the documented {@code v = floor(x rho / 2^40)} is required exactly, and it obeys
 *     {@code 0 <= x r - v < 1 + x (r - rho / 2^40) < 1 + x / 2^40} units
 *     ({@link io.neighbourgrid.market.paper.PaperWindow#longSideDeficitBound}), because
 *     {@code r - 2^-40 < rho / 2^40 <= r} and the floor loses less than one unit. For {@code x <= 2^40} units
 *     (1.1 GWh) {@code v} is {@code floor(x r)} or {@code floor(x r) - 1}; "within 1 unit" is not quite the bound:
 *     the deficit is exactly 1 when {@code x r} is an integer and {@code r 2^40} is not (r = 3/5, x = 0.6 kWh:
 *     exact 0.36 kWh, documented 359999 units), and can exceed 1 by up to {@code x / 2^40}.</li>
 * <li><b>Conservation</b>: the short side's total minus the long side's volumes is
 *     {@code ((E_short 2^40) mod E_long) / 2^40 + sum frac(x_j rho / 2^40)}, in {@code [0, n_long + E_long / 2^40)};
 *     as an integer, {@code 0 <= residual <= n_long} for {@code E_long <= 2^40} units. The bound {@code n_long} is
 *     reached: three buyers of 0.6, 0.5 and 0.4 kWh sharing 0.9 kWh get 359999, 299999 and 239999 units, residual
 *     3; one long-side home has residual 1 whenever {@code E_short 2^40} is not a multiple of {@code E_long}. The
 *     "{@code < n_long}" of the architecture notes is one too tight; the check uses {@code <= n_long}.</li>
 * <li><b>Money</b> (when observed): {@code floor(v p / 10^6)} money units of the observed volume and price, and
 *     {@code floor((x - v) gridPrice / 10^6)} with the grid: 0 units. The exact money at the exact price is in
 *     {@link io.neighbourgrid.market.paper.PaperHomeResult}.</li>
 * </ol>
 */
package io.neighbourgrid.market.paper;
