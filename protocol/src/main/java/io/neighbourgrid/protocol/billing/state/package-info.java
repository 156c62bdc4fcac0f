/**
 * The records the billing part of the market contract writes to the world state and returns from its queries:
 * the billing party's key, meter keys, per-window settlement records and meter reports, market-balance checks,
 * bills and disputes. Like the market's records ({@code io.neighbourgrid.chaincode.state}) they are immutable Java
 * records serialised with {@link io.neighbourgrid.json.CanonicalJson}; big integers travel as decimal strings and
 * ciphertexts, keys, proofs and signatures as Base64. No record holds a home's per-window value in the clear: only
 * ciphertexts, and the proven decryptions of per-period (bill) or per-window community (balance) aggregates. The
 * formats are listed in {@code docs/billing.md}.
 */
package io.neighbourgrid.protocol.billing.state;
