package io.neighbourgrid.agent;

import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.market.Clearing;
import io.neighbourgrid.market.HomeInput;
import io.neighbourgrid.market.HomeSettlement;
import io.neighbourgrid.market.MarketMath;
import io.neighbourgrid.market.MarketType;
import io.neighbourgrid.market.PackedTotals;
import io.neighbourgrid.market.Role;
import io.neighbourgrid.protocol.args.ContributionArgs;
import io.neighbourgrid.protocol.state.Contribution;
import io.neighbourgrid.protocol.state.MarketConfig;
import io.neighbourgrid.protocol.state.Outcome;
import io.neighbourgrid.protocol.state.WindowView;
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
     * Encrypts a home's contribution: its masked shares for the comparison and its packed totals split in two.
     *
     * @param in           the home's inputs of the window
     * @param responderKey r1's key ({@code demandShare}, {@code totalsForResponder})
     * @param initiatorKey r2's key ({@code supplyShare}, {@code totalsForInitiator})
     * @param pools        precomputed randomizers
     * @param random       randomness of the masks
     * @return the contribution's JSON with the secrets the home keeps
     */
    static WindowState.ContributionSecrets make(HomeInput in, PaillierPublicKey responderKey,
                                                PaillierPublicKey initiatorKey, RandomizerPools pools,
                                                SecureRandom random) {
        long sn = in.netEnergy();
        // PEM Protocol 2: the same mask r enters R_b (under r1) and R_s (under r2), so R_b - R_s = E_b - E_s.
        BigInteger mask = new BigInteger(HomeAgent.MASK_BITS, random);
        BigInteger abs = BigInteger.valueOf(Math.abs(sn));
        boolean seller = sn > 0;
        BigInteger demandShare = seller ? mask : abs.add(mask);
        BigInteger supplyShare = seller ? abs.add(mask) : mask;
        PackedTotals totals = seller ? PackedTotals.seller(sn, in.preference(), in.pricingTerm())
                : PackedTotals.buyer(-sn);
        BigInteger[] shares = totals.shares(random);
        String json = new ContributionArgs(encrypt(responderKey, demandShare, pools),
                encrypt(initiatorKey, supplyShare, pools), encrypt(responderKey, shares[0], pools),
                encrypt(initiatorKey, shares[1], pools)).toJson();
        return new WindowState.ContributionSecrets(mask, shares[1].negate(), json);
    }

    /**
     * A home's settlement of a decided window: in the market at the public price and fill ratio when it contributed
     * and the window cleared, else with the grid.
     *
     * @param homeId    the home
     * @param netEnergy its net energy {@code sn} of the window
     * @param view      the window as the home reads it
     * @return the settlement
     */
    static HomeSettlement settlement(String homeId, long netEnergy, WindowView view) {
        MarketConfig config = view.window().config();
        Outcome outcome = view.window().outcome();
        boolean traded = outcome != null && outcome.clearing() != Clearing.GRID_ONLY && netEnergy != 0
                && view.contributions().stream().map(Contribution::homeId).anyMatch(homeId::equals)
                && !view.window().aggregation().silentMembers().contains(homeId);
        if (!traded) {
            return HomeSettlement.gridOnly(homeId, netEnergy, config.parameters());
        }
        MarketType type = outcome.clearing().marketType().orElseThrow();
        Role role = MarketMath.role(netEnergy);
        long volume = MarketMath.marketVolume(type, role, Math.abs(netEnergy), outcome.fillRatio());
        return HomeSettlement.inMarket(homeId, netEnergy, volume, outcome.price(), config.parameters());
    }

    private static String encrypt(PaillierPublicKey key, BigInteger value, RandomizerPools pools) {
        return key.encrypt(value, pools.take(key)).toBase64();
    }
}
