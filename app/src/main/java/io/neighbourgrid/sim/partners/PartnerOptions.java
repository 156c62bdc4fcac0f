package io.neighbourgrid.sim.partners;

import io.neighbourgrid.market.HomeInput;
import io.neighbourgrid.market.Role;
import io.neighbourgrid.market.Scales;
import io.neighbourgrid.protocol.ContractException;
import io.neighbourgrid.protocol.Syntax;
import io.neighbourgrid.protocol.partners.AgreementTerms;
import io.neighbourgrid.report.HomeIds;
import io.neighbourgrid.sim.data.CommunityDay;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The simulator's partner options ({@code docs/partners.md}, section 6): which agreements the homes of a replayed
 * day make before it starts. Sales pair the homes that sell most often with the homes that buy most often; donations
 * make the homes that sell most often give to one recipient.
 */
public final class PartnerOptions {
    private PartnerOptions() {
    }

    /**
     * {@code --partners N:PRICE[:SHARE]}: {@code N} sellers each sell to one partner at {@code PRICE} cents per kWh,
     * and give it {@code SHARE} (0 to 1, default 0) of their market sale as well.
     *
     * @param pairs    number of seller-partner pairs, at least 1
     * @param price    price per kWh, price units, above 0
     * @param sharePpm share of the market sale, parts per million
     */
    public record Sales(int pairs, long price, long sharePpm) {
        public Sales {
            if (pairs < 1) {
                throw new IllegalArgumentException("the number of partner pairs must be at least 1, got " + pairs);
            }
            terms(() -> AgreementTerms.sale("a", "b", price, sharePpm));
        }

        /**
         * Parses {@code N:PRICE[:SHARE]}.
         *
         * @param text the option value
         * @return the options
         * @throws IllegalArgumentException if the value is malformed or out of range
         */
        public static Sales parse(String text) {
            String[] p = parts(text, "partners", "N:PRICE[:SHARE]");
            return new Sales(count(p[0], "partner pairs"), priceUnits(p[1]), p.length > 2 ? share(p[2]) : 0);
        }

        /** The option value that gives these options. */
        public String label() {
            return pairs + ":" + cents(price) + (sharePpm == 0 ? "" : ":" + fraction(sharePpm));
        }
    }

    /**
     * {@code --donations N:RECIPIENT[:SHARE]}: {@code N} sellers give the energy they would export to the grid, and
     * {@code SHARE} of their market sale, to the home {@code RECIPIENT} (a hospital, say) for free.
     *
     * @param donors    number of donors, at least 1
     * @param recipient the recipient's home id
     * @param sharePpm  share of the market sale, parts per million
     */
    public record Donations(int donors, String recipient, long sharePpm) {
        public Donations {
            if (donors < 1) {
                throw new IllegalArgumentException("the number of donors must be at least 1, got " + donors);
            }
            try {
                Syntax.parseHomeId(recipient);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("the recipient must be a home id, got '" + recipient + "'", e);
            }
            terms(() -> AgreementTerms.donation("a", "b", sharePpm));
        }

        /**
         * Parses {@code N:RECIPIENT[:SHARE]}.
         *
         * @param text the option value
         * @return the options
         * @throws IllegalArgumentException if the value is malformed or out of range
         */
        public static Donations parse(String text) {
            String[] p = parts(text, "donations", "N:RECIPIENT[:SHARE]");
            return new Donations(count(p[0], "donors"), p[1].strip(), p.length > 2 ? share(p[2]) : 0);
        }

        /** The option value that gives these options. */
        public String label() {
            return donors + ":" + recipient + (sharePpm == 0 ? "" : ":" + fraction(sharePpm));
        }
    }

    /**
     * The day's agreements: first the sales (the {@code i}-th most frequent seller with the {@code i}-th most frequent
     * buyer among the others), then the donations (the most frequent sellers other than the recipient). Homes are
     * ranked by the windows of the run in which their net energy makes them sellers or buyers, ties to the smaller id.
     *
     * @param day       the replayed day
     * @param windows   the run's windows
     * @param sales     sale options, or {@code null}
     * @param donations donation options, or {@code null}
     * @return the terms, in the order the homes propose them
     * @throws IllegalArgumentException if the day has too few homes or no such recipient
     */
    public static List<AgreementTerms> choose(CommunityDay day, int windows, Sales sales, Donations donations) {
        Map<String, Integer> selling = new HashMap<>();
        Map<String, Integer> buying = new HashMap<>();
        day.homes().forEach(h -> {
            selling.put(h.homeId(), 0);
            buying.put(h.homeId(), 0);
        });
        for (int t = 0; t < Math.min(windows, day.windows()); t++) {
            for (HomeInput in : day.inputs(t)) {
                Role r = in.role();
                if (r == Role.SELLER) {
                    selling.merge(in.homeId(), 1, Integer::sum);
                } else if (r == Role.BUYER) {
                    buying.merge(in.homeId(), 1, Integer::sum);
                }
            }
        }
        List<AgreementTerms> out = new ArrayList<>();
        if (sales != null) {
            List<String> sellers = ranked(selling, Set.of());
            if (2 * sales.pairs() > sellers.size()) {
                throw new IllegalArgumentException("--partners names " + sales.pairs() + " pairs; the community has "
                        + sellers.size() + " homes, two per pair");
            }
            Set<String> chosen = new LinkedHashSet<>(sellers.subList(0, sales.pairs()));
            List<String> buyers = ranked(buying, chosen);
            int i = 0;
            for (String seller : chosen) {
                out.add(AgreementTerms.sale(seller, buyers.get(i++), sales.price(), sales.sharePpm()));
            }
        }
        if (donations != null) {
            if (!selling.containsKey(donations.recipient())) {
                throw new IllegalArgumentException("--donations names recipient " + donations.recipient()
                        + ", who is not a home of the community; its homes are "
                        + ranked(selling, Set.of()).stream().sorted(HomeIds.NATURAL).toList());
            }
            List<String> donors = ranked(selling, Set.of(donations.recipient()));
            if (donations.donors() > donors.size()) {
                throw new IllegalArgumentException("--donations names " + donations.donors() + " donors; the "
                        + "community has " + donors.size() + " homes besides the recipient");
            }
            for (String donor : donors.subList(0, donations.donors())) {
                out.add(AgreementTerms.donation(donor, donations.recipient(), donations.sharePpm()));
            }
        }
        return out;
    }

    /** Checks terms as the contract will, reporting a rejection as a bad option value. */
    private static void terms(Supplier<AgreementTerms> check) {
        try {
            check.get();
        } catch (ContractException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static List<String> ranked(Map<String, Integer> counts, Set<String> excluded) {
        List<String> ids = new ArrayList<>();
        counts.keySet().stream().filter(id -> !excluded.contains(id)).forEach(ids::add);
        ids.sort(Comparator.comparing((String id) -> -counts.get(id)).thenComparing(HomeIds.NATURAL));
        return ids;
    }

    private static String[] parts(String text, String option, String form) {
        String[] p = text.split(":", -1);
        if (p.length < 2 || p.length > 3) {
            throw new IllegalArgumentException(option + " must be given as " + form + ", got '" + text + "'");
        }
        return p;
    }

    private static int count(String text, String what) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the number of " + what + " must be an integer, got '" + text + "'",
                    e);
        }
    }

    private static long priceUnits(String cents) {
        try {
            return new BigDecimal(cents.strip()).multiply(BigDecimal.valueOf(Scales.PRICE))
                    .setScale(0, RoundingMode.UNNECESSARY).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("the price must be cents per kWh with at most 6 decimals, got '"
                    + cents + "'", e);
        }
    }

    private static long share(String fraction) {
        try {
            return new BigDecimal(fraction.strip()).multiply(BigDecimal.valueOf(AgreementTerms.WHOLE_SHARE))
                    .setScale(0, RoundingMode.UNNECESSARY).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("the share must be a fraction 0 to 1 with at most 6 decimals, got '"
                    + fraction + "'", e);
        }
    }

    private static String cents(long price) {
        return BigDecimal.valueOf(price, 6).stripTrailingZeros().toPlainString();
    }

    private static String fraction(long ppm) {
        return BigDecimal.valueOf(ppm, 6).stripTrailingZeros().toPlainString();
    }
}
