package io.neighbourgrid.agent;

import io.neighbourgrid.crypto.ProofContext;
import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.crypto.paillier.Randomizer;
import io.neighbourgrid.crypto.proof.ContributionProof;
import io.neighbourgrid.crypto.proof.ContributionSecrets;
import io.neighbourgrid.crypto.proof.ContributionStatement;
import io.neighbourgrid.crypto.proof.RingPedersenParameters;
import io.neighbourgrid.market.Clearing;
import io.neighbourgrid.market.HomeInput;
import io.neighbourgrid.market.HomeSettlement;
import io.neighbourgrid.market.MarketMath;
import io.neighbourgrid.market.MarketType;
import io.neighbourgrid.market.Role;
import io.neighbourgrid.protocol.ContributionRanges;
import io.neighbourgrid.protocol.MarketProofs;
import io.neighbourgrid.protocol.args.ContributionArgs;
import io.neighbourgrid.protocol.state.Aggregation;
import io.neighbourgrid.protocol.state.MarketConfig;
import io.neighbourgrid.protocol.state.Outcome;
import io.neighbourgrid.protocol.state.WindowRecord;
import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * A home's own side of the market, without the ledger: the contribution it encrypts (PEM Protocol 2 lines 2-13 and
 * Protocol 3 lines 2-7) and, once the window is decided, the settlement it computes from the public outcome and its
 * private net energy (Protocol 4).
 */
final class HomeContribution {
    private HomeContribution() {
    }

    /**
     * Encrypts a home's contribution with its proof: its slot values (a seller's {@code sn}, {@code k}, {@code d}, a
     * buyer's {@code |sn|}, each clamped into the market's published range and offset from its lower end) packed
     * and masked under r1's key, the mask's negation under r2's, and the {@code ContributionProof} that the values are
     * in range and the same mask is behind both.
     *
     * @param in           the home's inputs of the window
     * @param config       the window's configuration (the ranges)
     * @param responderKey r1's key ({@code totalsForResponder})
     * @param initiatorKey r2's key ({@code totalsForInitiator})
     * @param params       the market's proof parameters
     * @param context      {@link io.neighbourgrid.protocol.ProofContexts#contribution}
     * @param pools        precomputed randomizers and proof randomness
     * @param random       randomness of the mask and the proof
     * @return the contribution's JSON
     */
    static String make(HomeInput in, MarketConfig config, PaillierPublicKey responderKey,
                       PaillierPublicKey initiatorKey, RingPedersenParameters params, ProofContext context,
                       RandomizerPools pools, SecureRandom random) {
        long sn = in.netEnergy();
        Role role = MarketMath.role(sn);
        ContributionRanges ranges = ContributionRanges.of(config);
        long[] slots = role == Role.SELLER
                ? ranges.sellerSlots(ranges.clamp(ContributionRanges.SUPPLY, sn),
                        ranges.clamp(ContributionRanges.PREFERENCE, in.preference()),
                        ranges.clamp(ContributionRanges.PRICING_TERM, in.pricingTerm()))
                : ranges.buyerSlots(ranges.clamp(ContributionRanges.DEMAND, -sn));
        BigInteger mask = ContributionStatement.newMask(random);
        Randomizer forResponder = pools.take(responderKey);
        Randomizer forInitiator = pools.take(initiatorKey);
        Ciphertext c = responderKey.encrypt(ContributionStatement.responderPlaintext(slots, mask), forResponder);
        Ciphertext d = initiatorKey.encrypt(ContributionStatement.initiatorPlaintext(mask), forInitiator);
        ContributionStatement statement = MarketProofs.contributionStatement(config, role, responderKey, initiatorKey,
                params, c, d);
        ContributionSecrets secrets = new ContributionSecrets(slots, mask, forResponder, forInitiator,
                pools.take(responderKey), pools.take(initiatorKey));
        ContributionProof proof = ContributionProof.prove(statement, secrets, pools.coupons(params), context, random);
        return new ContributionArgs(c.toBase64(), d.toBase64(), proof.toBase64()).toJson();
    }

    /** The energy a home trades in the market at most: its {@code |sn|} within the market's range. */
    static long contributedEnergy(long netEnergy, MarketConfig config) {
        return Math.min(Math.abs(netEnergy), config.maxEnergyPerWindow());
    }

    /**
     * A home's settlement of a decided window: in the market at the public price and fill ratio when its
     * contribution was aggregated (it is among the aggregation's sellers or buyers, neither silent nor excluded) and
     * the window cleared, else with the grid. The window record alone decides it, so a home can settle from the
     * record the settling transaction returned or its event carried.
     *
     * @param homeId    the home
     * @param netEnergy its net energy {@code sn} of the window
     * @param window    the window's record, decided
     * @return the settlement
     */
    static HomeSettlement settlement(String homeId, long netEnergy, WindowRecord window) {
        MarketConfig config = window.config();
        Outcome outcome = window.outcome();
        Aggregation a = window.aggregation();
        boolean traded = outcome != null && outcome.clearing() != Clearing.GRID_ONLY && netEnergy != 0 && a != null
                && (a.sellers().contains(homeId) || a.buyers().contains(homeId))
                && !a.silentMembers().contains(homeId) && !a.excludedMembers().contains(homeId);
        if (!traded) {
            return HomeSettlement.gridOnly(homeId, netEnergy, config.parameters());
        }
        MarketType type = outcome.clearing().marketType().orElseThrow();
        Role role = MarketMath.role(netEnergy);
        long volume = MarketMath.marketVolume(type, role, contributedEnergy(netEnergy, config), outcome.fillRatio());
        return HomeSettlement.inMarket(homeId, netEnergy, volume, outcome.price(), config.parameters());
    }
}
