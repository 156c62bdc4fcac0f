package io.neighbourgrid.sim.negotiation;

import io.neighbourgrid.crypto.paillier.PaillierKeyPair;
import io.neighbourgrid.ledger.Ledger;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.negotiation.LedgerPriceUpdate;
import io.neighbourgrid.negotiation.LineManager;
import io.neighbourgrid.negotiation.MarketOperator;
import io.neighbourgrid.negotiation.Negotiation;
import io.neighbourgrid.negotiation.NegotiationCase;
import io.neighbourgrid.negotiation.NegotiationResult;
import io.neighbourgrid.negotiation.NegotiationSettings;
import io.neighbourgrid.negotiation.PriceUpdate;
import io.neighbourgrid.negotiation.Trader;
import io.neighbourgrid.negotiation.TradingAgent;
import io.neighbourgrid.protocol.negotiation.TradeRecording;
import io.neighbourgrid.sim.LedgerProvider;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Seed 002's negotiation on a ledger, in its two variants: plain (pairs exchange their trades in the clear, the
 * line manager posts line prices, the market operator records the trades) and private (every pair price goes
 * through the contract as Paillier ciphertexts with a proven decryption). Both are measured from the first
 * iteration to the recorded trades; key generation and registration are not counted.
 */
public final class NegotiationScenario {
    /** The smallest secret dual step a producer draws, as a share of the public step. */
    public static final double MIN_STEP_SHARE = 0.5;
    /** The largest, as a share of the proximal weight (the step must stay below rho / 2 to converge). */
    public static final double MAX_STEP_SHARE_OF_RHO = 0.45;

    private final NegotiationCase c;
    private final NegotiationSettings settings;

    /**
     * @param c        the case
     * @param settings the tuning
     */
    public NegotiationScenario(NegotiationCase c, NegotiationSettings settings) {
        this.c = c;
        this.settings = settings;
    }

    /**
     * The plain variant, as a new round of the ledger's negotiation contract.
     *
     * @param ledgers the ledger (no negotiation round open, or the last one recorded)
     * @return the run
     */
    public ScenarioRun plain(LedgerProvider ledgers) throws LedgerException {
        try (Ledger operator = ledgers.connectOperator()) {
            MarketOperator mo = new MarketOperator(operator);
            mo.configure(c, 512);
            long start = System.nanoTime();
            NegotiationResult r = new Negotiation(c, settings).run(PriceUpdate.plain(settings.alpha()),
                    new LineManager(operator));
            TradeRecording recording = mo.record(r, Map.of());
            return new ScenarioRun("plain", r, (System.nanoTime() - start) / 1e9, recording, 0);
        }
    }

    /**
     * The private variant, as a new round of the ledger's negotiation contract.
     *
     * @param ledgers the ledger (no negotiation round open, or the last one recorded)
     * @param keyBits the producers' Paillier modulus length
     * @param random  randomness for keys, steps, masks and proofs
     * @return the run
     */
    public ScenarioRun privately(LedgerProvider ledgers, int keyBits, SecureRandom random) throws LedgerException {
        return privately(ledgers, keyBits, random, 1);
    }

    /**
     * The private variant, the pairs of each iteration on {@code threads} threads.
     *
     * @param ledgers the ledger
     * @param keyBits the producers' Paillier modulus length
     * @param random  randomness for keys, steps, masks and proofs
     * @param threads threads the pairs run on (1: one after the other)
     * @return the run
     */
    public ScenarioRun privately(LedgerProvider ledgers, int keyBits, SecureRandom random, int threads)
            throws LedgerException {
        List<Ledger> connections = new ArrayList<>();
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads) : null;
        try (Ledger operator = ledgers.connectOperator()) {
            MarketOperator mo = new MarketOperator(operator);
            mo.configure(c, keyBits);
            Map<String, TradingAgent> agents = new LinkedHashMap<>();
            int i = 0;
            for (Trader t : c.traders()) {
                Ledger l = ledgers.connectHome(i++, t.id());
                connections.add(l);
                PaillierKeyPair keys = t.isProducer() ? PaillierKeyPair.generate(keyBits, random) : null;
                TradingAgent a = new TradingAgent(t, l, ledgers.channel(), keys, MIN_STEP_SHARE * settings.alpha(),
                        MAX_STEP_SHARE_OF_RHO * settings.rho(), random);
                a.register();
                agents.put(t.id(), a);
            }
            long start = System.nanoTime();
            LedgerPriceUpdate update = new LedgerPriceUpdate(agents, pool);
            NegotiationResult r = new Negotiation(c, settings).run(update, new LineManager(operator));
            TradeRecording recording = mo.record(r, update.lastOpenings());
            int decryptions = r.iterations() * c.pairs().size();
            return new ScenarioRun("private", r, (System.nanoTime() - start) / 1e9, recording, decryptions);
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
            for (Ledger l : connections) {
                l.close();
            }
        }
    }

}
