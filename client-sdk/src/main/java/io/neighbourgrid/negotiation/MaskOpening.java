package io.neighbourgrid.negotiation;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A consumer's opening of its mask commitment for one iteration of a pair: sent to the producer off the ledger each
 * iteration, and to the contract for the final iteration when the trades are recorded.
 *
 * @param mask the mask {@code r}
 * @param salt the commitment's salt (hex)
 */
public record MaskOpening(BigInteger mask, String salt) {
    public MaskOpening {
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(salt, "salt");
    }

    @Override
    public String toString() {
        return "MaskOpening[hidden]";
    }
}
