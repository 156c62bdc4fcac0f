package io.neighbourgrid.sim.negotiation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.crypto.paillier.PaillierKeyPair;
import io.neighbourgrid.ledger.Ledger;
import io.neighbourgrid.negotiation.MarketOperator;
import io.neighbourgrid.negotiation.MaskOpening;
import io.neighbourgrid.negotiation.NegotiationCase;
import io.neighbourgrid.negotiation.NegotiationSettings;
import io.neighbourgrid.negotiation.PriceEncoding;
import io.neighbourgrid.negotiation.Trader;
import io.neighbourgrid.negotiation.TradingAgent;
import io.neighbourgrid.sim.EmbeddedLedgerProvider;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The collusion attack of seed 002, Section 4.1, against producer S1 (a = 0.04, b = 1, bounds [1, 7]) by its three
 * consumers: it reads S1's bounds and coefficients from the plain negotiation, and fails against the private one.
 */
class CollusionAttackTest {
    private static final NegotiationSettings SETTINGS = NegotiationSettings.defaults();
    private static final Trader S1 = NegotiationCase.paperTraders().get(0);
    private static final List<String> COLLUDERS = List.of("B1", "B2", "B3");
    /** 1.00 to 1.40 USD/kW: S1 answers 1 kW at the bottom, 7 kW from 1.28 on. */
    private static final double[] LEVELS = levels();

    private static double[] levels() {
        double[] l = new double[11];
        for (int i = 0; i < l.length; i++) {
            l[i] = 1.0 + 0.04 * i;
        }
        return l;
    }

    @Test
    void thePlainNegotiationGivesAwayTheTargetsBoundsAndCoefficients() throws Exception {
        // In the plain variant each pair exchanges its trades in the clear: a colluder reads P_nm itself.
        CollusionAttack.Findings f = CollusionAttack.run(S1, COLLUDERS, LEVELS, SETTINGS.rho(),
                (consumer, k, price, power) -> PriceEncoding.powerValue(power));
        assertEquals(1, f.lowerBound().orElseThrow(), 1e-4);
        assertEquals(7, f.upperBound().orElseThrow(), 1e-4);
        assertEquals(0.04, f.a(), 1e-4);
        assertEquals(1.0, f.b(), 1e-3);
    }

    @Test
    void thePrivateNegotiationDoesNot() throws Exception {
        SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
        random.setSeed(20221123L);
        NegotiationCase c = NegotiationCase.uncongested();
        try (EmbeddedLedgerProvider ledgers = new EmbeddedLedgerProvider(null, Clock.systemUTC());
             Ledger operator = ledgers.connectOperator();
             Ledger targetLedger = ledgers.connectHome(0, "S1")) {
            new MarketOperator(operator).configure(c, 512);
            double minStep = NegotiationScenario.MIN_STEP_SHARE * SETTINGS.alpha();
            double maxStep = NegotiationScenario.MAX_STEP_SHARE_OF_RHO * SETTINGS.rho();
            TradingAgent target = new TradingAgent(S1, targetLedger, ledgers.channel(),
                    PaillierKeyPair.generate(512, random), minStep, maxStep, random);
            target.register();
            Map<String, TradingAgent> colluders = new HashMap<>();
            int i = 1;
            for (String id : COLLUDERS) {
                TradingAgent a = new TradingAgent(c.trader(id), ledgers.connectHome(i++, id), ledgers.channel(), null,
                        minStep, maxStep, random);
                a.register();
                colluders.put(id, a);
            }
            // The colluders know the public range of the secret steps and divide by its middle; they put in no
            // trade of their own, so the price change is the target's step times its trade.
            double meanStep = (minStep + maxStep) / 2;
            CollusionAttack.Findings f = CollusionAttack.run(S1, COLLUDERS, LEVELS, SETTINGS.rho(),
                    (consumer, k, price, power) -> {
                        TradingAgent m = colluders.get(consumer);
                        target.postProducerShare(consumer, k, price, power);
                        MaskOpening o = m.postConsumerShare("S1", k, price, 0);
                        target.provePrice(consumer, k);
                        long next = m.priceFromLedger("S1", k);
                        assertEquals(next, target.priceFromOpening(consumer, k, o));
                        return PriceEncoding.priceValue(price - next) / meanStep;
                    });
            assertTrue(f.upperBound().isEmpty(), "upper bound found: " + f.upperBound());
            assertTrue(f.lowerBound().isEmpty(), "lower bound found: " + f.lowerBound());
            // Where the answer is constant (S1 at 7 kW from 1.28 USD/kW on), the readings still scatter by the
            // secret steps, well beyond any rounding.
            List<Double> top = f.readings().subList(8, 11);
            double spread = top.stream().mapToDouble(Double::doubleValue).max().orElseThrow()
                    - top.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            assertTrue(spread > 0.1, "readings at the upper bound " + top);
            assertTrue(Math.abs(f.a() - 0.04) > 0.004 || Math.abs(f.b() - 1.0) > 0.05,
                    "coefficients read: a=" + f.a() + " b=" + f.b());
        }
    }
}
