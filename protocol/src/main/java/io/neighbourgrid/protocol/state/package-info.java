/**
 * The records the market contract writes to the world state and returns from its queries. Every record is an
 * immutable Java record serialised with {@link io.neighbourgrid.json.CanonicalJson} (sorted keys, no whitespace,
 * nulls omitted, integers only), so every endorser writes byte-identical values. The state keys and the JSON form
 * of each record are listed in {@code docs/protocol.md}.
 *
 * <p>No record ever holds a home's private value in the clear: only ciphertexts, their aggregates, the two selected
 * homes' proven decryptions of the masked totals, and what the market computes from their sum.
 */
package io.neighbourgrid.protocol.state;
