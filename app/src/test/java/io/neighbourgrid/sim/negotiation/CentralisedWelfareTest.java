package io.neighbourgrid.sim.negotiation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.negotiation.NegotiatedTrade;
import io.neighbourgrid.negotiation.Negotiation;
import io.neighbourgrid.negotiation.NegotiationCase;
import io.neighbourgrid.negotiation.NegotiationResult;
import io.neighbourgrid.negotiation.NegotiationSettings;
import io.neighbourgrid.negotiation.PriceUpdate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CentralisedWelfareTest {
    private static NegotiationCase named(String name) {
        return name.equals("congested") ? NegotiationCase.congested() : NegotiationCase.uncongested();
    }

    @ParameterizedTest
    @ValueSource(strings = {"uncongested", "congested"})
    void thePlainNegotiationReachesTheSolversOptimum(String name) {
        NegotiationCase c = named(name);
        CentralisedWelfare.Reference ref = CentralisedWelfare.solve(c);
        NegotiationSettings s = NegotiationSettings.defaults();
        NegotiationResult r = new Negotiation(c, s).run(PriceUpdate.plain(s.alpha()));
        assertTrue(r.converged());
        Deviations d = Deviations.of(r, ref);
        assertTrue(d.maxTradeKw() <= 1e-3, "trade deviation " + d.maxTradeKw());
        assertTrue(d.maxPrice() <= 1e-3, "price deviation " + d.maxPrice());
        for (int l = 0; l < c.network().lines(); l++) {
            assertTrue(Math.abs(ref.flows()[l]) <= c.limit(l) + 1e-6, "reference line " + l);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"uncongested"})
    void theSolverFindsTheSeedsOptimum(String name) {
        CentralisedWelfare.Reference ref = CentralisedWelfare.solve(named(name));
        double[] expected = {55.0 / 9, 4, 6, 44.0 / 9, -7, -6, -8};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], ref.injections()[i], 1e-6);
        }
        for (double p : ref.prices()) {
            assertEquals(1 + 0.04 * 55 / 9, p, 1e-6);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"congested"})
    void aWrongTradeWouldBeNoticed(String name) {
        NegotiationCase c = named(name);
        CentralisedWelfare.Reference ref = CentralisedWelfare.solve(c);
        NegotiationSettings s = NegotiationSettings.defaults();
        NegotiationResult r = new Negotiation(c, s).run(PriceUpdate.plain(s.alpha()));
        NegotiatedTrade t = r.trades().get(0);
        NegotiatedTrade off = new NegotiatedTrade(t.pair(), t.producerKw() + 0.01, t.consumerKw() - 0.01, t.price(),
                t.encodedPrice());
        java.util.List<NegotiatedTrade> trades = new java.util.ArrayList<>(r.trades());
        trades.set(0, off);
        NegotiationResult altered = new NegotiationResult(r.caseName(), true, r.iterations(), trades, r.injections(),
                r.flows(), r.linePrices(), r.history(), r.prices());
        assertTrue(Deviations.of(altered, ref).maxTradeKw() > 5e-3);
    }
}
