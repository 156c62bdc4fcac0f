package io.neighbourgrid.chaincode.ecoin;

import io.neighbourgrid.chaincode.Callers;
import io.neighbourgrid.chaincode.StateIo;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.contract.Creator;
import io.neighbourgrid.protocol.contract.TxContext;
import io.neighbourgrid.protocol.ecoin.Account;
import io.neighbourgrid.protocol.ecoin.EcoinConfig;
import io.neighbourgrid.protocol.ecoin.MeterBinding;
import io.neighbourgrid.protocol.ecoin.Pairing;
import io.neighbourgrid.protocol.ecoin.PeriodRecord;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The e-coin contract's state layout (its own composite-key object types, all prefixed {@code ECOIN_}) and the
 * caller rules its steps share: the operator organisation (the substation), a registered meter signing with its own
 * identity (identified steps), and the microgrid's shared identity (unidentified steps).
 */
final class EcoinLedger {
    static final String CONFIG = "ECOIN_CONFIG";
    static final String CURRENT_PERIOD = "ECOIN_CURRENT_PERIOD";
    static final String PERIOD = "ECOIN_PERIOD";
    static final String METER = "ECOIN_METER";
    static final String IDENTITY = "ECOIN_IDENTITY";
    static final String ACCOUNT = "ECOIN_ACCOUNT";
    static final String BATCH = "ECOIN_BATCH";
    static final String OFFER = "ECOIN_OFFER";
    static final String OPEN_OFFER = "ECOIN_OPEN_OFFER";
    static final String REQUEST = "ECOIN_REQUEST";
    static final String OPEN_REQUEST = "ECOIN_OPEN_REQUEST";
    static final String PAIRING = "ECOIN_PAIRING";
    static final String OPEN_PAIRING = "ECOIN_OPEN_PAIRING";
    static final String CLOSED_PAIRING = "ECOIN_CLOSED_PAIRING";
    static final String COIN = "ECOIN_COIN";
    static final String BILL = "ECOIN_BILL";

    private final String operatorMspId;
    private final SortedSet<String> communityMspIds;

    EcoinLedger(String operatorMspId, Collection<String> communityMspIds) {
        this.operatorMspId = Objects.requireNonNull(operatorMspId, "operatorMspId");
        this.communityMspIds = new TreeSet<>(communityMspIds);
        if (operatorMspId.isBlank() || this.communityMspIds.isEmpty()) {
            throw new IllegalArgumentException("an operator and at least one community organisation are needed");
        }
    }

    String operatorMspId() {
        return operatorMspId;
    }

    SortedSet<String> communityMspIds() {
        return communityMspIds;
    }

    /** A billing period's index as a key attribute that sorts numerically. */
    static String period(long period) {
        return String.format("%020d", period);
    }

    static String at(TxContext ctx) {
        return ctx.txTimestamp().toString();
    }

    /** The configuration, or {@link ErrorCode#ECOIN_NOT_CONFIGURED}. */
    static EcoinConfig config(TxContext ctx) {
        EcoinConfig c = StateIo.read(ctx, ctx.compositeKey(CONFIG), EcoinConfig.class);
        if (c == null) {
            throw ErrorCode.ECOIN_NOT_CONFIGURED.exception("the e-coin contract has not been configured");
        }
        return c;
    }

    static PeriodRecord currentPeriod(TxContext ctx) {
        PeriodRecord p = StateIo.read(ctx, ctx.compositeKey(CURRENT_PERIOD), PeriodRecord.class);
        if (p == null) {
            throw new IllegalStateException("configured e-coin contract without an open period");
        }
        return p;
    }

    static void writeCurrentPeriod(TxContext ctx, PeriodRecord p) {
        StateIo.write(ctx, ctx.compositeKey(CURRENT_PERIOD), p);
    }

    static Account account(TxContext ctx, long period, String accountId) {
        Account a = StateIo.read(ctx, ctx.compositeKey(ACCOUNT, period(period), accountId), Account.class);
        return a == null ? new Account(accountId, period, 0, 0) : a;
    }

    static void writeAccount(TxContext ctx, Account a) {
        StateIo.write(ctx, ctx.compositeKey(ACCOUNT, period(a.period()), a.accountId()), a);
    }

    /** The pairing of a request, or {@link ErrorCode#UNKNOWN_PAIRING}. */
    static Pairing pairing(TxContext ctx, String requestId) {
        Pairing p = StateIo.read(ctx, ctx.compositeKey(PAIRING, requestId), Pairing.class);
        if (p == null) {
            throw ErrorCode.UNKNOWN_PAIRING.exception("no pairing for request " + requestId);
        }
        return p;
    }

    static void writePairing(TxContext ctx, Pairing p) {
        StateIo.write(ctx, ctx.compositeKey(PAIRING, p.requestId()), p);
    }

    /** Writes an index entry whose value is the id it points to (Fabric treats an empty value as a delete). */
    static void index(TxContext ctx, String objectType, String... attributes) {
        ctx.putState(ctx.compositeKey(objectType, attributes),
                attributes[attributes.length - 1].getBytes(StandardCharsets.UTF_8));
    }

    /** The ids an index lists, in key order. */
    static List<String> indexed(TxContext ctx, String objectType, String... attributes) {
        return ctx.getStateByPartialCompositeKey(objectType, attributes).stream()
                .map(kv -> new String(kv.value(), StandardCharsets.UTF_8)).toList();
    }

    /** Returns a record as the transaction's JSON result and event. */
    static String result(TxContext ctx, String event, Object record) {
        String json = CanonicalJson.toJson(record);
        ctx.setEvent(event, json.getBytes(StandardCharsets.UTF_8));
        return json;
    }

    // ------------------------------------------------------------------------------------------------ callers

    boolean isOperator(TxContext ctx) {
        return operatorMspId.equals(ctx.creator().mspId());
    }

    void requireOperator(TxContext ctx, String action) {
        Callers.requireOperator(ctx, operatorMspId, action);
    }

    static boolean isShared(TxContext ctx, EcoinConfig config) {
        Creator c = ctx.creator();
        return c.mspId().equals(config.settings().sharedMspId())
                && c.certificateHash().equals(config.settings().sharedIdentity());
    }

    /** Requires the microgrid's shared identity: the signer of every unidentified step. */
    static void requireShared(TxContext ctx, EcoinConfig config, String action) {
        if (!isShared(ctx, config)) {
            throw ErrorCode.NOT_SHARED_IDENTITY.exception(action + " is unidentified: it must be signed with the "
                    + "microgrid's shared identity, not " + ctx.creator());
        }
    }

    /** The party allowed to act for {@code operatorSide} (the operator) or a meter (the shared identity). */
    void requireSide(TxContext ctx, EcoinConfig config, boolean operatorSide, String action) {
        if (operatorSide) {
            requireOperator(ctx, action + " for the grid");
        } else {
            requireShared(ctx, config, action);
        }
    }

    /**
     * The account of an identified step's signer: {@link Account#GRID} for the operator, else the meter bound to the
     * signer's own identity.
     */
    String identifiedAccount(TxContext ctx, EcoinConfig config, String action) {
        if (isOperator(ctx)) {
            return Account.GRID;
        }
        return meter(ctx, config, action).meterId();
    }

    /** The meter bound to the calling identity. */
    MeterBinding meter(TxContext ctx, EcoinConfig config, String action) {
        Creator c = ctx.creator();
        if (!communityMspIds.contains(c.mspId())) {
            throw ErrorCode.UNAUTHORIZED_ORG.exception("organisation " + c.mspId() + " has no meters");
        }
        if (isShared(ctx, config)) {
            throw ErrorCode.SHARED_IDENTITY_IDENTIFIES.exception(action + " is identified: it must be signed with "
                    + "the meter's own identity, not the shared one");
        }
        MeterBinding b = StateIo.read(ctx, ctx.compositeKey(IDENTITY, c.mspId(), c.certificateHash()),
                MeterBinding.class);
        if (b == null) {
            throw ErrorCode.NOT_REGISTERED.exception("the calling identity is not bound to a meter");
        }
        return b;
    }
}
