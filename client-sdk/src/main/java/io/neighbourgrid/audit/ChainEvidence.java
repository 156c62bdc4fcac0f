package io.neighbourgrid.audit;

import java.io.IOException;
import java.util.List;

/**
 * What an auditor can check of the chain itself, beyond what the contract's queries return. On the embedded ledger
 * that is the whole hash chain ({@code io.neighbourgrid.embedded.EmbeddedChainEvidence}: every block's hash, link and
 * transactions, and the state rebuilt from them); through a Fabric Gateway an auditor sees the committed history of
 * each key (transaction ids and timestamps), which the audit compares with the records' own transaction ids.
 */
public interface ChainEvidence {
    /** What is checked, for the report. */
    String describe();

    /**
     * The chain-level findings.
     *
     * @return findings, a failure if the chain does not verify
     */
    List<Finding> check();

    /** History only: the audit's per-key history comparisons are all the chain evidence there is. */
    static ChainEvidence historyOnly() {
        return new ChainEvidence() {
            @Override
            public String describe() {
                return "key histories through the contract's getHistory (Fabric Gateway)";
            }

            @Override
            public List<Finding> check() {
                return List.of(Finding.note("chain", "no block access: every record is checked against its key's "
                        + "committed history instead"));
            }
        };
    }
}
