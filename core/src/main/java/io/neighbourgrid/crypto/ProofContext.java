package io.neighbourgrid.crypto;

import java.util.Objects;

/**
 * Where a proof belongs: the channel, the trading window, the protocol phase and the prover. Bound into every
 * Fiat-Shamir challenge, so a proof made for one window, phase or home cannot be replayed for another.
 *
 * @param channel the ledger channel name, non-empty
 * @param window  the trading window index, non-negative
 * @param phase   the protocol phase, e.g. {@code "registration"} or {@code "distribution"}, non-empty
 * @param prover  the home id of the prover, non-empty
 */
public record ProofContext(String channel, long window, String phase, String prover) {
    public ProofContext {
        requireText(channel, "channel");
        requireText(phase, "phase");
        requireText(prover, "prover");
        if (window < 0) {
            throw new ValueOutOfRangeException("proof context window must be non-negative, got " + window);
        }
    }

    /** Absorbs this context into a transcript, each field length-prefixed and labelled. */
    public Transcript bindTo(Transcript transcript) {
        return transcript.append("ctx.channel", channel)
                .append("ctx.window", window)
                .append("ctx.phase", phase)
                .append("ctx.prover", prover);
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isEmpty()) {
            throw new ValueOutOfRangeException("proof context " + name + " must not be empty");
        }
    }
}
