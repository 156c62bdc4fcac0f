package io.neighbourgrid.chaincode.negotiation;

import io.neighbourgrid.chaincode.StateIo;
import io.neighbourgrid.crypto.CryptoException;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.crypto.proof.KeyCorrectnessProof;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.contract.TxContext;
import io.neighbourgrid.protocol.negotiation.NegotiationConfig;
import io.neighbourgrid.protocol.negotiation.NegotiationContexts;
import io.neighbourgrid.protocol.negotiation.TraderRegistration;

/**
 * Setting the negotiation up (seed 002, Section 3.2 and Section 4.3, first step): the operator publishes who trades
 * and which lines are priced; each trader binds its identity, and each producer registers the Paillier key its
 * pairs' prices are computed under ("agent n generates an individual public key ... sent to agent m").
 */
final class NegotiationSetup {
    private final NegotiationState state;

    NegotiationSetup(NegotiationState state) {
        this.state = state;
    }

    /** {@code configure(configJson)}: the operator organisation; once per round, a round ending with its trades. */
    String configure(TxContext ctx, String json) {
        state.requireOperator(ctx, "configure the negotiation");
        NegotiationConfig previous = StateIo.read(ctx, NegotiationState.configKey(ctx), NegotiationConfig.class);
        if (previous != null && ctx.getState(NegotiationState.tradesKey(ctx)) == null) {
            throw ErrorCode.CONFIGURATION_LOCKED.exception("the negotiation of round " + previous.round()
                    + " has not recorded its trades");
        }
        NegotiationConfig c = NegotiationConfig.parse(json).inRound(previous == null ? 0 : previous.round() + 1);
        StateIo.write(ctx, NegotiationState.configKey(ctx), c);
        return CanonicalJson.toJson(c);
    }

    /** {@code registerTrader(traderId, paillierKeyBase64|"", keyProofBase64|"")}: a community identity, once. */
    String registerTrader(TxContext ctx, String traderId, String keyBase64, String keyProofBase64) {
        state.requireCommunity(ctx);
        NegotiationConfig c = NegotiationState.config(ctx);
        NegotiationConfig.TraderEntry entry = c.trader(traderId).orElseThrow(() ->
                ErrorCode.UNKNOWN_TRADER.exception("no trader " + traderId + " in the negotiation"));
        if (ctx.getState(NegotiationState.traderKey(ctx, traderId)) != null) {
            throw ErrorCode.TRADER_ALREADY_REGISTERED.exception("trader " + traderId + " is registered already");
        }
        String identityKey = NegotiationState.identityKey(ctx, ctx.creator());
        if (ctx.getState(identityKey) != null) {
            throw ErrorCode.IDENTITY_ALREADY_BOUND.exception("the calling identity is bound to another trader");
        }
        String key = null;
        if (entry.producer()) {
            key = producerKey(keyBase64, c.minKeyBits(), traderId);
            verifyKeyProof(ctx, PaillierPublicKey.fromBase64(key), keyProofBase64, c.round(), traderId);
        } else if (!keyBase64.isEmpty() || !keyProofBase64.isEmpty()) {
            throw ErrorCode.INVALID_ARGUMENT.exception("consumer " + traderId + " registers no key; pass \"\" twice");
        }
        TraderRegistration r = new TraderRegistration(traderId, entry.producer(), ctx.creator().mspId(),
                ctx.creator().certificateHash(), key);
        StateIo.write(ctx, NegotiationState.traderKey(ctx, traderId), r);
        StateIo.write(ctx, identityKey, traderId);
        return CanonicalJson.toJson(r);
    }

    /**
     * The key-correctness proof (CGGMP21 Pi^mod, as the market's homes give it): the modulus is a product of two
     * primes 3 mod 4, coprime to phi(N), so the producer's decryption proofs are sound.
     */
    private static void verifyKeyProof(TxContext ctx, PaillierPublicKey key, String proofBase64, long round,
                                       String traderId) {
        if (proofBase64.length() > 4 * (2 * KeyCorrectnessProof.ROUNDS + 1) * key.modulusBytes() + 64) {
            throw ErrorCode.INVALID_KEY_PROOF.exception("the key proof of producer " + traderId + " is too long");
        }
        try {
            KeyCorrectnessProof.fromBase64(proofBase64).verify(key,
                    NegotiationContexts.registration(ctx.channelId(), round, traderId));
        } catch (CryptoException | IllegalArgumentException e) {
            throw ErrorCode.INVALID_KEY_PROOF.exception("the key-correctness proof of producer " + traderId
                    + " does not verify: " + e.getMessage(), e);
        }
    }

    private static String producerKey(String keyBase64, int minBits, String traderId) {
        PaillierPublicKey key;
        try {
            key = PaillierPublicKey.fromBase64(keyBase64);
        } catch (CryptoException | IllegalArgumentException e) {
            throw ErrorCode.INVALID_KEY.exception("the Paillier key of producer " + traderId + " is malformed: "
                    + e.getMessage(), e);
        }
        if (key.bits() < minBits) {
            throw ErrorCode.INVALID_KEY.exception("the Paillier key of producer " + traderId + " has " + key.bits()
                    + " bits; the negotiation needs at least " + minBits);
        }
        return key.toBase64();
    }
}
