package io.neighbourgrid.chaincode;

import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.contract.Creator;
import io.neighbourgrid.protocol.contract.TxContext;
import io.neighbourgrid.protocol.state.HomeRecord;
import io.neighbourgrid.protocol.state.IdentityBinding;
import java.util.Collection;

/**
 * Who is calling: the rules, shared by the market and billing logic, that admit the operator organisation and bind a
 * signer to its home.
 */
public final class Callers {
    private Callers() {
    }

    /**
     * The home bound to the calling identity.
     *
     * @param ctx             the transaction
     * @param communityMspIds the organisations whose identities may be homes
     * @return the caller's home record
     * @throws io.neighbourgrid.protocol.ContractException {@code UNAUTHORIZED_ORG} for another organisation,
     *                                                        {@code NOT_REGISTERED} for an unbound identity
     */
    public static HomeRecord home(TxContext ctx, Collection<String> communityMspIds) {
        Creator creator = ctx.creator();
        if (!communityMspIds.contains(creator.mspId())) {
            throw ErrorCode.UNAUTHORIZED_ORG.exception("organisation " + creator.mspId() + " has no homes; "
                    + "community organisations are " + communityMspIds);
        }
        IdentityBinding binding = StateIo.read(ctx, StateKeys.identity(creator.mspId(), creator.certificateHash()),
                IdentityBinding.class);
        if (binding == null) {
            throw ErrorCode.NOT_REGISTERED.exception("the calling identity is not bound to a home");
        }
        HomeRecord home = StateIo.read(ctx, StateKeys.home(binding.homeId()), HomeRecord.class);
        if (home == null) {
            throw new IllegalStateException("identity bound to home " + binding.homeId() + " without a home record");
        }
        return home;
    }

    /**
     * Rejects a caller outside the operator organisation.
     *
     * @param ctx           the transaction
     * @param operatorMspId the operator organisation
     * @param action        what the caller tried, for the message
     * @throws io.neighbourgrid.protocol.ContractException {@code UNAUTHORIZED_ORG}
     */
    public static void requireOperator(TxContext ctx, String operatorMspId, String action) {
        String msp = ctx.creator().mspId();
        if (!operatorMspId.equals(msp)) {
            throw ErrorCode.UNAUTHORIZED_ORG.exception("only the operator organisation " + operatorMspId + " may "
                    + action + ", not " + msp);
        }
    }
}
