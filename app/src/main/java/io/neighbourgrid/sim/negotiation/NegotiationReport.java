package io.neighbourgrid.sim.negotiation;

import java.util.List;

/**
 * The report of {@code run --market negotiation}: for each case the centralised reference and every run (plain and
 * private) with its trades, prices, line flows against limits and convergence history. Written as JSON and HTML by
 * {@link NegotiationReportWriter}.
 *
 * @param source   where the case comes from
 * @param ledger   the ledger the runs used
 * @param keyBits  the producers' Paillier modulus length in the private runs
 * @param settings the negotiation's tuning: rho, alpha, gamma, tolerance
 * @param cases    the cases
 */
public record NegotiationReport(String source, String ledger, int keyBits, Settings settings, List<CaseReport> cases) {
    /**
     * The tuning.
     *
     * @param rho       proximal weight
     * @param alpha     public dual step (plain); the private steps are secret, in [minStep, maxStep]
     * @param minStep   smallest secret step of the private variant
     * @param maxStep   largest secret step of the private variant
     * @param gamma     line-price step
     * @param tolerance stopping tolerance (kW)
     */
    public record Settings(double rho, double alpha, double minStep, double maxStep, double gamma, double tolerance) {
    }

    /**
     * One case.
     *
     * @param name      the case
     * @param reference the ojAlgo optimum: per pair trade and price
     * @param runs      the runs
     */
    public record CaseReport(String name, List<PairLine> reference, List<RunReport> runs) {
    }

    /**
     * One run.
     *
     * @param variant              {@code plain} or {@code private}
     * @param converged            whether the stopping criterion held
     * @param iterations           iterations
     * @param seconds              wall-clock seconds from the first iteration to the recorded trades
     * @param maxTradeDeviationKw  largest trade deviation from the reference (kW)
     * @param maxPriceDeviation    largest price deviation from the reference (USD/kW)
     * @param provenDecryptions    decryptions the contract verified
     * @param trades               per pair: traded kW and price
     * @param injections           per trader: net injection (kW)
     * @param flows                per monitored or loaded line: flow and limit
     * @param reciprocity          per iteration: largest {@code |P_nm + P_mn|} (kW)
     * @param lineOverload         per iteration: largest overload (kW, 0 when none)
     * @param prices               per pair: its price after every iteration (USD/kW)
     */
    public record RunReport(String variant, boolean converged, int iterations, double seconds,
                            double maxTradeDeviationKw, double maxPriceDeviation, int provenDecryptions,
                            List<PairLine> trades, List<Injection> injections, List<Flow> flows,
                            double[] reciprocity, double[] lineOverload, List<PriceHistory> prices) {
    }

    /**
     * A pair's trade and price.
     *
     * @param producer the producer
     * @param consumer the consumer
     * @param kw       the traded power
     * @param price    the price (USD/kW)
     */
    public record PairLine(String producer, String consumer, double kw, double price) {
    }

    /**
     * A trader's injection.
     *
     * @param trader the trader
     * @param kw     its net injection
     */
    public record Injection(String trader, double kw) {
    }

    /**
     * A line's flow.
     *
     * @param line    {@code from-to}
     * @param flowKw  the flow
     * @param limitKw its limit ({@code null} when unmonitored)
     */
    public record Flow(String line, double flowKw, Double limitKw) {
    }

    /**
     * A pair's price path.
     *
     * @param pair   {@code producer/consumer}
     * @param values the price after each iteration
     */
    public record PriceHistory(String pair, double[] values) {
    }
}
