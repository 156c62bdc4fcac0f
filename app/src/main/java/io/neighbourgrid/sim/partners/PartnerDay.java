package io.neighbourgrid.sim.partners;

import io.neighbourgrid.agent.HomeAgent;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.market.HomeSettlement;
import io.neighbourgrid.market.MarketParameters;
import io.neighbourgrid.market.WindowOutcome;
import io.neighbourgrid.partners.PartnerClient;
import io.neighbourgrid.protocol.partners.Agreement;
import io.neighbourgrid.protocol.partners.AgreementStatus;
import io.neighbourgrid.protocol.partners.AgreementTerms;
import io.neighbourgrid.protocol.partners.PartnerClearing;
import io.neighbourgrid.protocol.partners.PartnerLines;
import io.neighbourgrid.protocol.partners.PartnerStatement;
import io.neighbourgrid.protocol.partners.PartnerTransfer;
import io.neighbourgrid.protocol.partners.TransferRecord;
import io.neighbourgrid.report.PartnersReport;
import io.neighbourgrid.sim.Community;
import io.neighbourgrid.sim.data.CommunityDay;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Partner agreements on a replayed day ({@code docs/partners.md}, section 6): before the first window each seller
 * proposes its agreement on the ledger and its partner accepts it; after each settled window the agreements in force
 * are cleared against the window's settlements as recorded ({@link PartnerClearing}), both parties commit to the
 * window's statement on the ledger ({@link PartnerStatement}), and every home's bill is kept with and without its
 * partner lines. The clearing is what each pair's controllers compute between themselves; the
 * simulator, which holds every home's settlement, does it for all pairs.
 */
public final class PartnerDay {
    private final List<AgreementTerms> terms;
    private final String salesLabel;
    private final String donationsLabel;
    private final MarketParameters params;
    private final List<Agreement> agreements = new ArrayList<>();
    private final Map<String, long[]> perAgreement = new LinkedHashMap<>();
    private final Map<String, long[]> perHome = new TreeMap<>();
    private final long[] grid = new long[4];
    /** Per window: the lines of every home that was a party of an agreement in force at its settlement. */
    private final Map<Long, Map<String, PartnerLines>> partyLines = new TreeMap<>();
    private final SecureRandom random = new SecureRandom();
    private Community community;
    private int confirmed;

    /**
     * @param terms     the agreements to make ({@link PartnerOptions#choose})
     * @param sales     the sale options, or {@code null}
     * @param donations the donation options, or {@code null}
     * @param params    the market parameters (grid prices)
     */
    public PartnerDay(List<AgreementTerms> terms, PartnerOptions.Sales sales, PartnerOptions.Donations donations,
                      MarketParameters params) {
        this.terms = List.copyOf(terms);
        this.salesLabel = sales == null ? null : sales.label();
        this.donationsLabel = donations == null ? null : donations.label();
        this.params = Objects.requireNonNull(params, "params");
    }

    /**
     * The partner day of a run's options, checked against the replayed day before any ledger is touched.
     *
     * @param day       the replayed day
     * @param windows   the run's windows
     * @param sales     sale options, or {@code null}
     * @param donations donation options, or {@code null}
     * @param params    the market parameters
     * @return the partner day, or {@code null} when neither option is given
     * @throws IllegalArgumentException if the day has too few homes or no such recipient
     */
    public static PartnerDay of(CommunityDay day, int windows, PartnerOptions.Sales sales,
                                PartnerOptions.Donations donations, MarketParameters params) {
        if (sales == null && donations == null) {
            return null;
        }
        return new PartnerDay(PartnerOptions.choose(day, windows, sales, donations), sales, donations, params);
    }

    /**
     * Records the agreements on the ledger, each proposed by its seller and accepted by its partner through their own
     * connections, and keeps them as the ledger returned them.
     *
     * @param community the registered community
     * @throws LedgerException if the contract rejects an agreement or the ledger fails
     */
    public void record(Community community) throws LedgerException {
        this.community = Objects.requireNonNull(community, "community");
        for (AgreementTerms t : terms) {
            HomeAgent seller = community.agent(t.seller());
            HomeAgent partner = community.agent(t.partner());
            Agreement proposed = new PartnerClient(seller.client().ledger()).propose(t);
            Agreement accepted = new PartnerClient(partner.client().ledger()).accept(proposed.id());
            if (accepted.status() != AgreementStatus.ACTIVE) {
                throw new IllegalStateException("agreement " + proposed.id() + " is " + accepted.status());
            }
            agreements.add(accepted);
            perAgreement.put(accepted.id(), new long[4]);
        }
    }

    /** How many agreements the homes make. */
    public int size() {
        return terms.size();
    }

    /** The agreements recorded, as the ledger returned them. */
    public List<Agreement> agreements() {
        return List.copyOf(agreements);
    }

    /**
     * Clears a settled window's agreements, has both parties of every agreement in force commit to the window's
     * statement on the ledger, and books every home's bill with and without the agreements.
     *
     * @param outcome   the window's outcome as the homes settled it
     * @param settledAt the window's settlement timestamp on the ledger
     * @return the window's transfers
     * @throws LedgerException if the contract rejects a commitment or the ledger fails
     */
    public List<PartnerTransfer> add(WindowOutcome outcome, Instant settledAt) throws LedgerException {
        List<PartnerTransfer> transfers = PartnerClearing.clear(outcome.window(), settledAt, outcome.price(),
                outcome.homes(), agreements);
        commit(outcome.window(), settledAt, transfers);
        for (PartnerTransfer t : transfers) {
            long[] a = perAgreement.get(t.agreementId());
            a[0]++;
            a[1] += t.gridEnergy();
            a[2] += t.marketEnergy();
            a[3] += t.money();
        }
        Map<String, PartnerLines> parties = new TreeMap<>();
        for (Agreement a : agreements) {
            if (a.appliesAt(settledAt)) {
                for (String home : List.of(a.terms().seller(), a.terms().partner())) {
                    parties.put(home, PartnerLines.of(home, transfers));
                }
            }
        }
        partyLines.put(outcome.window(), parties);
        for (HomeSettlement s : outcome.homes()) {
            PartnerLines l = PartnerLines.of(s.homeId(), transfers);
            long[] h = perHome.computeIfAbsent(s.homeId(), k -> new long[6]);
            h[0] += l.energyOut();
            h[1] += l.energyIn();
            h[2] += l.moneyIn();
            h[3] += l.moneyOut();
            h[4] += s.balance();
            h[5] += l.balance(s, params);
            grid[0] += s.gridExport();
            grid[1] += s.gridImport();
            grid[2] += s.gridExport() - l.gridExportAvoided();
            grid[3] += s.gridImport() - l.gridImportAvoided();
        }
        return transfers;
    }

    /**
     * The statement of every agreement in force at the window's settlement (a zero statement where nothing moved),
     * recorded by the seller and confirmed by the partner, each through its own connection.
     */
    private void commit(long window, Instant settledAt, List<PartnerTransfer> transfers) throws LedgerException {
        if (community == null) {
            return;
        }
        Map<String, PartnerTransfer> byAgreement = new TreeMap<>();
        transfers.forEach(t -> byAgreement.put(t.agreementId(), t));
        for (Agreement a : agreements) {
            if (!a.appliesAt(settledAt)) {
                continue;
            }
            PartnerStatement statement = PartnerStatement.of(a.id(), window, byAgreement.get(a.id()), random);
            new PartnerClient(community.agent(a.terms().seller()).client().ledger()).recordTransfer(statement);
            TransferRecord r = new PartnerClient(community.agent(a.terms().partner()).client().ledger())
                    .recordTransfer(statement);
            if (r.confirmed()) {
                confirmed++;
            }
        }
    }

    /**
     * The partner lines of window {@code t} of every home that was a party of an agreement in force at its
     * settlement (zeros where nothing moved): what each records for its bill.
     *
     * @return home id to lines, empty for a window not added
     */
    public Map<String, PartnerLines> partyLines(long t) {
        return Map.copyOf(partyLines.getOrDefault(t, Map.of()));
    }

    /** The run's partner report so far. */
    public PartnersReport report() {
        List<PartnersReport.AgreementTotals> totals = new ArrayList<>();
        for (Agreement a : agreements) {
            long[] v = perAgreement.get(a.id());
            AgreementTerms t = a.terms();
            totals.add(new PartnersReport.AgreementTotals(a.id(), t.seller(), t.partner(), t.kind(), t.price(),
                    t.marketSharePpm(), (int) v[0], v[1], v[2], v[3]));
        }
        List<PartnersReport.HomeTotals> homes = new ArrayList<>();
        perHome.forEach((id, h) -> homes.add(new PartnersReport.HomeTotals(id, h[0], h[1], h[2], h[3], h[4], h[5])));
        return new PartnersReport(salesLabel, donationsLabel, totals, homes,
                new PartnersReport.GridTotals(grid[0], grid[1], grid[2], grid[3]), confirmed);
    }
}
