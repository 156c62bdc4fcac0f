package io.neighbourgrid.sim.partners;

import io.neighbourgrid.billing.BillingClient;
import io.neighbourgrid.billing.BillingParty;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.protocol.billing.PartnerBillLayout;
import io.neighbourgrid.protocol.billing.state.PartnerBill;
import io.neighbourgrid.protocol.billing.state.PartnerBillLines;
import io.neighbourgrid.protocol.partners.PartnerLines;
import io.neighbourgrid.sim.Community;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * The partner lines of a billed day ({@code docs/partners.md}, section 4, "Bills gain partner lines"): every home
 * that was a party of an agreement in force at a window's settlement records its lines of that window under the
 * billing key, through its own connection ({@code recordPartnerLines}); once the homes' bills are posted, the billing
 * party posts each party's partner lines beside its bill ({@code postPartnerBill}), and each home checks them against
 * the lines it kept.
 */
public final class PartnerBilling {
    private final PartnerDay partners;
    private final int windows;

    /**
     * @param partners the day's agreements and their lines
     * @param windows  the day's windows, all billed as one period
     */
    public PartnerBilling(PartnerDay partners, int windows) {
        this.partners = Objects.requireNonNull(partners, "partners");
        this.windows = windows;
    }

    /**
     * What the partner lines of a billed day came to.
     *
     * @param records  partner-lines records the homes posted
     * @param bills    partner bills the billing party posted
     * @param matching partner bills whose lines equal the sum of what their home kept, with no window missing
     */
    public record Result(int records, int bills, int matching) {
    }

    /**
     * The recording jobs of every party's lines of every window, to be run concurrently.
     *
     * @param community  the community, whose homes record through their own connections
     * @param channel    the channel
     * @param billingKey the billing key
     * @param random     the encryptions' randomness
     * @return one job per record
     */
    public List<Callable<Void>> recordings(Community community, String channel, PaillierPublicKey billingKey,
                                           SecureRandom random) {
        List<Callable<Void>> jobs = new ArrayList<>();
        for (long t = 0; t < windows; t++) {
            long w = t;
            for (Map.Entry<String, PartnerLines> e : partners.partyLines(t).entrySet()) {
                BillingClient home = new BillingClient(community.agent(e.getKey()).client().ledger(), channel);
                jobs.add(() -> {
                    home.recordPartnerLines(w, PartnerBillLayout.encrypt(e.getValue(), billingKey, random));
                    return null;
                });
            }
        }
        return jobs;
    }

    /**
     * Posts the partner lines of every party's bill of the day (after its market bill), and checks each against the
     * lines the home kept.
     *
     * @param party the billing party
     * @return what was posted and how much of it matched
     * @throws LedgerException if the contract rejects a partner bill
     */
    public Result post(BillingParty party) throws LedgerException {
        // Per party: the lines it recorded, by window.
        Map<String, Map<Long, PartnerLines>> kept = new TreeMap<>();
        for (long t = 0; t < windows; t++) {
            long w = t;
            partners.partyLines(t).forEach((home, l) -> kept.computeIfAbsent(home, k -> new TreeMap<>()).put(w, l));
        }
        int records = 0;
        int matching = 0;
        for (Map.Entry<String, Map<Long, PartnerLines>> e : kept.entrySet()) {
            records += e.getValue().size();
            PartnerBill bill = party.postPartnerBill(e.getKey(), 0, windows - 1L);
            PartnerBillLines expected = PartnerBillLayout.expected(e.getValue().values());
            if (bill.lines().equals(expected) && bill.missing().isEmpty() && bill.recorded() == e.getValue().size()) {
                matching++;
            }
        }
        return new Result(records, kept.size(), matching);
    }
}
