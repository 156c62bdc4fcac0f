package io.neighbourgrid.embedded;

import io.neighbourgrid.audit.ChainEvidence;
import io.neighbourgrid.audit.Finding;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * The embedded ledger's hash chain as audit evidence: every block's hash, link and transactions, and the state
 * rebuilt from them ({@link EmbeddedLedgerEngine#verifyChain()}).
 */
public final class EmbeddedChainEvidence implements ChainEvidence {
    private final EmbeddedLedgerEngine engine;
    private final HeadCheckpoint checkpoint;

    /**
     * Evidence from this engine's block log.
     *
     * @param engine the embedded ledger
     */
    public EmbeddedChainEvidence(EmbeddedLedgerEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.checkpoint = null;
    }

    /**
     * Evidence from this engine's block log, which must still hold the head {@code checkpoint} vouches for.
     *
     * @param engine     the embedded ledger
     * @param checkpoint the latest signed checkpoint published for it
     */
    public EmbeddedChainEvidence(EmbeddedLedgerEngine engine, HeadCheckpoint checkpoint) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.checkpoint = Objects.requireNonNull(checkpoint, "checkpoint");
    }

    @Override
    public String describe() {
        return "the embedded ledger's hash chain";
    }

    @Override
    public List<Finding> check() {
        ChainSummary s;
        try {
            s = engine.verifyChain();
        } catch (IOException | RuntimeException e) {
            return List.of(Finding.fail("chain", "the hash chain does not verify: " + e.getMessage()));
        }
        Finding chain = Finding.pass("chain", s.blockCount() + " blocks verified, head " + s.headHash());
        if (checkpoint == null) {
            return List.of(chain);
        }
        try {
            engine.verifyChain(checkpoint);
            return List.of(chain, Finding.pass("checkpoint", "the log holds the head of the checkpoint ("
                    + checkpoint.describe() + ")"));
        } catch (IOException | RuntimeException e) {
            return List.of(chain, Finding.fail("checkpoint", "the log does not hold the checkpointed head: "
                    + e.getMessage()));
        }
    }
}
