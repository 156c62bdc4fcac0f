package io.neighbourgrid.chaincode.billing;

import static io.neighbourgrid.chaincode.StateIo.read;

import io.neighbourgrid.chaincode.Callers;
import io.neighbourgrid.chaincode.StateKeys;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.protocol.ContractException;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.billing.state.Bill;
import io.neighbourgrid.protocol.billing.state.BillingCheckpoint;
import io.neighbourgrid.protocol.billing.state.BillingConfig;
import io.neighbourgrid.protocol.billing.state.Dispute;
import io.neighbourgrid.protocol.billing.state.MeterRegistration;
import io.neighbourgrid.protocol.billing.state.Submitter;
import io.neighbourgrid.protocol.contract.Creator;
import io.neighbourgrid.protocol.contract.TxContext;
import io.neighbourgrid.protocol.state.HomeRecord;
import io.neighbourgrid.protocol.state.MarketConfig;
import io.neighbourgrid.protocol.state.Settlement;
import io.neighbourgrid.protocol.state.WindowPhase;
import io.neighbourgrid.protocol.state.WindowRecord;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The checks every step of billing shares ({@code docs/billing.md}, sections 1 "Parties" and 2 "A window after its
 * settlement"): who is calling (the operator organisation, the billing party, a home), the configuration lookups
 * (market configured, billing key registered), the state of a window (opened, settled, its reporting period open
 * or over, not yet billed to a home), and the lookups of a registered home, meter, bill or dispute. Each check
 * throws the {@link ErrorCode} the protocol documents, with the message every billing transaction uses for it.
 *
 * <p>The binding of a signer to its home is the shared {@link Callers#home} rule of the market and billing logic;
 * state is read through the shared {@code StateIo}, under the keys of {@link StateKeys}.
 */
final class BillingChecks {
    private final String operatorMspId;
    private final SortedSet<String> communityMspIds;

    /**
     * The checks for a channel with the given organisations.
     *
     * @param operatorMspId   the operator organisation (billing party and dispute resolvers)
     * @param communityMspIds the organisations of the homes
     */
    BillingChecks(String operatorMspId, Collection<String> communityMspIds) {
        this.operatorMspId = Objects.requireNonNull(operatorMspId, "operatorMspId");
        this.communityMspIds = Collections.unmodifiableSortedSet(new TreeSet<>(communityMspIds));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Callers
    // ---------------------------------------------------------------------------------------------------------

    /** The caller must be an identity of the operator organisation ({@code UNAUTHORIZED_ORG}). */
    void requireOperator(TxContext ctx, String action) {
        Callers.requireOperator(ctx, operatorMspId, action);
    }

    /** The home bound to the calling identity (the market's rule, {@link Callers#home}). */
    HomeRecord callerHome(TxContext ctx) {
        return Callers.home(ctx, communityMspIds);
    }

    /** The billing configuration, when the caller is the billing identity ({@code NOT_BILLING_PARTY}). */
    static BillingConfig requireBillingParty(TxContext ctx) {
        BillingConfig billing = requireBilling(ctx);
        if (!billing.isBillingParty(submitter(ctx))) {
            throw ErrorCode.NOT_BILLING_PARTY.exception("only the billing identity registered in transaction "
                    + billing.txId() + " may post balances and bills");
        }
        return billing;
    }

    /** The identity that signed the transaction, as billing records it. */
    static Submitter submitter(TxContext ctx) {
        Creator c = ctx.creator();
        return new Submitter(c.mspId(), c.certificateHash());
    }

    /** The transaction timestamp as records carry it: the only clock billing uses. */
    static String timestamp(TxContext ctx) {
        return ctx.txTimestamp().toString();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Configuration
    // ---------------------------------------------------------------------------------------------------------

    /** The market must be configured ({@code MARKET_NOT_CONFIGURED}). */
    static void requireMarketConfigured(TxContext ctx) {
        if (read(ctx, StateKeys.market(), MarketConfig.class) == null) {
            throw ErrorCode.MARKET_NOT_CONFIGURED.exception("the operator has not configured the market");
        }
    }

    /** The billing configuration ({@code BILLING_NOT_CONFIGURED} before the billing key is registered). */
    static BillingConfig requireBilling(TxContext ctx) {
        BillingConfig billing = read(ctx, StateKeys.billing(), BillingConfig.class);
        if (billing == null) {
            throw ErrorCode.BILLING_NOT_CONFIGURED.exception("no billing key is registered");
        }
        return billing;
    }

    /** The registered billing key. */
    static PaillierPublicKey billingKey(BillingConfig billing) {
        return PaillierPublicKey.fromBase64(billing.billingKey());
    }

    // ---------------------------------------------------------------------------------------------------------
    // Windows and the reporting period
    // ---------------------------------------------------------------------------------------------------------

    /** Window {@code t} must have been opened ({@code UNKNOWN_WINDOW}). */
    static void requireOpened(TxContext ctx, long t) {
        if (ctx.getState(StateKeys.window(t)) == null) {
            throw unknownWindow(t);
        }
    }

    /** The settlement of window {@code t}, which must be settled ({@code UNKNOWN_WINDOW}, {@code WRONG_PHASE}). */
    static Settlement requireSettled(TxContext ctx, long t) {
        WindowRecord w = read(ctx, StateKeys.window(t), WindowRecord.class);
        if (w == null) {
            throw unknownWindow(t);
        }
        Settlement settlement = read(ctx, StateKeys.settlement(t), Settlement.class);
        if (w.phase() != WindowPhase.SETTLED || settlement == null) {
            throw ErrorCode.WRONG_PHASE.exception("window " + t + " is in phase " + w.phase() + "; billing records "
                    + "follow its settlement");
        }
        return settlement;
    }

    private static ContractException unknownWindow(long t) {
        return ErrorCode.UNKNOWN_WINDOW.exception("window " + t + " has not been opened");
    }

    /** Records and reports are accepted while the transaction is before settlement + reporting period. */
    static void requireReportingOpen(TxContext ctx, BillingConfig billing, Settlement settlement, String what) {
        Instant deadline = reportingDeadline(billing, settlement);
        if (!ctx.txTimestamp().isBefore(deadline)) {
            throw ErrorCode.REPORTING_CLOSED.exception(what + " for window " + settlement.window() + " is late: "
                    + "the reporting period ended at " + deadline);
        }
    }

    /** Balance checks and bills wait until the transaction is at or past settlement + reporting period. */
    static void requireReportingOver(TxContext ctx, BillingConfig billing, Settlement settlement, long t) {
        Instant deadline = reportingDeadline(billing, settlement);
        if (ctx.txTimestamp().isBefore(deadline)) {
            throw ErrorCode.REPORTING_OPEN.exception("the reporting period of window " + t + " runs until "
                    + deadline);
        }
    }

    private static Instant reportingDeadline(BillingConfig billing, Settlement settlement) {
        return Instant.parse(settlement.settledAt()).plusSeconds(billing.reportingSeconds());
    }

    /**
     * The settlement of window {@code t}, when a home's record of it is still accepted: the window settled
     * ({@code UNKNOWN_WINDOW}, {@code WRONG_PHASE}), not yet billed to the home ({@code WINDOW_ALREADY_BILLED}), its
     * reporting period open ({@code REPORTING_CLOSED}).
     *
     * @param what the record, for messages
     */
    static Settlement requireRecordable(TxContext ctx, BillingConfig billing, String homeId, long t, String what) {
        Settlement settlement = requireSettled(ctx, t);
        requireNotBilled(ctx, homeId, t);
        requireReportingOpen(ctx, billing, settlement, what + " of home " + homeId);
        return settlement;
    }

    /** The billing checkpoint: no record or report of a window already billed to the home. */
    static void requireNotBilled(TxContext ctx, String homeId, long t) {
        BillingCheckpoint checkpoint = read(ctx, StateKeys.billed(homeId), BillingCheckpoint.class);
        if (checkpoint != null && t <= checkpoint.billedThrough()) {
            throw ErrorCode.WINDOW_ALREADY_BILLED.exception("window " + t + " is already billed to home " + homeId
                    + " (billed through window " + checkpoint.billedThrough() + ")");
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Registered homes, meters, bills and disputes
    // ---------------------------------------------------------------------------------------------------------

    /** Home {@code homeId} must be registered ({@code UNKNOWN_HOME}). */
    static void requireHome(TxContext ctx, String homeId) {
        if (ctx.getState(StateKeys.home(homeId)) == null) {
            throw ErrorCode.UNKNOWN_HOME.exception("no home " + homeId + " is registered");
        }
    }

    /** The home's current meter registration ({@code METER_NOT_REGISTERED}). */
    static MeterRegistration requireMeter(TxContext ctx, String homeId) {
        MeterRegistration meter = read(ctx, StateKeys.meter(homeId), MeterRegistration.class);
        if (meter == null) {
            throw ErrorCode.METER_NOT_REGISTERED.exception("home " + homeId + " has no registered meter key");
        }
        return meter;
    }

    /**
     * The home's bill for exactly {@code range} ({@code UNKNOWN_BILL}).
     *
     * @param period the period as the caller wrote it, for the message
     */
    static Bill requireBill(TxContext ctx, String homeId, long[] range, String period) {
        Bill bill = read(ctx, StateKeys.bill(homeId, range[0]), Bill.class);
        if (bill == null || bill.to() != range[1]) {
            throw ErrorCode.UNKNOWN_BILL.exception("home " + homeId + " has no bill for " + period);
        }
        return bill;
    }

    /** Dispute {@code id} ({@code INVALID_ARGUMENT} for a malformed id, {@code UNKNOWN_DISPUTE}). */
    static Dispute requireDispute(TxContext ctx, String id) {
        Dispute dispute = read(ctx, StateKeys.dispute(BillingArgs.disputeId(id)), Dispute.class);
        if (dispute == null) {
            throw ErrorCode.UNKNOWN_DISPUTE.exception("no dispute " + id);
        }
        return dispute;
    }
}
