package io.neighbourgrid.audit;

import io.neighbourgrid.agent.MarketClient;
import io.neighbourgrid.billing.BillingClient;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.protocol.billing.state.Bill;
import io.neighbourgrid.protocol.state.HomeRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Audits a whole ledger in one verdict: every window ({@link Auditor#auditWindow}) and every bill of every
 * registered home ({@link Auditor#auditHome} over the bill's period), with the chain evidence checked once.
 */
public final class LedgerAudit {
    private final MarketClient market;
    private final BillingClient billing;
    private final ChainEvidence chain;
    private final Auditor auditor;

    /**
     * @param market  a market client (any identity of the channel; only queries are made)
     * @param billing a billing client on the same connection
     * @param chain   the chain evidence available; checked once for the whole audit
     */
    public LedgerAudit(MarketClient market, BillingClient billing, ChainEvidence chain) {
        this.market = Objects.requireNonNull(market, "market");
        this.billing = Objects.requireNonNull(billing, "billing");
        this.chain = new CheckedOnce(Objects.requireNonNull(chain, "chain"));
        this.auditor = new Auditor(market, billing, this.chain);
    }

    /**
     * The windows the ledger holds as the contract's queries show them: 0, 1, ... up to the first window that was
     * never opened. A caller with access to the chain's state can list them from there instead.
     *
     * @param market a market client
     * @return the window indices, ascending
     * @throws LedgerException if the ledger cannot be queried
     */
    public static List<Long> openedWindows(MarketClient market) throws LedgerException {
        List<Long> windows = new ArrayList<>();
        for (long t = 0; market.windowStatus(t).isPresent(); t++) {
            windows.add(t);
        }
        return windows;
    }

    /**
     * Audits the windows {@link #openedWindows} finds and every bill.
     *
     * @return the report
     * @throws LedgerException if the ledger cannot be queried
     */
    public LedgerAuditReport audit() throws LedgerException {
        return audit(openedWindows(market));
    }

    /**
     * Audits {@code windows} and every bill of every registered home.
     *
     * @param windows the windows to audit
     * @return the report
     * @throws LedgerException if the ledger cannot be queried
     */
    public LedgerAuditReport audit(List<Long> windows) throws LedgerException {
        List<Finding> chainFindings = chain.check();
        List<LedgerAuditReport.WindowAudit> windowAudits = new ArrayList<>();
        for (long t : windows) {
            windowAudits.add(LedgerAuditReport.WindowAudit.of(t, auditor.auditWindow(t)));
        }
        List<LedgerAuditReport.BillAudit> billAudits = new ArrayList<>();
        for (HomeRecord home : market.homes()) {
            for (Bill bill : billing.bills(home.homeId())) {
                billAudits.add(LedgerAuditReport.BillAudit.of(home.homeId(), bill.from(), bill.to(),
                        auditor.auditHome(home.homeId(), bill.from(), bill.to())));
            }
        }
        return LedgerAuditReport.of(chainFindings, windowAudits, billAudits);
    }

    /** Chain evidence checked once: the ledger is only read during an audit, so one check serves every report. */
    private static final class CheckedOnce implements ChainEvidence {
        private final ChainEvidence chain;
        private List<Finding> findings;

        CheckedOnce(ChainEvidence chain) {
            this.chain = chain;
        }

        @Override
        public String describe() {
            return chain.describe();
        }

        @Override
        public synchronized List<Finding> check() {
            if (findings == null) {
                findings = List.copyOf(chain.check());
            }
            return findings;
        }
    }
}
