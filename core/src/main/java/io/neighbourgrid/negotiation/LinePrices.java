package io.neighbourgrid.negotiation;

import java.util.Arrays;

/**
 * The line manager's prices (seed 002, Section 3.1.3, Eq. 18): for each line {@code l} an upper price
 * {@code rho_l^up <- max(0, rho_l^up + gamma (F_l - F_max))} and a lower price
 * {@code rho_l^down <- max(0, rho_l^down + gamma (-F_l - F_max))}, the dual variables of the two limits of the
 * line's flow. Their difference prices each kW of flow the line carries; a trade pays
 * {@code sum_l PTDF_l,nm (rho_l^up - rho_l^down)} per kW, shared equally by its producer and its consumer.
 */
public final class LinePrices {
    private final double[] up;
    private final double[] down;

    /** Zero prices for {@code lines} lines. */
    public LinePrices(int lines) {
        this(new double[lines], new double[lines]);
    }

    /** Prices from their two halves (USD/kW). */
    public LinePrices(double[] up, double[] down) {
        if (up.length != down.length) {
            throw new IllegalArgumentException("need as many upper as lower prices");
        }
        for (int l = 0; l < up.length; l++) {
            if (!(up[l] >= 0) || !(down[l] >= 0)) {
                throw new IllegalArgumentException("line prices are non-negative");
            }
        }
        this.up = up.clone();
        this.down = down.clone();
    }

    /**
     * Eq. 18: the next prices from the flows of this iteration.
     *
     * @param flows  the flows {@code F_l} (kW)
     * @param limits the limits {@code F_max} (kW; infinite for an unmonitored line, whose prices stay zero)
     * @param gamma  the step (USD/kW^2)
     * @return the updated prices
     */
    public LinePrices next(double[] flows, double[] limits, double gamma) {
        double[] u = new double[up.length];
        double[] d = new double[up.length];
        for (int l = 0; l < up.length; l++) {
            if (Double.isInfinite(limits[l])) {
                continue;
            }
            u[l] = Math.max(0, up[l] + gamma * (flows[l] - limits[l]));
            d[l] = Math.max(0, down[l] + gamma * (-flows[l] - limits[l]));
        }
        return new LinePrices(u, d);
    }

    /**
     * The extrapolated prices {@code 2 rho^k - rho^k-1} that the local problems are charged, the over-relaxation
     * that makes the primal-dual iteration converge (Chambolle and Pock 2011); they may be negative.
     *
     * @param previous the prices of the previous iteration
     * @return the extrapolated prices, as net prices in {@code up} (and zero in {@code down})
     */
    public LinePrices extrapolate(LinePrices previous) {
        double[] u = new double[up.length];
        double[] d = new double[up.length];
        for (int l = 0; l < up.length; l++) {
            double e = 2 * net(l) - previous.net(l);
            u[l] = Math.max(0, e);
            d[l] = Math.max(0, -e);
        }
        return new LinePrices(u, d);
    }

    /** The net price {@code rho_l^up - rho_l^down} of line {@code l}. */
    public double net(int line) {
        return up[line] - down[line];
    }

    /** The net prices of every line. */
    public double[] net() {
        double[] out = new double[up.length];
        for (int l = 0; l < out.length; l++) {
            out[l] = net(l);
        }
        return out;
    }

    /** Upper prices. */
    public double[] up() {
        return up.clone();
    }

    /** Lower prices. */
    public double[] down() {
        return down.clone();
    }

    /**
     * A trader's half of the line charge of its trade with a partner: {@code 1/2 sum_l PTDF_l,nm net_l}, where
     * {@code PTDF_l,nm} is the flow per kW the trader sends to its partner.
     *
     * @param c       the case
     * @param trader  the trader
     * @param partner the partner
     * @return the charge per kW of {@code P_nm} (USD/kW)
     */
    public double charge(NegotiationCase c, String trader, String partner) {
        int from = c.trader(trader).bus();
        int to = c.trader(partner).bus();
        double sum = 0;
        for (int l = 0; l < up.length; l++) {
            double net = net(l);
            if (net != 0) {
                sum += c.network().tradeFactor(l, from, to) * net;
            }
        }
        return sum / 2;
    }

    /** The largest change of any price from {@code before}. */
    public double maxChange(LinePrices before) {
        double m = 0;
        for (int l = 0; l < up.length; l++) {
            m = Math.max(m, Math.max(Math.abs(up[l] - before.up[l]), Math.abs(down[l] - before.down[l])));
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LinePrices p && Arrays.equals(up, p.up) && Arrays.equals(down, p.down);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(up) + Arrays.hashCode(down);
    }
}
