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

    /**
     * Evidence from this engine's block log.
     *
     * @param engine the embedded ledger
     */
    public EmbeddedChainEvidence(EmbeddedLedgerEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    @Override
    public String describe() {
        return "the embedded ledger's hash chain";
    }

    @Override
    public List<Finding> check() {
        try {
            ChainSummary s = engine.verifyChain();
            return List.of(Finding.pass("chain", s.blockCount() + " blocks verified, head " + s.headHash()));
        } catch (IOException | RuntimeException e) {
            return List.of(Finding.fail("chain", "the hash chain does not verify: " + e.getMessage()));
        }
    }
}
