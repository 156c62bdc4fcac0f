package io.neighbourgrid.sim.negotiation;

import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.negotiation.IterationRecord;
import io.neighbourgrid.negotiation.NegotiatedTrade;
import io.neighbourgrid.negotiation.NegotiationCase;
import io.neighbourgrid.negotiation.NegotiationResult;
import io.neighbourgrid.negotiation.NegotiationSettings;
import io.neighbourgrid.negotiation.TradePair;
import io.neighbourgrid.sim.LedgerProvider;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Seed 002's case end to end: both cases (uncongested, congested), each negotiated plain and private on a fresh
 * ledger, compared with the ojAlgo reference.
 */
public final class NegotiationRun {
    /** Where the case comes from. */
    public static final String SOURCE = "Li et al., Sensors 22 (2022) 9020 (seed 002), Table 2 traders; IEEE 14-bus "
            + "branch reactances from MATPOWER data/case14.m; line limits of the congested case chosen here";

    /** Opens a fresh ledger for one run. */
    @FunctionalInterface
    public interface Ledgers {
        /**
         * @param name a name for the run's ledger ({@code uncongested-private})
         * @return a fresh ledger
         */
        LedgerProvider open(String name) throws java.io.IOException, LedgerException;
    }

    private NegotiationRun() {
    }

    /**
     * Runs both cases in both variants.
     *
     * @param ledgers     a fresh ledger per run
     * @param ledgerName  how the report names the ledger
     * @param keyBits     the producers' key length
     * @param progress    where to print one line per run, or {@code null}
     * @return the report
     */
    public static NegotiationReport run(Ledgers ledgers, String ledgerName, int keyBits, java.io.PrintStream progress)
            throws java.io.IOException, LedgerException {
        NegotiationSettings s = NegotiationSettings.defaults();
        List<NegotiationReport.CaseReport> cases = new ArrayList<>();
        SecureRandom random = new SecureRandom();
        for (NegotiationCase c : List.of(NegotiationCase.uncongested(), NegotiationCase.congested())) {
            CentralisedWelfare.Reference ref = CentralisedWelfare.solve(c);
            NegotiationScenario scenario = new NegotiationScenario(c, s);
            List<NegotiationReport.RunReport> runs = new ArrayList<>();
            for (String variant : List.of("plain", "private")) {
                ScenarioRun r;
                try (LedgerProvider p = ledgers.open(c.name() + "-" + variant)) {
                    r = variant.equals("plain") ? scenario.plain(p) : scenario.privately(p, keyBits, random);
                }
                NegotiationReport.RunReport report = report(c, ref, r);
                if (progress != null) {
                    progress.printf(java.util.Locale.ROOT, "%s %s: %d iterations, %.2f s, converged %s%n", c.name(),
                            variant, report.iterations(), report.seconds(), report.converged());
                }
                runs.add(report);
            }
            List<NegotiationReport.PairLine> refLines = new ArrayList<>();
            for (int p = 0; p < ref.pairs().size(); p++) {
                TradePair pair = ref.pairs().get(p);
                refLines.add(new NegotiationReport.PairLine(pair.producer(), pair.consumer(), ref.trades()[p],
                        ref.prices()[p]));
            }
            cases.add(new NegotiationReport.CaseReport(c.name(), refLines, runs));
        }
        NegotiationReport.Settings settings = new NegotiationReport.Settings(s.rho(), s.alpha(),
                NegotiationScenario.MIN_STEP_SHARE * s.alpha(), NegotiationScenario.MAX_STEP_SHARE_OF_RHO * s.rho(),
                s.gamma(), s.tolerance());
        return new NegotiationReport(SOURCE, ledgerName, keyBits, settings, cases);
    }

    /** Whether every run converged within 1e-3 of the reference and kept every line within its limit. */
    public static boolean allWithinReference(NegotiationReport report) {
        for (NegotiationReport.CaseReport c : report.cases()) {
            for (NegotiationReport.RunReport r : c.runs()) {
                boolean lines = r.flows().stream().allMatch(f -> f.limitKw() == null
                        || Math.abs(f.flowKw()) <= f.limitKw() + 1e-3);
                if (!r.converged() || r.maxTradeDeviationKw() > 1e-3 || r.maxPriceDeviation() > 1e-3 || !lines) {
                    return false;
                }
            }
        }
        return true;
    }

    private static NegotiationReport.RunReport report(NegotiationCase c, CentralisedWelfare.Reference ref,
                                                      ScenarioRun run) {
        NegotiationResult r = run.result();
        Deviations d = Deviations.of(r, ref);
        List<NegotiationReport.PairLine> trades = new ArrayList<>();
        List<NegotiationReport.PriceHistory> prices = new ArrayList<>();
        for (int p = 0; p < r.trades().size(); p++) {
            NegotiatedTrade t = r.trades().get(p);
            trades.add(new NegotiationReport.PairLine(t.pair().producer(), t.pair().consumer(), t.quantityKw(),
                    t.price()));
            double[] path = new double[r.prices().size()];
            for (int k = 0; k < path.length; k++) {
                path[k] = r.prices().get(k)[p];
            }
            prices.add(new NegotiationReport.PriceHistory(t.pair().name(), path));
        }
        List<NegotiationReport.Injection> injections = new ArrayList<>();
        double[] inj = r.injections();
        for (int i = 0; i < inj.length; i++) {
            injections.add(new NegotiationReport.Injection(c.traders().get(i).id(), inj[i]));
        }
        List<NegotiationReport.Flow> flows = new ArrayList<>();
        double[] f = r.flows();
        for (int l = 0; l < f.length; l++) {
            double limit = c.limit(l);
            flows.add(new NegotiationReport.Flow(c.network().branches().get(l).name(), f[l],
                    Double.isInfinite(limit) ? null : limit));
        }
        double[] reciprocity = r.history().stream().mapToDouble(IterationRecord::reciprocity).toArray();
        double[] overload = r.history().stream().mapToDouble(h -> Math.max(0, h.lineOverload())).toArray();
        return new NegotiationReport.RunReport(run.variant(), r.converged(), r.iterations(), run.seconds(),
                d.maxTradeKw(), d.maxPrice(), run.decryptions(), trades, injections, flows, reciprocity, overload,
                prices);
    }
}
