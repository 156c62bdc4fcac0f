package io.neighbourgrid.sim.negotiation;

import io.neighbourgrid.negotiation.DenseLinear;
import io.neighbourgrid.negotiation.NegotiationCase;
import io.neighbourgrid.negotiation.TradePair;
import io.neighbourgrid.negotiation.Trader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * The centralised reference of the negotiation, solved by ojAlgo's quadratic programming solver: the social
 * welfare problem of seed 002, Section 2.3,
 *
 * <pre>
 *   min  sum_n a_n P_n^2 / 2 + b_n P_n
 *   s.t. sum_n P_n = 0,   P_min,n &lt;= P_n &lt;= P_max,n,   -F_max,l &lt;= sum_n PTDF_l,bus(n) P_n &lt;= F_max,l
 * </pre>
 *
 * <p>The welfare depends on the trades only through the injections, so the trades of the optimum are not unique; the
 * negotiation's trades stay in the span of the pairs' differences of node quantities from their zero start, which
 * makes them the decomposition of least Euclidean norm. The reference finds it with a second ojAlgo QP,
 * {@code min sum t_nm^2 s.t. each trader's trades add up to its optimal injection}. The pair prices are
 * {@code (pi_n + pi_m) / 2}, the mean of the two traders' marginal values {@code pi_n = lambda - sum_l mu_l
 * PTDF_l,bus(n)}; the system price {@code lambda} and the multipliers {@code mu_l} of the binding lines follow from
 * the KKT conditions of the traders strictly inside their bounds, {@code a_n P_n + b_n = pi_n}.
 */
public final class CentralisedWelfare {
    private static final double BOUND_SLACK = 1e-6;
    private static final double BINDING_SLACK = 1e-6;

    private CentralisedWelfare() {
    }

    /**
     * The centralised optimum of a case.
     *
     * @param c the case
     * @return injections, trades, prices and line flows of the optimum
     * @throws IllegalStateException if the solver finds no optimum or the prices are not determined
     */
    public static Reference solve(NegotiationCase c) {
        double[] injections = injections(c);
        double[] flows = c.flows(injections);
        double[] marginal = marginalValues(c, injections, flows);
        List<TradePair> pairs = c.pairs();
        double[] trades = leastNormTrades(c, pairs, injections);
        double[] prices = new double[pairs.size()];
        for (int p = 0; p < pairs.size(); p++) {
            prices[p] = (marginal[index(c, pairs.get(p).producer())] + marginal[index(c, pairs.get(p).consumer())]) / 2;
        }
        return new Reference(c.name(), injections, flows, marginal, pairs, trades, prices);
    }

    private static double[] injections(NegotiationCase c) {
        ExpressionsBasedModel model = new ExpressionsBasedModel();
        List<Trader> traders = c.traders();
        List<Variable> vars = new ArrayList<>();
        for (Trader t : traders) {
            vars.add(model.addVariable(t.id()).lower(BigDecimal.valueOf(t.pMin())).upper(BigDecimal.valueOf(t.pMax())));
        }
        Expression cost = model.addExpression("cost").weight(BigDecimal.ONE);
        Expression balance = model.addExpression("balance").level(BigDecimal.ZERO);
        for (int i = 0; i < traders.size(); i++) {
            cost.set(vars.get(i), vars.get(i), BigDecimal.valueOf(traders.get(i).a() / 2));
            cost.set(vars.get(i), BigDecimal.valueOf(traders.get(i).b()));
            balance.set(vars.get(i), BigDecimal.ONE);
        }
        for (int l = 0; l < c.network().lines(); l++) {
            if (Double.isInfinite(c.limit(l))) {
                continue;
            }
            Expression flow = model.addExpression("line " + c.network().branches().get(l).name())
                    .lower(BigDecimal.valueOf(-c.limit(l))).upper(BigDecimal.valueOf(c.limit(l)));
            for (int i = 0; i < traders.size(); i++) {
                flow.set(vars.get(i), BigDecimal.valueOf(c.network().ptdf(l, traders.get(i).bus())));
            }
        }
        return solved(model.minimise(), traders.size(), "welfare");
    }

    private static double[] leastNormTrades(NegotiationCase c, List<TradePair> pairs, double[] injections) {
        ExpressionsBasedModel model = new ExpressionsBasedModel();
        List<Variable> vars = new ArrayList<>();
        Expression norm = model.addExpression("norm").weight(BigDecimal.ONE);
        for (TradePair p : pairs) {
            Variable v = model.addVariable(p.name());
            vars.add(v);
            norm.set(v, v, BigDecimal.ONE);
        }
        List<Trader> traders = c.traders();
        // One trader's balance follows from the others' (the injections add up to zero), so it is left out.
        for (int i = 0; i < traders.size() - 1; i++) {
            Trader t = traders.get(i);
            Expression sum = model.addExpression("trades of " + t.id()).level(BigDecimal.valueOf(injections[i]));
            for (int p = 0; p < pairs.size(); p++) {
                if (pairs.get(p).producer().equals(t.id())) {
                    sum.set(vars.get(p), BigDecimal.ONE);
                } else if (pairs.get(p).consumer().equals(t.id())) {
                    sum.set(vars.get(p), BigDecimal.ONE.negate());
                }
            }
        }
        return solved(model.minimise(), pairs.size(), "least-norm trades");
    }

    private static double[] solved(Optimisation.Result result, int n, String what) {
        if (!result.getState().isOptimal()) {
            throw new IllegalStateException("ojAlgo found no optimum of the " + what + " problem: "
                    + result.getState());
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = result.doubleValue(i);
        }
        return out;
    }

    private static double[] marginalValues(NegotiationCase c, double[] injections, double[] flows) {
        List<Integer> binding = new ArrayList<>();
        for (int l = 0; l < flows.length; l++) {
            if (!Double.isInfinite(c.limit(l)) && Math.abs(flows[l]) >= c.limit(l) - BINDING_SLACK) {
                binding.add(l);
            }
        }
        List<double[]> rows = new ArrayList<>();
        List<Double> rhs = new ArrayList<>();
        List<Trader> traders = c.traders();
        for (int i = 0; i < traders.size(); i++) {
            Trader t = traders.get(i);
            if (injections[i] > t.pMin() + BOUND_SLACK && injections[i] < t.pMax() - BOUND_SLACK) {
                double[] row = new double[1 + binding.size()];
                row[0] = 1;
                for (int j = 0; j < binding.size(); j++) {
                    row[1 + j] = -c.network().ptdf(binding.get(j), t.bus());
                }
                rows.add(row);
                rhs.add(t.marginalCost(injections[i]));
            }
        }
        if (rows.size() < 1 + binding.size()) {
            throw new IllegalStateException("too few traders inside their bounds to determine the prices");
        }
        double[] x = DenseLinear.leastSquares(rows.toArray(new double[0][]),
                rhs.stream().mapToDouble(Double::doubleValue).toArray());
        double[] out = new double[traders.size()];
        for (int i = 0; i < out.length; i++) {
            double v = x[0];
            for (int j = 0; j < binding.size(); j++) {
                v -= x[1 + j] * c.network().ptdf(binding.get(j), traders.get(i).bus());
            }
            out[i] = v;
        }
        return out;
    }

    private static int index(NegotiationCase c, String id) {
        for (int i = 0; i < c.traders().size(); i++) {
            if (c.traders().get(i).id().equals(id)) {
                return i;
            }
        }
        throw new IllegalArgumentException(id);
    }

    /**
     * The centralised optimum.
     *
     * @param caseName   the case
     * @param injections optimal injection per trader, in trader order (kW)
     * @param flows      line flows (kW)
     * @param marginal   each trader's marginal value {@code pi_n} (USD/kW)
     * @param pairs      the pairs
     * @param trades     the least-norm trade of each pair (kW)
     * @param prices     each pair's price {@code (pi_n + pi_m) / 2} (USD/kW)
     */
    public record Reference(String caseName, double[] injections, double[] flows, double[] marginal,
                            List<TradePair> pairs, double[] trades, double[] prices) {
    }
}
