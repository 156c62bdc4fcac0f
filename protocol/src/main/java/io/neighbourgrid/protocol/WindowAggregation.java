package io.neighbourgrid.protocol;

import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.protocol.args.ContributionArgs;
import io.neighbourgrid.protocol.state.Aggregates;
import io.neighbourgrid.protocol.state.Contribution;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The aggregation of a window (PEM Protocol 2 lines 2-13, and the totals of Protocol 3 lines 2-7): the product of
 * the contributing members' ciphertexts of each contribution field under the selected home's key it is encrypted
 * under, {@code Enc(a) * Enc(b) = Enc(a + b)}. The chaincode computes it when it closes the contributions; an
 * auditor recomputes it from the stored contributions and compares. The product does not depend on the order of
 * the members.
 */
public final class WindowAggregation {
    /** The two aggregates: their names, the contribution field multiplied and whose key it is under. */
    public enum Share {
        /** {@code T_r1} under r1: every member's {@code pack + M}. */
        TOTALS_FOR_RESPONDER("T_r1", ContributionArgs.TOTALS_FOR_RESPONDER, true, Contribution::totalsForResponder,
                Aggregates::totalsForResponder),
        /** {@code T_r2} under r2: every member's {@code -M}; r2 transfers its plaintext to r1's key. */
        TOTALS_FOR_INITIATOR("T_r2", ContributionArgs.TOTALS_FOR_INITIATOR, false,
                Contribution::totalsForInitiator, Aggregates::totalsForInitiator);

        private final String symbol;
        private final String field;
        private final boolean underResponderKey;
        private final Function<Contribution, String> ofContribution;
        private final Function<Aggregates, String> ofAggregates;

        Share(String symbol, String field, boolean underResponderKey, Function<Contribution, String> ofContribution,
              Function<Aggregates, String> ofAggregates) {
            this.symbol = symbol;
            this.field = field;
            this.underResponderKey = underResponderKey;
            this.ofContribution = ofContribution;
            this.ofAggregates = ofAggregates;
        }

        /** The aggregate's name in PEM, e.g. {@code R_b}. */
        public String symbol() {
            return symbol;
        }

        /** The contribution field multiplied, e.g. {@code demandShare}. */
        public String field() {
            return field;
        }

        /** Whether it is under the responder r1's key (else under the initiator r2's). */
        public boolean underResponderKey() {
            return underResponderKey;
        }

        /** The member's ciphertext of this share, Base64. */
        public String of(Contribution c) {
            return ofContribution.apply(c);
        }

        /** The recorded aggregate of this share, Base64. */
        public String of(Aggregates a) {
            return ofAggregates.apply(a);
        }
    }

    /** How a stored Base64 ciphertext is read under a key: validated again, or trusted as validated on submission. */
    @FunctionalInterface
    public interface CiphertextReader {
        /** Reads {@code base64} as a ciphertext under {@code key}. */
        Ciphertext read(PaillierPublicKey key, String base64);
    }

    private WindowAggregation() {
    }

    /**
     * One aggregate: the product of the aggregated members' ciphertexts of {@code share}, the sellers' then the
     * buyers', each read as its member is reached.
     *
     * @param share         the aggregate
     * @param key           the key it is under (r1's or r2's, see {@link Share#underResponderKey()})
     * @param sellers       the sellers that contributed
     * @param buyers        the buyers that contributed
     * @param contributions the window's contributions (those of other homes are ignored)
     * @param reader        how each stored ciphertext is read
     * @return the aggregate
     * @throws IllegalStateException if a member's contribution is missing
     */
    public static Ciphertext aggregate(Share share, PaillierPublicKey key, List<String> sellers, List<String> buyers,
                                       Collection<Contribution> contributions, CiphertextReader reader) {
        Map<String, Contribution> byHome = new HashMap<>();
        contributions.forEach(c -> byHome.put(c.homeId(), c));
        List<Ciphertext> ciphertexts = new ArrayList<>(sellers.size() + buyers.size());
        for (List<String> coalition : List.of(sellers, buyers)) {
            for (String home : coalition) {
                Contribution c = byHome.get(home);
                if (c == null) {
                    throw new IllegalStateException("the contribution of aggregated member " + home + " is missing");
                }
                ciphertexts.add(reader.read(key, share.of(c)));
            }
        }
        return key.sum(ciphertexts);
    }

    /**
     * The two aggregates of a window.
     *
     * @param responderKey  r1's key
     * @param initiatorKey  r2's key
     * @param sellers       the sellers that contributed
     * @param buyers        the buyers that contributed
     * @param contributions the window's contributions
     * @param reader        how each stored ciphertext is read
     * @return {@code T_r1} and {@code T_r2}
     * @throws IllegalStateException if a member's contribution is missing
     */
    public static Aggregates aggregates(PaillierPublicKey responderKey, PaillierPublicKey initiatorKey,
                                        List<String> sellers, List<String> buyers,
                                        Collection<Contribution> contributions, CiphertextReader reader) {
        String[] out = new String[Share.values().length];
        for (Share share : Share.values()) {
            PaillierPublicKey key = share.underResponderKey() ? responderKey : initiatorKey;
            out[share.ordinal()] = aggregate(share, key, sellers, buyers, contributions, reader).toBase64();
        }
        return new Aggregates(out[Share.TOTALS_FOR_RESPONDER.ordinal()], out[Share.TOTALS_FOR_INITIATOR.ordinal()]);
    }
}
