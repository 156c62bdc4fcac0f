package io.neighbourgrid.chaincode.partners;

import io.neighbourgrid.chaincode.Callers;
import io.neighbourgrid.chaincode.StateIo;
import io.neighbourgrid.chaincode.StateKeys;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.Syntax;
import io.neighbourgrid.protocol.contract.TxContext;
import io.neighbourgrid.protocol.partners.Agreement;
import io.neighbourgrid.protocol.partners.AgreementStatus;
import io.neighbourgrid.protocol.partners.AgreementTerms;
import io.neighbourgrid.protocol.state.HomeRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Consent and revocation of partner agreements ({@code docs/partners.md}, section 3): {@code propose} by either
 * party, {@code accept} by the other, {@code revoke} by either, and the queries. State, under keys of this contract
 * only:
 * <table>
 * <caption>State keys of the partners contract</caption>
 * <tr><th>object type</th><th>attributes</th><th>record</th></tr>
 * <tr><td>{@value #AGREEMENT}</td><td>agreement id</td><td>{@link Agreement}</td></tr>
 * <tr><td>{@value #PAIR}</td><td>seller, partner</td><td>the id of their agreement proposed or in force; deleted
 * when it is revoked</td></tr>
 * <tr><td>{@value #PARTY}</td><td>home id, agreement id</td><td>the agreement id: the index of a home's
 * agreements</td></tr>
 * </table>
 * Each transaction sets one event ({@code AgreementProposed}, {@code AgreementAccepted}, {@code AgreementRevoked})
 * whose payload is the agreement written.
 */
final class Agreements {
    static final String AGREEMENT = "PARTNER";
    static final String PAIR = "PARTNERPAIR";
    static final String PARTY = "PARTNERHOME";
    /** Agreement ids are transaction ids: 1 to 128 characters of hex digits and the like. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private final SortedSet<String> communityMspIds;

    Agreements(Collection<String> communityMspIds) {
        this.communityMspIds = new TreeSet<>(communityMspIds);
    }

    /** {@code propose(termsJson)}: the caller must be the seller or the partner; both must be registered homes. */
    String propose(TxContext ctx, String termsJson) {
        AgreementTerms terms = AgreementTerms.parse(termsJson);
        HomeRecord caller = Callers.home(ctx, communityMspIds);
        if (!terms.party(caller.homeId())) {
            throw ErrorCode.NOT_A_PARTY.exception("home " + caller.homeId() + " may only propose an "
                    + "agreement it is a party of, not one between " + terms.seller() + " and " + terms.partner());
        }
        requireHome(ctx, terms.seller());
        requireHome(ctx, terms.partner());
        String pairKey = ctx.compositeKey(PAIR, terms.seller(), terms.partner());
        byte[] existing = ctx.getState(pairKey);
        if (existing != null && existing.length > 0) {
            throw ErrorCode.DUPLICATE_AGREEMENT.exception("seller " + terms.seller() + " and partner "
                    + terms.partner() + " already have agreement " + CanonicalJson.fromBytes(existing, String.class)
                    + "; revoke it first");
        }
        Agreement a = Agreement.proposed(ctx.txId(), terms, caller.homeId(), ctx.txTimestamp());
        StateIo.write(ctx, ctx.compositeKey(AGREEMENT, a.id()), a);
        StateIo.write(ctx, pairKey, a.id());
        StateIo.write(ctx, ctx.compositeKey(PARTY, terms.seller(), a.id()), a.id());
        StateIo.write(ctx, ctx.compositeKey(PARTY, terms.partner(), a.id()), a.id());
        ctx.setEvent("AgreementProposed", CanonicalJson.toBytes(a));
        return CanonicalJson.toJson(a);
    }

    /** {@code accept(id)}: the party that did not propose; the agreement must be proposed. */
    String accept(TxContext ctx, String id) {
        Agreement a = read(ctx, id);
        HomeRecord caller = Callers.home(ctx, communityMspIds);
        if (a.status() == AgreementStatus.REVOKED) {
            throw ErrorCode.AGREEMENT_REVOKED.exception("agreement " + id + " was revoked by " + a.revokedBy()
                    + " at " + a.revokedAt());
        }
        if (a.proposedBy().equals(caller.homeId())) {
            throw ErrorCode.DUPLICATE_SUBMISSION.exception("home " + caller.homeId() + " consented to agreement "
                    + id + " by proposing it; it awaits the consent of home " + a.acceptingParty());
        }
        if (!a.acceptingParty().equals(caller.homeId())) {
            throw ErrorCode.NOT_A_PARTY.exception("agreement " + id + " awaits the consent of home "
                    + a.acceptingParty() + ", not of " + caller.homeId());
        }
        if (a.status() == AgreementStatus.ACTIVE) {
            throw ErrorCode.DUPLICATE_SUBMISSION.exception("agreement " + id + " was accepted at " + a.acceptedAt());
        }
        Agreement accepted = a.accepted(ctx.txTimestamp());
        StateIo.write(ctx, ctx.compositeKey(AGREEMENT, id), accepted);
        ctx.setEvent("AgreementAccepted", CanonicalJson.toBytes(accepted));
        return CanonicalJson.toJson(accepted);
    }

    /** {@code revoke(id)}: either party, while the agreement is proposed or in force. */
    String revoke(TxContext ctx, String id) {
        Agreement a = read(ctx, id);
        HomeRecord caller = Callers.home(ctx, communityMspIds);
        if (!a.terms().party(caller.homeId())) {
            throw ErrorCode.NOT_A_PARTY.exception("home " + caller.homeId() + " is not a party of agreement "
                    + id);
        }
        if (a.status() == AgreementStatus.REVOKED) {
            throw ErrorCode.AGREEMENT_REVOKED.exception("agreement " + id + " was revoked by " + a.revokedBy()
                    + " at " + a.revokedAt());
        }
        Agreement revoked = a.revoked(caller.homeId(), ctx.txTimestamp());
        StateIo.write(ctx, ctx.compositeKey(AGREEMENT, id), revoked);
        ctx.deleteState(ctx.compositeKey(PAIR, a.terms().seller(), a.terms().partner()));
        ctx.setEvent("AgreementRevoked", CanonicalJson.toBytes(revoked));
        return CanonicalJson.toJson(revoked);
    }

    /** {@code getAgreement(id)}. */
    static String get(TxContext ctx, String id) {
        return CanonicalJson.toJson(read(ctx, id));
    }

    /** {@code listAgreements(homeId)}: a registered home's agreements, any status, by id. */
    static String list(TxContext ctx, String homeId) {
        requireHome(ctx, Syntax.parseHomeId(homeId));
        List<Agreement> out = new ArrayList<>();
        for (String id : StateIo.readAll(ctx, String.class, PARTY, homeId)) {
            out.add(read(ctx, id));
        }
        return CanonicalJson.toJson(out);
    }

    static Agreement read(TxContext ctx, String id) {
        if (!ID.matcher(id).matches()) {
            throw ErrorCode.INVALID_ARGUMENT.exception("an agreement id is 1 to 128 characters of [A-Za-z0-9._-]");
        }
        Agreement a = StateIo.read(ctx, ctx.compositeKey(AGREEMENT, id), Agreement.class);
        if (a == null) {
            throw ErrorCode.UNKNOWN_AGREEMENT.exception("no partner agreement " + id);
        }
        return a;
    }

    private static void requireHome(TxContext ctx, String homeId) {
        if (ctx.getState(StateKeys.home(homeId)) == null) {
            throw ErrorCode.UNKNOWN_HOME.exception("no home " + homeId + " is registered");
        }
    }
}
