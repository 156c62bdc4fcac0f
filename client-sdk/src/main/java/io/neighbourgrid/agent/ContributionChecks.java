package io.neighbourgrid.agent;

import io.neighbourgrid.crypto.ProofContext;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.crypto.proof.ContributionStatement;
import io.neighbourgrid.crypto.proof.RingPedersenParameters;
import io.neighbourgrid.protocol.MarketProofs;
import io.neighbourgrid.protocol.ProofContexts;
import io.neighbourgrid.protocol.state.Aggregation;
import io.neighbourgrid.protocol.state.Contribution;
import io.neighbourgrid.protocol.state.WindowView;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The optimistic side of contribution proofs: anyone holding a window's full view (r1 before it proves the outcome,
 * an auditor's {@code audit}) checks every aggregated member's proof in one batch and learns which member, if any,
 * to claim against ({@code claimInvalidContribution}).
 */
public final class ContributionChecks {
    private ContributionChecks() {
    }

    /**
     * The first aggregated member of window {@code view} whose contribution proof fails, if any.
     *
     * @param view    the window's full view ({@code getWindow}), after its contributions closed
     * @param params  the market's proof parameters
     * @param channel the channel
     * @param random  the batch's randomness
     * @return the member to claim against, or empty when every aggregated contribution verifies
     */
    public static Optional<String> firstInvalid(WindowView view, RingPedersenParameters params, String channel,
                                                SecureRandom random) {
        Aggregation a = view.window().aggregation();
        if (a == null || a.aggregates() == null) {
            return Optional.empty();
        }
        Set<String> aggregated = new HashSet<>(a.sellers());
        aggregated.addAll(a.buyers());
        PaillierPublicKey responderKey = PaillierPublicKey.fromBase64(view.responderKey());
        PaillierPublicKey initiatorKey = PaillierPublicKey.fromBase64(view.initiatorKey());
        List<ContributionStatement> statements = new ArrayList<>();
        List<String> proofs = new ArrayList<>();
        List<ProofContext> contexts = new ArrayList<>();
        List<String> homes = new ArrayList<>();
        long t = view.window().window();
        for (Contribution c : view.contributions()) {
            if (!aggregated.contains(c.homeId())) {
                continue;
            }
            homes.add(c.homeId());
            statements.add(MarketProofs.contributionStatement(view.window().config(), c.role(), responderKey,
                    initiatorKey, params, responderKey.ciphertextFromBase64(c.totalsForResponder()),
                    initiatorKey.ciphertextFromBase64(c.totalsForInitiator())));
            proofs.add(c.proof());
            contexts.add(ProofContexts.contribution(channel, t, c.homeId()));
        }
        int bad = MarketProofs.firstInvalidContribution(statements, proofs, contexts, random);
        return bad < 0 ? Optional.empty() : Optional.of(homes.get(bad));
    }
}
