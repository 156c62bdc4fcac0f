package io.neighbourgrid.negotiation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class NegotiationTest {
    private static final NegotiationSettings SETTINGS = NegotiationSettings.defaults();

    private static NegotiationResult plain(NegotiationCase c) {
        return new Negotiation(c, SETTINGS).run(PriceUpdate.plain(SETTINGS.alpha()));
    }

    @Nested
    class DistributionFactors {
        @Test
        void flowsOfATradeBalanceAtEveryBus() {
            PowerNetwork net = PowerNetwork.ieee14();
            double[] inj = new double[14];
            inj[1] = 1; // bus 2
            inj[8] = -1; // bus 9
            double[] f = net.flows(inj);
            for (int bus = 1; bus <= 14; bus++) {
                double net_ = 0;
                for (int l = 0; l < net.lines(); l++) {
                    Branch b = net.branches().get(l);
                    net_ += b.from() == bus ? f[l] : b.to() == bus ? -f[l] : 0;
                }
                assertEquals(inj[bus - 1], net_, 1e-9, "Kirchhoff at bus " + bus);
            }
        }

        @Test
        void theRadialLineToBusEightCarriesAllOfItsInjection() {
            PowerNetwork net = PowerNetwork.ieee14();
            int l = NegotiationCase.lineIndex(net, 7, 8);
            assertEquals(-1, net.ptdf(l, 8), 1e-12);
            assertEquals(0, net.ptdf(l, 1), 0);
        }

        @Test
        void anUnconnectedNetworkIsRefused() {
            assertThrows(IllegalArgumentException.class, () -> new PowerNetwork(3, 1,
                    java.util.List.of(new Branch(1, 2, 0.1))));
        }
    }

    @Nested
    class Uncongested {
        private final NegotiationResult r = plain(NegotiationCase.uncongested());

        @Test
        void convergesToTheCentralisedOptimumOfTheSeed() {
            assertTrue(r.converged());
            double[] expected = {55.0 / 9, 4, 6, 44.0 / 9, -7, -6, -8};
            double[] inj = r.injections();
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], inj[i], 1e-3, "injection " + i);
            }
            for (NegotiatedTrade t : r.trades()) {
                assertEquals(1.0 + 0.04 * 55 / 9, t.price(), 1e-3, t.pair().name());
                assertEquals(1.2444, t.price(), 1e-4, t.pair().name());
            }
        }

        @Test
        void everyPairAgreesOnItsTrade() {
            for (NegotiatedTrade t : r.trades()) {
                assertEquals(0, t.producerKw() + t.consumerKw(), SETTINGS.tolerance(), t.pair().name());
            }
        }
    }

    @Nested
    class Congested {
        private final NegotiationCase c = NegotiationCase.congested();
        private final NegotiationResult r = plain(c);

        @Test
        void noLineCarriesMoreThanItsLimit() {
            assertTrue(r.converged());
            double[] f = r.flows();
            boolean binding = false;
            for (int l = 0; l < f.length; l++) {
                assertTrue(Math.abs(f[l]) <= c.limit(l) + SETTINGS.tolerance(), "line " + l + " " + f[l]);
                binding |= Math.abs(f[l]) > c.limit(l) - 1e-3;
            }
            assertTrue(binding, "the congested case must congest a line");
        }

        @Test
        void theUnconstrainedOptimumWouldOverloadTheLimitedLines() {
            double[] f = c.flows(plain(NegotiationCase.uncongested()).injections());
            assertTrue(Math.abs(f[NegotiationCase.lineIndex(c.network(), 2, 3)]) > NegotiationCase.CONGESTED_LINE_2_3_KW);
            assertTrue(Math.abs(f[NegotiationCase.lineIndex(c.network(), 7, 9)]) > NegotiationCase.CONGESTED_LINE_7_9_KW);
        }

        @Test
        void everyPairAgreesOnItsTradeAndTradersStayInTheirBounds() {
            for (NegotiatedTrade t : r.trades()) {
                assertEquals(0, t.producerKw() + t.consumerKw(), SETTINGS.tolerance(), t.pair().name());
            }
            double[] inj = r.injections();
            for (int i = 0; i < inj.length; i++) {
                Trader t = c.traders().get(i);
                assertTrue(inj[i] >= t.pMin() - 1e-9 && inj[i] <= t.pMax() + 1e-9, t.id());
            }
        }

        @Test
        void congestionSeparatesThePairPrices() {
            double min = r.trades().stream().mapToDouble(NegotiatedTrade::price).min().orElseThrow();
            double max = r.trades().stream().mapToDouble(NegotiatedTrade::price).max().orElseThrow();
            assertTrue(max - min > 0.5, "prices " + min + ".." + max);
        }
    }

    @Nested
    class LocalProblemUpdate {
        private final Trader s1 = NegotiationCase.paperTraders().get(0);

        @Test
        void aHighPriceDrivesAProducerToItsUpperBound() {
            double[] next = LocalProblem.update(s1, new double[3], new double[] {10, 10, 10}, new double[3], 0.2);
            assertEquals(7, Arrays.stream(next).sum(), 1e-12);
        }

        @Test
        void anInteriorSolutionMeetsTheMarginalCost() {
            // With rho -> the proximal term vanishes only at a fixed point: P = P^k when price = marginal cost.
            double p = 5;
            double price = s1.marginalCost(p);
            double[] next = LocalProblem.update(s1, new double[] {2, 2, 1}, new double[] {price, price, price},
                    new double[3], 0.2);
            assertArrayEquals(new double[] {2, 2, 1}, next, 1e-12);
        }
    }

    @Nested
    class Encoding {
        @Test
        void theTwoSharesAddUpToTheNextPriceExactly() {
            long price = PriceEncoding.price(1.2444444);
            long step = PriceEncoding.step(0.08);
            long pn = PriceEncoding.power(2.0370371);
            long pm = PriceEncoding.power(-2.0370301);
            assertEquals(price - step * (pn + pm), PriceEncoding.nextPrice(price, step, pn, pm));
            long odd = 3;
            assertEquals(odd, PriceEncoding.producerShare(odd, step, 0) + PriceEncoding.consumerShare(odd, step, 0));
            long negative = -7;
            assertEquals(negative, PriceEncoding.producerShare(negative, step, 0)
                    + PriceEncoding.consumerShare(negative, step, 0));
        }

        @Test
        void valuesOutsideTheRangeAreRefused() {
            assertThrows(IllegalArgumentException.class, () -> PriceEncoding.power(Double.NaN));
            assertThrows(IllegalArgumentException.class, () -> PriceEncoding.price(2e6));
            assertThrows(IllegalArgumentException.class, () -> PriceEncoding.step(0));
        }
    }
}
