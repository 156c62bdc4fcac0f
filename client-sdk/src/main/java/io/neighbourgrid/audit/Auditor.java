package io.neighbourgrid.audit;

import io.neighbourgrid.agent.MarketClient;
import io.neighbourgrid.billing.BillingClient;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.protocol.billing.state.BillingConfig;
import io.neighbourgrid.protocol.state.HomeRecord;
import io.neighbourgrid.protocol.state.WindowView;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Rebuilds from the ledger what happened in a window or to a home's bills, and checks it: who submitted what and
 * when (transaction ids, the submitters' MSP ids and certificate hashes, each key's committed history), every
 * aggregate recomputed from the stored ciphertexts, every proof re-verified (key-correctness proofs, the selected
 * homes' decryptions of the totals, the comparison outcome, meter signatures, the market-balance check, bills), and
 * the chain evidence. It reads only through the contract's queries, so it audits the embedded ledger and a Fabric
 * network alike; what it can check of the chain itself depends on the {@link ChainEvidence}.
 *
 * <p>The checks follow the protocol's steps: {@link RegistrationAudit} (homes, keys and who wrote each record),
 * {@link WindowAudit} (a window's market protocol) and {@link BillingAudit} (records, meter reports, balances and
 * bills).
 */
public final class Auditor {
    private final MarketClient market;
    private final BillingClient billing;
    private final ChainEvidence chain;
    private final RegistrationAudit registrations;
    private final WindowAudit windows;
    private final BillingAudit bills;

    /**
     * @param market  a market client (any identity of the channel; only queries are made)
     * @param billing a billing client on the same connection
     * @param chain   the chain evidence available
     */
    public Auditor(MarketClient market, BillingClient billing, ChainEvidence chain) {
        this.market = Objects.requireNonNull(market, "market");
        this.billing = Objects.requireNonNull(billing, "billing");
        this.chain = Objects.requireNonNull(chain, "chain");
        this.registrations = new RegistrationAudit(market);
        this.windows = new WindowAudit(market, registrations);
        this.bills = new BillingAudit(market, billing, registrations);
    }

    /**
     * Audits window {@code t}: the market protocol and the window's billing records.
     *
     * @param t the window
     * @return the report
     * @throws LedgerException if the ledger cannot be queried
     */
    public AuditReport auditWindow(long t) throws LedgerException {
        List<Finding> out = new ArrayList<>();
        String w = "window " + t;
        Optional<WindowView> found = market.window(t);
        if (found.isEmpty()) {
            out.add(Finding.fail(w, "the window was never opened"));
            return new AuditReport(w, out);
        }
        WindowView view = found.get();
        out.addAll(windows.audit(t, view));
        Optional<BillingConfig> config = billing.billing();
        if (config.isPresent()) {
            out.addAll(bills.ofWindow(t, view, config.get()));
        }
        out.addAll(chain.check());
        return new AuditReport(w, out);
    }

    /**
     * Audits a home over a period: its identity and key, its billing records and meter reports with their
     * signatures and histories, and every bill of the home that overlaps the period, recomputed and re-verified.
     *
     * @param homeId the home
     * @param from   the first window
     * @param to     the last window
     * @return the report
     * @throws LedgerException if the ledger cannot be queried
     */
    public AuditReport auditHome(String homeId, long from, long to) throws LedgerException {
        List<Finding> out = new ArrayList<>();
        String subject = "home " + homeId + ", windows " + from + "-" + to;
        Optional<HomeRecord> home = market.home(homeId);
        if (home.isEmpty()) {
            out.add(Finding.fail("home " + homeId, "no such home is registered"));
            return new AuditReport(subject, out);
        }
        registrations.remember(homeId, home.get());
        out.add(Finding.note("home " + homeId, "registered in transaction " + home.get().txId() + " by "
                + registrations.identity(homeId)));
        out.add(registrations.keyProof(homeId));
        Optional<BillingConfig> config = billing.billing();
        if (config.isEmpty()) {
            out.add(Finding.fail("billing", "no billing key is registered"));
            return new AuditReport(subject, out);
        }
        out.addAll(bills.ofHome(homeId, from, to, config.get()));
        out.addAll(chain.check());
        return new AuditReport(subject, out);
    }
}
