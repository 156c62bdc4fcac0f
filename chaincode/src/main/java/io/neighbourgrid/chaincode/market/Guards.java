package io.neighbourgrid.chaincode.market;

import static io.neighbourgrid.chaincode.StateIo.read;

import io.neighbourgrid.chaincode.Callers;
import io.neighbourgrid.chaincode.StateKeys;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.contract.TxContext;
import io.neighbourgrid.protocol.state.HomeRecord;
import io.neighbourgrid.protocol.state.MarketConfig;
import io.neighbourgrid.protocol.state.WindowPhase;
import io.neighbourgrid.protocol.state.WindowRecord;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The checks every step of the market shares, in one place: who may call (the operator organisation, the home bound
 * to the calling identity), what must exist (the configuration, the window, a selected home's record), which phase
 * the window must be in and which deadline must or must not have passed. The only clock is the transaction
 * timestamp: a phase is open while the timestamp is before its deadline.
 *
 * <p>An instance holds the channel's organisations: the operator organisation (configures the market, opens windows
 * and runs the deadline-driven transactions) and the community organisations whose identities may be homes.
 */
public final class Guards {
    private final String operatorMspId;
    private final SortedSet<String> communityMspIds;

    /**
     * The checks for a channel whose operator organisation and community organisations are given.
     *
     * @param operatorMspId   the MSP id of the operator organisation
     * @param communityMspIds the MSP ids whose identities may register homes
     * @throws IllegalArgumentException if an id is blank or no community organisation is given
     */
    public Guards(String operatorMspId, Collection<String> communityMspIds) {
        this.operatorMspId = requireMspId(operatorMspId);
        TreeSet<String> community = new TreeSet<>();
        for (String id : Objects.requireNonNull(communityMspIds, "communityMspIds")) {
            community.add(requireMspId(id));
        }
        if (community.isEmpty()) {
            throw new IllegalArgumentException("at least one community MSP id is required");
        }
        this.communityMspIds = Collections.unmodifiableSortedSet(community);
    }

    /** The operator organisation's MSP id. */
    public String operatorMspId() {
        return operatorMspId;
    }

    /** The community organisations' MSP ids, sorted. */
    public SortedSet<String> communityMspIds() {
        return communityMspIds;
    }

    // ------------------------------------------------------------------------------------------------ callers

    /** Rejects a caller outside the operator organisation ({@code UNAUTHORIZED_ORG}), naming {@code action}. */
    void requireOperator(TxContext ctx, String action) {
        Callers.requireOperator(ctx, operatorMspId, action);
    }

    /** The home bound to the calling identity (see {@link Callers#home}). */
    HomeRecord callerHome(TxContext ctx) {
        return Callers.home(ctx, communityMspIds);
    }

    // ------------------------------------------------------------------------------------------------ lookups

    /** The market configuration, or {@code MARKET_NOT_CONFIGURED}. */
    static MarketConfig requireConfig(TxContext ctx) {
        MarketConfig config = read(ctx, StateKeys.market(), MarketConfig.class);
        if (config == null) {
            throw ErrorCode.MARKET_NOT_CONFIGURED.exception("the operator has not configured the market");
        }
        return config;
    }

    /** Window {@code t}'s record, or {@code UNKNOWN_WINDOW}. */
    static WindowRecord requireWindow(TxContext ctx, long t) {
        WindowRecord w = read(ctx, StateKeys.window(t), WindowRecord.class);
        if (w == null) {
            throw ErrorCode.UNKNOWN_WINDOW.exception("window " + t + " has not been opened");
        }
        return w;
    }

    /** The record of a home the window selected; a missing one is a broken invariant, not a rejection. */
    static HomeRecord selectedHome(TxContext ctx, String homeId) {
        HomeRecord home = read(ctx, StateKeys.home(homeId), HomeRecord.class);
        if (home == null) {
            throw new IllegalStateException("selected home " + homeId + " has no home record");
        }
        return home;
    }

    // ------------------------------------------------------------------------------------------------ phases

    /** Rejects a window outside {@code phase} ({@code WRONG_PHASE}). */
    static void requirePhase(WindowRecord w, WindowPhase phase) {
        if (w.phase() != phase) {
            throw ErrorCode.WRONG_PHASE.exception("window " + w.window() + " is in phase " + w.phase() + ", not "
                    + phase);
        }
    }

    /** Whether {@code deadline} has passed: the phase is open while the transaction timestamp is before it. */
    static boolean passed(TxContext ctx, String deadline) {
        return !ctx.txTimestamp().isBefore(Instant.parse(deadline));
    }

    /** Rejects a transaction at or after {@code deadline} ({@code DEADLINE_PASSED}). */
    static void requireBefore(TxContext ctx, String deadline, String what) {
        if (passed(ctx, deadline)) {
            throw ErrorCode.DEADLINE_PASSED.exception("the deadline for " + what + " was " + deadline);
        }
    }

    /** Rejects a transaction before {@code deadline} ({@code DEADLINE_NOT_REACHED}). */
    static void requirePassed(TxContext ctx, String deadline, String what) {
        if (!passed(ctx, deadline)) {
            throw ErrorCode.DEADLINE_NOT_REACHED.exception(what + " is " + deadline);
        }
    }

    /** The deadline {@code seconds} after {@code from}, as recorded (ISO-8601, UTC). */
    static String deadline(Instant from, long seconds) {
        return from.plusSeconds(seconds).toString();
    }

    /** The transaction timestamp, as recorded (ISO-8601, UTC). */
    static String timestamp(TxContext ctx) {
        return ctx.txTimestamp().toString();
    }

    private static String requireMspId(String id) {
        Objects.requireNonNull(id, "MSP id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("MSP id must not be blank");
        }
        return id;
    }
}
