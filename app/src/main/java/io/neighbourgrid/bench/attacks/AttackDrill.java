package io.neighbourgrid.bench.attacks;

import com.google.gson.GsonBuilder;
import io.neighbourgrid.agent.AgentListener;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.market.Clearing;
import io.neighbourgrid.market.MarketParameters;
import io.neighbourgrid.protocol.state.HomeRecord;
import io.neighbourgrid.protocol.state.MarketConfig;
import io.neighbourgrid.report.RunReport;
import io.neighbourgrid.report.WindowReport;
import io.neighbourgrid.sim.Community;
import io.neighbourgrid.sim.EmbeddedLedgerProvider;
import io.neighbourgrid.sim.KeyCache;
import io.neighbourgrid.sim.LedgerProvider;
import io.neighbourgrid.sim.SimulationClock;
import io.neighbourgrid.sim.Simulator;
import io.neighbourgrid.sim.data.CommunityDay;
import io.neighbourgrid.sim.data.SyntheticCommunity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The adversary drill: a community trades a day once honestly and once per {@link Attack} with one home cheating
 * that way from window {@value #FIRST_CHEAT} on, on the embedded ledger with the unmodified agents and simulator.
 * For each attack it counts the windows lost (trading with the grid where the honest day cleared), whether the
 * cheater ends suspended and how many honest homes do, and writes {@code attacks.json}: per attack
 * {@code {"attack", "cheater", "firstCheat", "windowsLost", "cheaterSuspended", "honestSuspended",
 * "gridOnlyWindows", "suspensions", "seconds"}}. Expected: at most one window lost, the cheater suspended, no honest home
 * suspended.
 *
 * <p>Usage: {@code AttackDrill --out DIR [--quick] [--homes N] [--windows W] [--key-bits B] [--attack NAME]}; the
 * defaults are 50 homes, 20 windows, 1024-bit keys and every attack; {@code --quick} runs 12 homes for 6 windows.
 */
public final class AttackDrill {
    /** The first window a cheater may cheat in. */
    static final long FIRST_CHEAT = 2;

    /** One attack's result. */
    record AttackResult(String attack, String cheater, long firstCheat, int windowsLost, boolean cheaterSuspended,
                        int honestSuspended, List<Long> gridOnlyWindows, List<String> suspensions, double seconds) {
    }

    /** The whole drill. */
    record DrillResult(int homes, int windows, int keyBits, List<Long> honestGridOnlyWindows,
                       List<AttackResult> attacks) {
    }

    /** One day's run: the windows that went to the grid and the suspended homes at the end. */
    private record Day(List<Long> gridOnly, List<String> suspended, List<String> suspensions) {
    }

    private AttackDrill() {
    }

    /**
     * Runs the drill.
     *
     * @param args {@code --out DIR [--quick] [--homes N] [--windows W] [--key-bits B] [--attack NAME]}
     */
    public static void main(String[] args) throws Exception {
        Path out = null;
        int homes = 50;
        int windows = 20;
        int keyBits = 1024;
        List<Attack> attacks = List.of(Attack.values());
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--quick" -> {
                    homes = 12;
                    windows = 6;
                }
                case "--homes" -> homes = Integer.parseInt(args[++i]);
                case "--windows" -> windows = Integer.parseInt(args[++i]);
                case "--key-bits" -> keyBits = Integer.parseInt(args[++i]);
                case "--attack" -> {
                    String label = args[++i];
                    attacks = List.of(java.util.Arrays.stream(Attack.values()).filter(a -> a.label().equals(label))
                            .findFirst().orElseThrow(() -> new IllegalArgumentException("unknown attack " + label)));
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (out == null) {
            throw new IllegalArgumentException("--out DIR is required");
        }
        DrillResult result = run(homes, windows, keyBits, attacks);
        Files.createDirectories(out);
        Files.writeString(out.resolve("attacks.json"), new GsonBuilder().setPrettyPrinting().create().toJson(result)
                + "\n", StandardCharsets.UTF_8);
        for (AttackResult r : result.attacks()) {
            System.out.printf("attack %s: cheater %s from window %d, windows lost %d, cheater suspended %s, honest "
                    + "suspended %d%n", r.attack(), r.cheater(), r.firstCheat(), r.windowsLost(),
                    r.cheaterSuspended(), r.honestSuspended());
        }
    }

    /**
     * Runs the honest day and one day per attack.
     *
     * @param homes   the community's size
     * @param windows the windows of the day
     * @param keyBits the homes' key size
     * @param attacks the attacks to run
     * @return the results
     */
    static DrillResult run(int homes, int windows, int keyBits, List<Attack> attacks) throws Exception {
        CommunityDay day = SyntheticCommunity.builder().homes(homes).windows(windows).windowSeconds(900).seed(17)
                .build().generate();
        KeyCache keys = new KeyCache(null, "drill".toCharArray(), new SecureRandom());
        Day honest = runDay(day, windows, keyBits, keys, provider -> provider);
        List<AttackResult> results = new ArrayList<>();
        for (Attack attack : attacks) {
            long started = System.nanoTime();
            Adversary[] adversary = new Adversary[1];
            Day d = runDay(day, windows, keyBits, keys, provider -> {
                adversary[0] = new Adversary(provider, attack, FIRST_CHEAT);
                return adversary[0];
            });
            String cheater = adversary[0].cheater();
            int lost = 0;
            for (long w : d.gridOnly()) {
                if (!honest.gridOnly().contains(w)) {
                    lost++;
                }
            }
            int honestSuspended = (int) d.suspended().stream().filter(h -> !h.equals(cheater)).count();
            results.add(new AttackResult(attack.label(), cheater, adversary[0].firstCheat(), lost,
                    cheater != null && d.suspended().contains(cheater), honestSuspended, d.gridOnly(),
                    d.suspensions(), (System.nanoTime() - started) / 1e9));
        }
        return new DrillResult(homes, windows, keyBits, honest.gridOnly(), results);
    }

    private static Day runDay(CommunityDay day, int windows, int keyBits, KeyCache keys,
                              Function<LedgerProvider, LedgerProvider> wrap) throws Exception {
        MarketParameters params = MarketParameters.defaults().withWindowSeconds(day.windowSeconds());
        MarketConfig config = MarketConfig.of(params, keyBits, MarketConfig.DEFAULT_SELECTION_EPOCH_WINDOWS);
        SimulationClock clock = new SimulationClock(day.windowStart(0).toInstant(ZoneOffset.UTC));
        LedgerProvider provider = wrap.apply(new EmbeddedLedgerProvider(null, clock));
        AgentListener quiet = new AgentListener() { };
        try (Community community = new Community(provider, day, keyBits, keys, clock, quiet, 2)) {
            RunReport report = new Simulator(community, day, config, 2, new Simulator.SimulationListener() { })
                    .run(RunReport.builder(params), 0, windows);
            List<Long> gridOnly = new ArrayList<>();
            for (WindowReport w : report.windows()) {
                if (w.outcome().clearing() == Clearing.GRID_ONLY) {
                    gridOnly.add(w.index());
                }
            }
            List<String> suspended = new ArrayList<>();
            List<String> suspensions = new ArrayList<>();
            for (HomeRecord h : community.operator().client().homes()) {
                if (h.suspended()) {
                    suspended.add(h.homeId());
                    suspensions.add(h.homeId() + ": " + h.suspension().reason() + " in window "
                            + h.suspension().window());
                }
            }
            return new Day(gridOnly, suspended, suspensions);
        }
    }
}
