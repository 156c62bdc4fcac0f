package io.neighbourgrid.crypto.comparison;

import io.neighbourgrid.crypto.comparison.ComparisonException.Reason;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * Public, deterministic and cheap operations on published comparison messages: combining the two share messages
 * into the result, and checking the envelope of any message. No key material is needed; chaincode runs these.
 */
public final class ComparisonOutcome {
    private ComparisonOutcome() {
    }

    /**
     * Combines the two published shares: x &lt; y exactly when a XOR b = 1.
     *
     * @param initiatorShareMessage the initiator's share message (step 3)
     * @param responderShareMessage the responder's share message (step 4)
     * @param sessionContext        the session context both were produced under
     * @return whether the initiator's x is below the responder's y
     * @throws ComparisonException if either message is malformed, of another version, step or session, carries a
     *                             share other than 0 or 1, or the two belong to different transcripts
     */
    public static boolean combine(byte[] initiatorShareMessage, byte[] responderShareMessage,
            byte[] sessionContext) {
        byte[] context = ComparisonMessages.requireContext(sessionContext);
        ComparisonMessages.Share a = ComparisonMessages.decodeShare(initiatorShareMessage,
                ComparisonStep.INITIATOR_SHARE, context);
        ComparisonMessages.Share b = ComparisonMessages.decodeShare(responderShareMessage,
                ComparisonStep.RESPONDER_SHARE, context);
        if (!MessageDigest.isEqual(a.transcriptDigest(), b.transcriptDigest())) {
            throw new ComparisonException(Reason.TRANSCRIPT_MISMATCH,
                    "the two shares belong to different comparison transcripts");
        }
        return a.share() ^ b.share();
    }

    /**
     * As {@link #combine(byte[], byte[], byte[])}, and additionally checks that both shares were made over the
     * given messages 1 and 2 (for a ledger that stores the whole exchange; costs two SHA-256 over about 34 KB).
     *
     * @throws ComparisonException {@link Reason#TRANSCRIPT_MISMATCH} if the shares are not over these messages
     */
    public static boolean combine(byte[] initiatorShareMessage, byte[] responderShareMessage, byte[] sessionContext,
            byte[] message1, byte[] message2) {
        Objects.requireNonNull(message1, "message1");
        Objects.requireNonNull(message2, "message2");
        byte[] context = ComparisonMessages.requireContext(sessionContext);
        checkEnvelope(message1, ComparisonStep.ENCRYPTED_BITS, context);
        checkEnvelope(message2, ComparisonStep.BLINDED_DIFFERENCES, context);
        boolean result = combine(initiatorShareMessage, responderShareMessage, context);
        byte[] expected = ComparisonMessages.transcriptDigest(context, ComparisonMessages.digestOf(message1),
                ComparisonMessages.digestOf(message2));
        byte[] actual = ComparisonMessages.decodeShare(initiatorShareMessage, ComparisonStep.INITIATOR_SHARE,
                context).transcriptDigest();
        if (!MessageDigest.isEqual(expected, actual)) {
            throw new ComparisonException(Reason.TRANSCRIPT_MISMATCH,
                    "the shares were not made over the given messages 1 and 2");
        }
        return result;
    }

    /**
     * Checks only the envelope of a message (version, step, session context), for a ledger that routes messages
     * before the parties process them.
     *
     * @throws ComparisonException {@link Reason#MALFORMED}, {@link Reason#UNSUPPORTED_VERSION},
     *                             {@link Reason#WRONG_STEP} or {@link Reason#CONTEXT_MISMATCH}
     */
    public static void checkEnvelope(byte[] message, ComparisonStep step, byte[] sessionContext) {
        Objects.requireNonNull(step, "step");
        ComparisonMessages.openEnvelope(message, step, ComparisonMessages.requireContext(sessionContext));
    }
}
