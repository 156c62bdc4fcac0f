package io.neighbourgrid.agent;

import io.neighbourgrid.crypto.paillier.PaillierKeyPair;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.ledger.Identity;
import io.neighbourgrid.ledger.LocalCertificateAuthority;
import io.neighbourgrid.market.HomeSettlement;
import io.neighbourgrid.market.MarketParameters;
import io.neighbourgrid.protocol.KeyPolicy;
import io.neighbourgrid.protocol.state.HomeRecord;
import io.neighbourgrid.protocol.state.MarketConfig;
import io.neighbourgrid.protocol.state.WindowPhase;
import io.neighbourgrid.protocol.state.WindowRecord;
import io.neighbourgrid.sim.EmbeddedLedgerProvider;
import io.neighbourgrid.sim.KeyCache;
import io.neighbourgrid.sim.data.CommunityDay;
import io.neighbourgrid.sim.data.HomeProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A process to kill: one window of an eight-home community on a persisted embedded ledger, every home an unattended
 * {@link AgentRunner} over its own {@link AgentStateStore}, the operator advancing the window, all in one JVM. Not a
 * test of the suite; run it by hand, kill it with {@code kill -9} at any moment, run it again on the same directory,
 * and it carries the window on (the ledger recovers its block log, the agents their state) to the settlement:
 *
 * <pre>
 *  CP=app/target/test-classes:app/target/classes:'app/target/lib/*'
 *  java -cp "$CP" io.neighbourgrid.agent.ProcessCrashHarness DIR    # prints STATE lines, then RESULT {...}
 * </pre>
 *
 * The identities, keys, ledger and agent state all live under DIR, so a second run is the same homes coming back.
 * Deadlines are five minutes of wall-clock time, so a home that comes back in time is never suspended; the RESULT
 * line (outcome, suspended homes, every home's settlement, state files left after forgetting the window) of a run
 * that was killed must equal the one of a run that was not.
 */
public final class ProcessCrashHarness {
    private static final int HOMES = 8;
    private static final int KEY_BITS = 1024;
    private static final long PHASE_SECONDS = 300;

    private ProcessCrashHarness() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]).toAbsolutePath();
        char[] passphrase = "harness".toCharArray();
        SecureRandom random = new SecureRandom();
        CommunityDay day = io.neighbourgrid.sim.data.SyntheticCommunity.builder().homes(HOMES).windows(1).seed(5)
                .build().generate();
        EmbeddedLedgerProvider provider = new EmbeddedLedgerProvider(dir.resolve("ledger"), Clock.systemUTC());
        Path ca = dir.resolve("ledger").resolve("ca");
        LocalCertificateAuthority operatorCa = LocalCertificateAuthority.fromPemFiles(
                EmbeddedLedgerProvider.OPERATOR_MSP, ca.resolve("OperatorMSP-ca.pem"), ca.resolve("OperatorMSP-ca.key"));
        LocalCertificateAuthority communityCa = LocalCertificateAuthority.fromPemFiles(
                EmbeddedLedgerProvider.COMMUNITY_MSP, ca.resolve("CommunityMSP-ca.pem"),
                ca.resolve("CommunityMSP-ca.key"));
        OperatorAgent operator = new OperatorAgent(new MarketClient(
                provider.ledger().connect(identity(dir, operatorCa, "operator")), provider.channel()));
        KeyCache keys = new KeyCache(dir.resolve("keys"), passphrase, random);
        RandomizerPools pools = new RandomizerPools(1024, random);
        AgentListener listener = new AgentListener() {
            @Override
            public void onError(String homeId, long window, Exception error) {
                System.out.println("ERROR " + homeId + " " + window + " " + error);
            }
        };
        List<HomeAgent> agents = new ArrayList<>();
        for (HomeProfile h : day.homes()) {
            PaillierKeyPair pair = keys.keyPair(h.homeId(), KEY_BITS, KeyPolicy.Use.MARKET);
            MarketClient client = new MarketClient(provider.ledger().connect(identity(dir, communityCa, h.homeId())),
                    provider.channel());
            AgentStateStore store = AgentStateStore.open(dir.resolve("states").resolve(h.homeId()), h.homeId(),
                    passphrase, random);
            System.out.println("STORE " + h.homeId() + " windows " + store.windows());
            agents.add(new HomeAgent(h.homeId(), client, pair, t -> h.input((int) t), pools, random, listener,
                    store));
        }
        if (operator.client().homes().size() < HOMES) {
            MarketParameters p = MarketParameters.defaults();
            operator.configure(new MarketConfig(p.retailPrice(), p.feedInPrice(), p.lowPrice(), p.highPrice(),
                    p.windowSeconds(), p.minimumCoalitionSize(), KEY_BITS, PHASE_SECONDS, PHASE_SECONDS,
                    PHASE_SECONDS, PHASE_SECONDS, 60, MarketConfig.DEFAULT_MAX_ENERGY_PER_WINDOW,
                    MarketConfig.DEFAULT_MIN_PREFERENCE, MarketConfig.DEFAULT_MAX_PREFERENCE));
            for (HomeAgent a : agents) {
                a.register(keys.registrationProof(a.homeId(), keys.keyPair(a.homeId(), KEY_BITS,
                        KeyPolicy.Use.MARKET), provider.channel(), a::registrationProof));
            }
        }
        List<AgentRunner> runners = new ArrayList<>();
        for (HomeAgent a : agents) {
            AgentRunner r = new AgentRunner(a, a.client(), Duration.ofMillis(300));
            r.start(0);
            runners.add(r);
        }
        operator.open(0);
        String last = "";
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            WindowRecord w = operator.advance(0, null);
            String state = "phase=" + w.phase() + " transferred=" + (w.packedTotals() != null);
            if (!state.equals(last)) {
                System.out.println("STATE " + state);
                last = state;
            }
            if (w.phase() == WindowPhase.SETTLED && agents.stream().allMatch(a -> a.settlement(0).isPresent())) {
                break;
            }
            Thread.sleep(50);
        }
        for (AgentRunner r : runners) {
            r.close();
        }
        WindowRecord w = operator.client().windowStatus(0).orElseThrow().window();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("clearing", w.outcome() == null ? null : w.outcome().clearing().name());
        result.put("price", w.outcome() == null ? null : w.outcome().price());
        result.put("fillRatio", w.outcome() == null ? null : w.outcome().fillRatio());
        List<String> suspended = new ArrayList<>();
        for (HomeRecord h : operator.client().homes()) {
            if (h.suspended()) {
                suspended.add(h.homeId());
            }
        }
        result.put("suspended", suspended);
        Map<String, List<Long>> settlements = new LinkedHashMap<>();
        for (HomeAgent a : agents) {
            HomeSettlement s = a.settlement(0).orElse(null);
            settlements.put(a.homeId(), s == null ? null : List.of(s.netEnergy(), s.marketEnergy(), s.marketMoney(),
                    s.gridMoney()));
            a.forgetBefore(1);
        }
        result.put("settlements", settlements);
        try (Stream<Path> files = Files.walk(dir.resolve("states"))) {
            result.put("windowFilesLeft", files.filter(f -> f.getFileName().toString().startsWith("window-"))
                    .count());
        }
        System.out.println("RESULT " + CanonicalJson.toJson(result));
        provider.close();
        System.exit(0);
    }

    /** The identity of {@code name}, issued once and kept under DIR, so that a new process is the same home. */
    private static Identity identity(Path dir, LocalCertificateAuthority ca, String name) throws Exception {
        Path cert = dir.resolve("identities").resolve(name + ".pem");
        Path key = dir.resolve("identities").resolve(name + ".key");
        if (Files.exists(cert) && Files.exists(key)) {
            return Identity.fromPemFiles(ca.mspId(), cert, key);
        }
        Files.createDirectories(cert.getParent());
        Identity id = ca.issue(name);
        id.writePemFiles(cert, key);
        return id;
    }
}
