package io.neighbourgrid.sim.bids;

import io.neighbourgrid.market.Clearing;
import io.neighbourgrid.market.HomeInput;
import io.neighbourgrid.market.HomeSettlement;
import io.neighbourgrid.market.MarketParameters;
import io.neighbourgrid.market.Role;
import io.neighbourgrid.market.WindowOutcome;
import io.neighbourgrid.protocol.state.MarketConfig;
import io.neighbourgrid.sim.data.CommunityDay;
import io.neighbourgrid.sim.data.HomeProfile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every home bids in every window: the hook through which a home's agent reads the values it contributes
 * (seed 003, SNIPPET, steps 1 "bid and offer creation" and 2 "strategic bidding"). A bid is the home's realised
 * values or a {@link Forecasts forecast} of them ({@link BidMode}); a strategic home
 * ({@link StrategicHomes}) then replaces, in the windows it sells in, its preference {@code k} by its strategy's
 * report, clamped into the market's preference range so that the contribution's range proof holds. Buyers report
 * no {@code k} (PEM Protocol 2, 3) and bid their values as they are.
 *
 * <p>The truthful bid of a home is the same bid with its own {@code k}: the day every home bids truthfully is the
 * baseline strategic homes are measured against. Bids are fixed once made (a home's agent may read its bid of a
 * window more than once); the strategy learns from each window's outcome ({@link #observe}) before the next window.
 */
public final class Bidding {
    private final CommunityDay day;
    private final BidMode mode;
    private final StrategicHomes strategic;
    private final MarketParameters params;
    private final long minPreference;
    private final long maxPreference;
    private final Map<String, HomeProfile> profiles = new LinkedHashMap<>();
    private final Set<String> strategicIds;
    private final Map<String, LearningBidder> learners = new LinkedHashMap<>();
    private final Map<Long, Map<String, HomeInput>> bids = new ConcurrentHashMap<>();

    /**
     * @param day       the replayed day (the realised values, and every home's history)
     * @param mode      realised or forecast bids
     * @param strategic the strategic homes, if any
     * @param config    the market configuration (price function, preference range)
     * @param seed      seed of the learning bidders' exploration
     */
    public Bidding(CommunityDay day, BidMode mode, Optional<StrategicHomes> strategic, MarketConfig config,
                   long seed) {
        this.day = Objects.requireNonNull(day, "day");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.strategic = strategic.orElse(null);
        this.params = config.parameters();
        this.minPreference = config.minPreference();
        this.maxPreference = config.maxPreference();
        day.homes().forEach(h -> profiles.put(h.homeId(), h));
        this.strategicIds = this.strategic == null ? Set.of() : mostOftenSellers(this.strategic.homes());
        if (this.strategic != null && this.strategic.strategy() == Strategy.LEARNING) {
            for (String id : strategicIds) {
                learners.put(id, new LearningBidder(seed ^ id.hashCode()));
            }
        }
    }

    /** Realised bids, every home truthful: the market as it ran before bids could differ from the meter. */
    public static Bidding realised(CommunityDay day, MarketConfig config) {
        return new Bidding(day, BidMode.REALISED, Optional.empty(), config, 0);
    }

    /** The bid mode. */
    public BidMode mode() {
        return mode;
    }

    /** The strategic homes' options, if any. */
    public Optional<StrategicHomes> strategic() {
        return Optional.ofNullable(strategic);
    }

    /** Whether bids are the realised, truthful values (nothing to report beyond the market itself). */
    public boolean plain() {
        return mode == BidMode.REALISED && strategic == null;
    }

    /** The strategic homes, in id order. */
    public Set<String> strategicHomes() {
        return strategicIds;
    }

    /**
     * A home's bid of a window.
     *
     * @param homeId the home
     * @param window the window (slot of the replayed day)
     * @return the bid, the same on every call
     * @throws IllegalArgumentException if there is no such home
     */
    public HomeInput bid(String homeId, int window) {
        return windowBids(window).get(requireHome(homeId));
    }

    /** Every home's bid of a window, in id order. */
    public List<HomeInput> bids(int window) {
        return new ArrayList<>(windowBids(window).values());
    }

    /** Every home's truthful bid of a window (its own {@code k}), in id order. */
    public List<HomeInput> truthfulBids(int window) {
        List<HomeInput> out = new ArrayList<>();
        for (HomeProfile h : profiles.values()) {
            out.add(base(h, window));
        }
        return out;
    }

    /**
     * Feeds a window's outcome to the learning bidders: each one that sold in the market of a general window is
     * rewarded with the price; the others forget their choice.
     *
     * @param outcome the window's outcome as the homes settled it
     */
    public void observe(WindowOutcome outcome) {
        if (learners.isEmpty()) {
            return;
        }
        boolean general = outcome.clearing() == Clearing.GENERAL && outcome.price().isPresent();
        for (HomeSettlement s : outcome.homes()) {
            LearningBidder learner = learners.get(s.homeId());
            if (learner == null) {
                continue;
            }
            if (general && s.role() == Role.SELLER && s.marketEnergy() > 0) {
                learner.reward(outcome.window(), outcome.price().getAsLong());
            } else {
                learner.noReward(outcome.window());
            }
        }
    }

    private Map<String, HomeInput> windowBids(int window) {
        return bids.computeIfAbsent((long) window, w -> make(window));
    }

    private synchronized Map<String, HomeInput> make(int window) {
        List<HomeInput> truthful = truthfulBids(window);
        int sellers = (int) truthful.stream().filter(b -> b.role() == Role.SELLER).count();
        Map<String, HomeInput> out = new LinkedHashMap<>();
        for (HomeInput b : truthful) {
            out.put(b.homeId(), strategicIds.contains(b.homeId()) && b.role() == Role.SELLER
                    ? withPreference(b, report(b, window, sellers)) : b);
        }
        return out;
    }

    private long report(HomeInput truthful, int window, int sellers) {
        if (strategic.strategy() == Strategy.BEST_RESPONSE) {
            return BestResponse.againstPeersLikeItself(sellers, truthful.pricingTerm(), truthful.preference(),
                    minPreference, maxPreference, params);
        }
        return learners.get(truthful.homeId()).report(window, truthful.preference(), minPreference, maxPreference);
    }

    private HomeInput base(HomeProfile h, int window) {
        return switch (mode) {
            case REALISED -> h.input(window);
            case PERSISTENCE -> Forecasts.persistence(h, window);
            case PROFILE -> Forecasts.profile(h, window, windowsPerDay());
            case LEARNED -> LearnedForecast.forecast(h, window, windowsPerDay(),
                    s -> day.windowStart(s).toLocalTime().toSecondOfDay() / 86_400.0);
        };
    }

    private int windowsPerDay() {
        return (int) Math.max(1, 86_400 / day.windowSeconds());
    }

    private static HomeInput withPreference(HomeInput b, long k) {
        return new HomeInput(b.homeId(), b.generation(), b.load(), b.battery(), k, b.epsilon());
    }

    private String requireHome(String homeId) {
        if (!profiles.containsKey(homeId)) {
            throw new IllegalArgumentException("no home " + homeId + " in the community");
        }
        return homeId;
    }

    /**
     * The {@code n} homes that sell in the most windows of their truthful bids (ties to the smaller id): a
     * strategy over {@code k} acts only in windows a home sells in, so these are the homes it can matter for.
     */
    private Set<String> mostOftenSellers(int n) {
        Map<String, Integer> selling = new LinkedHashMap<>();
        profiles.keySet().forEach(id -> selling.put(id, 0));
        for (int t = 0; t < day.windows(); t++) {
            for (HomeInput b : truthfulBids(t)) {
                if (b.role() == Role.SELLER) {
                    selling.merge(b.homeId(), 1, Integer::sum);
                }
            }
        }
        List<String> ids = new ArrayList<>(selling.keySet());
        ids.sort(Comparator.comparing((String id) -> -selling.get(id)).thenComparing(Comparator.naturalOrder()));
        return new TreeSet<>(ids.subList(0, Math.min(n, ids.size())));
    }
}
