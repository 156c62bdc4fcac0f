package io.neighbourgrid.chaincode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.crypto.proof.ContributionStatement;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.market.Clearing;
import io.neighbourgrid.market.HomeInput;
import io.neighbourgrid.market.ReferenceMarket;
import io.neighbourgrid.market.Role;
import io.neighbourgrid.market.WindowOutcome;
import io.neighbourgrid.protocol.ContributionRanges;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.args.ContributionArgs;
import io.neighbourgrid.protocol.state.ContributionClaim;
import io.neighbourgrid.protocol.state.GridOnlyReason;
import io.neighbourgrid.protocol.state.HomeRecord;
import io.neighbourgrid.protocol.state.SelectedHomes;
import io.neighbourgrid.protocol.state.WindowPhase;
import io.neighbourgrid.protocol.state.WindowRecord;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A member that cheats in its contribution is caught and only it pays ({@code market.Claims}): a contribution out of
 * range or with shares that do not hold the same mask fails its proof, a claim makes chaincode verify it, and the
 * member is excluded and suspended while the window goes on without it. A claim against a valid proof changes
 * nothing.
 */
class ClaimsTest {
    private final MarketHarness m = new MarketHarness();
    private final Map<String, HomeInput> inputs = MarketHarness.generalMarket();

    /**
     * Runs window 1 to its closed contributions with the contribution of an unselected seller replaced by
     * {@code forged}.
     *
     * @return the cheater
     */
    private String throughContributionsWithCheater(java.util.function.Function<String, ContributionArgs> forged) {
        m.throughRoles(1, inputs);
        String cheater = plainSeller();
        for (String id : m.members(1)) {
            String body = id.equals(cheater) ? forged.apply(id).toJson() : m.contribution(1, id);
            m.submit(m.home(id).creator, "submitContribution", "1", body);
        }
        m.closeContributions(1);
        return cheater;
    }

    /** A seller not selected in window 1 (a cheater that is not r1 or r2). */
    private String plainSeller() {
        return m.unselected(1, Role.SELLER);
    }

    private long[] honestSlots(String id) {
        HomeInput in = inputs.get(id);
        return ContributionRanges.of(m.window(1).config()).sellerSlots(in.netEnergy(), in.preference(),
                in.pricingTerm());
    }

    private HomeRecord home(String id) {
        return CanonicalJson.fromJson(m.query("getHome", id), HomeRecord.class);
    }

    private static WindowOutcome referenceWithout(Map<String, HomeInput> inputs, String excluded) {
        return new ReferenceMarket(MarketHarness.config().parameters()).clear(1, inputs.values(), Set.of(excluded));
    }

    /** The window after a claim: re-evaluated without the cheater, at the reference outcome without it. */
    private void assertReEvaluatedWithout(String cheater) {
        WindowRecord w = m.window(1);
        assertEquals(WindowPhase.EVALUATION, w.phase());
        assertEquals(List.of(cheater), w.aggregation().excludedMembers());
        assertFalse(w.aggregation().sellers().contains(cheater));
        m.runEvaluation(1);
        w = m.window(1);
        WindowOutcome expected = referenceWithout(inputs, cheater);
        assertEquals(expected.clearing(), w.outcome().clearing());
        assertEquals(expected.price().getAsLong(), w.outcome().price());
        assertEquals(expected.fillRatio(), w.outcome().fillRatio());
        HomeRecord h = home(cheater);
        assertEquals(GridOnlyReason.INVALID_CONTRIBUTION, h.suspension().reason());
        assertTrue(h.suspension().excludes(2));
        SelectedHomes s = m.selection(1);
        assertNull(home(s.responder()).suspension(), "r1 is never blamed");
        assertNull(home(s.initiator()).suspension(), "r2 is never blamed");
    }

    @Test
    void aValueOutOfRangeIsCaughtAndTheWindowIsEvaluatedWithoutIt() {
        String cheater = throughContributionsWithCheater(id -> {
            long[] honest = honestSlots(id);
            long[] skewed = honest.clone();
            // k far above the market's range: it would push the price to p_h.
            skewed[ContributionRanges.PREFERENCE] = ContributionRanges.of(m.window(1).config())
                    .high(ContributionRanges.PREFERENCE) * 1000;
            return m.contributionArgs(1, id, skewed, ContributionStatement.newMask(MarketHarness.RANDOM), honest);
        });
        String claim = new String(m.submit(m.outsider, "claimInvalidContribution", "1", cheater).payload(),
                StandardCharsets.UTF_8);
        ContributionClaim c = CanonicalJson.fromJson(claim, ContributionClaim.class);
        assertEquals(cheater, c.homeId());
        assertEquals(WindowPhase.EVALUATION, c.phaseAtClaim());
        assertReEvaluatedWithout(cheater);
    }

    @Test
    void sharesThatDoNotHoldTheSameMaskAreCaught() {
        String cheater = throughContributionsWithCheater(id -> {
            ContributionArgs honest = m.contributionArgs(1, id);
            ContributionArgs other = m.contributionArgs(1, id);
            // The share for r2 of another split: r1's share and the proof no longer fit it.
            return new ContributionArgs(honest.totalsForResponder(), other.totalsForInitiator(), honest.proof());
        });
        m.submit(m.home(m.selection(1).responder()).creator, "claimInvalidContribution", "1", cheater);
        assertReEvaluatedWithout(cheater);
    }

    @Test
    void aClaimAgainstAValidProofIsRejectedAndChangesNothing() {
        m.throughContributions(1, inputs);
        String honest = plainSeller();
        String before = m.state(StateKeys.window(1));
        m.rejects(ErrorCode.CLAIM_REJECTED, m.outsider, "claimInvalidContribution", "1", honest);
        assertEquals(before, m.state(StateKeys.window(1)));
        assertNull(home(honest).suspension());
    }

    @Test
    void claimsAreRejectedBeforeTheContributionsCloseAndAgainstNonMembers() {
        m.throughRoles(1, inputs);
        m.rejects(ErrorCode.WRONG_PHASE, m.outsider, "claimInvalidContribution", "1", "s1");
        m.contributeAll(1);
        m.closeContributions(1);
        m.rejects(ErrorCode.NOT_A_MEMBER, m.outsider, "claimInvalidContribution", "1", "o1");
        m.rejects(ErrorCode.INVALID_ARGUMENT, m.outsider, "claimInvalidContribution", "1", "bad id!");
        m.rejects(ErrorCode.UNKNOWN_WINDOW, m.outsider, "claimInvalidContribution", "9", "s1");
    }

    @Test
    void aClaimAfterTheWindowClearedSendsItToTheGridAndASecondClaimIsADuplicate() {
        // The proof is made for other (in-range) values than the ones encrypted: the totals stay plausible.
        String cheater = throughContributionsWithCheater(id -> m.contributionArgs(1, id, honestSlots(id),
                ContributionStatement.newMask(MarketHarness.RANDOM), new long[] {0, 0, 0, 0}));
        m.runEvaluation(1);
        assertEquals(WindowPhase.CLEARED, m.window(1).phase());
        m.submit(m.operator, "claimInvalidContribution", "1", cheater);
        WindowRecord w = m.window(1);
        assertEquals(WindowPhase.GRID_ONLY, w.phase());
        assertEquals(GridOnlyReason.INVALID_CONTRIBUTION, w.outcome().reason());
        assertEquals(List.of(cheater), w.outcome().silentHomes());
        m.rejects(ErrorCode.DUPLICATE_SUBMISSION, m.operator, "claimInvalidContribution", "1", cheater);
        m.submit(m.operator, "settleWindow", "1");
        assertEquals(Clearing.GRID_ONLY, m.view(1).settlement().clearing());
    }

    @Test
    void anExcludedHomeMayOnlyDeclareOffAndResumesOnlyAfterItsExclusion() {
        String cheater = throughContributionsWithCheater(id -> m.contributionArgs(1, id, honestSlots(id),
                BigInteger.ONE, new long[] {1, 1, 1, 0}));
        m.submit(m.outsider, "claimInvalidContribution", "1", cheater);
        long until = home(cheater).suspension().excludedUntil();
        assertEquals(1 + 1 + MarketHarness.config().selectionEpochWindows(), until);
        m.openWindow(2);
        m.rejects(ErrorCode.HOME_EXCLUDED, m.home(cheater).creator, "declareRole", "2", "SELLER");
        m.rejects(ErrorCode.HOME_EXCLUDED, m.home(cheater).creator, "resumeHome");
        m.submit(m.home(cheater).creator, "declareRole", "2", "OFF");
        assertNotNull(home(cheater).suspension());
    }

    @Test
    void anExcludedHomeCannotContributeToALaterWindowItHadJoined() {
        String cheater = throughContributionsWithCheater(id -> m.contributionArgs(1, id, honestSlots(id),
                BigInteger.ONE, new long[] {1, 1, 1, 0}));
        m.rolesOf(2);
        assertTrue(m.members(2).contains(cheater));
        m.submit(m.outsider, "claimInvalidContribution", "1", cheater);
        m.rejects(ErrorCode.HOME_EXCLUDED, m.home(cheater).creator, "submitContribution", "2",
                m.contribution(2, cheater));
        assertFalse(m.hasState(StateKeys.contribution(2, cheater)));
    }

    @Test
    void aSelectedCheaterEndsTheWindowWithTheGrid() {
        m.throughRoles(1, inputs);
        String cheater = m.selection(1).initiator();
        for (String id : m.members(1)) {
            String body;
            if (id.equals(cheater)) {
                ContributionArgs honest = m.contributionArgs(1, id);
                ContributionArgs other = m.contributionArgs(1, id);
                body = new ContributionArgs(other.totalsForResponder(), honest.totalsForInitiator(), honest.proof())
                        .toJson();
            } else {
                body = m.contribution(1, id);
            }
            m.submit(m.home(id).creator, "submitContribution", "1", body);
        }
        m.closeContributions(1);
        if (!m.members(1).contains(cheater)) {
            return; // an off-market r2 contributes nothing to cheat with
        }
        m.submit(m.outsider, "claimInvalidContribution", "1", cheater);
        WindowRecord w = m.window(1);
        assertEquals(WindowPhase.GRID_ONLY, w.phase());
        assertEquals(List.of(cheater), w.outcome().silentHomes());
        assertNull(home(m.selection(1).responder()).suspension());
    }
}
