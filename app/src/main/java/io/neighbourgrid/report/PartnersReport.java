package io.neighbourgrid.report;

import io.neighbourgrid.protocol.partners.AgreementKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What partner agreements and donations did to a replayed day (seed 003, SNIPPET: Alice who would rather give to a
 * hospital or sell to her neighbour Bob than to her supplier; {@code docs/partners.md}): the energy and money each
 * agreement moved after the private market, each home's bill with and without its agreements, and the checks that
 * the books still balance.
 *
 * @param sales      the {@code --partners} option value, or {@code null}
 * @param donations  the {@code --donations} option value, or {@code null}
 * @param agreements every agreement in force, in clearing order
 * @param homes      every home, with or without agreements
 * @param grid       the grid's exchange over the run, with and without the agreements
 * @param statements window statements both parties committed to on the ledger (one per agreement in force and
 *                   window)
 */
public record PartnersReport(String sales, String donations, List<AgreementTotals> agreements, List<HomeTotals> homes,
                             GridTotals grid, int statements) {
    public PartnersReport {
        agreements = List.copyOf(agreements);
        homes = List.copyOf(homes);
        Objects.requireNonNull(grid, "grid");
    }

    /**
     * One agreement over the run.
     *
     * @param id           the agreement's id (its proposing transaction)
     * @param seller       the seller or donor
     * @param partner      the partner or recipient
     * @param kind         sale or donation
     * @param price        price per kWh, price units
     * @param sharePpm     share of the seller's market sale, parts per million
     * @param windows      windows in which it moved energy
     * @param gridEnergy   energy moved instead of the grid, energy units
     * @param marketEnergy energy of the market sale moved at the agreement's price, energy units
     * @param money        what the partner paid the seller in all (negative: refunds to the partner), money units
     */
    public record AgreementTotals(String id, String seller, String partner, AgreementKind kind, long price,
                                  long sharePpm, int windows, long gridEnergy, long marketEnergy, long money) {
    }

    /**
     * One home over the run.
     *
     * @param homeId      the home
     * @param energyOut   energy it gave or sold to partners, energy units
     * @param energyIn    energy it received, energy units
     * @param moneyIn     money partners paid it, money units
     * @param moneyOut    money it paid partners, money units
     * @param billWithout its bill without agreements (settlements as recorded), money units, positive: paid
     * @param billWith    its bill with its partner lines, money units
     */
    public record HomeTotals(String homeId, long energyOut, long energyIn, long moneyIn, long moneyOut,
                             long billWithout, long billWith) {
        /** What the agreements gained the home, money units (negative: what it gave). */
        public long gain() {
            return billWith - billWithout;
        }
    }

    /**
     * The grid's exchange with the community over the run, energy units.
     *
     * @param exportWithout homes' grid export without agreements
     * @param importWithout homes' grid import without agreements
     * @param exportWith    with agreements
     * @param importWith    with agreements
     */
    public record GridTotals(long exportWithout, long importWithout, long exportWith, long importWith) {
        /** Whether the net exchange (export less import) is the same with and without agreements. */
        public boolean netUnchanged() {
            return exportWithout - importWithout == exportWith - importWith;
        }
    }

    /** Energy the agreements moved, energy units. */
    public long energyMoved() {
        return agreements.stream().mapToLong(a -> a.gridEnergy() + a.marketEnergy()).sum();
    }

    /** Money partners paid sellers, less refunds to partners, money units. */
    public long moneyMoved() {
        return agreements.stream().mapToLong(AgreementTotals::money).sum();
    }

    /** Whether every payment has its receipt: money paid by homes equals money received by homes. */
    public boolean moneyBalanced() {
        return homes.stream().mapToLong(HomeTotals::moneyIn).sum() == homes.stream().mapToLong(HomeTotals::moneyOut)
                .sum();
    }

    /** The community's gain from the agreements, money units: what the grid no longer nets from it. */
    public long communityGain() {
        return homes.stream().mapToLong(HomeTotals::gain).sum();
    }

    /** Lines for the console. */
    public List<String> summaryLines() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "partners: %d agreements moved %s kWh (%s kWh instead of the grid), "
                        + "%s cents paid to sellers net; community gain %s cents; money balanced: %s; grid net "
                        + "unchanged: %s; %d window statements committed by both parties", agreements.size(), Numbers.kwhText(energyMoved()),
                Numbers.kwhText(agreements.stream().mapToLong(AgreementTotals::gridEnergy).sum()), Numbers.moneyText(moneyMoved()),
                Numbers.moneyText(communityGain()), moneyBalanced(), grid.netUnchanged(), statements));
        return lines;
    }
}
