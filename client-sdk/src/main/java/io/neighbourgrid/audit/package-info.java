/**
 * Audits of the ledger: who submitted what and when, every aggregate recomputed from the stored ciphertexts, every
 * proof re-verified (key proofs, the selected homes' decryptions, the comparison outcome, meter signatures,
 * market-balance checks, bills), and the chain evidence (the embedded ledger's hash chain, or each key's history on
 * Fabric). An audit ends in a verdict naming the first failing line; its canonical JSON's SHA-256 is the evidence
 * hash a dispute's resolution records ({@code docs/billing.md}).
 */
package io.neighbourgrid.audit;
