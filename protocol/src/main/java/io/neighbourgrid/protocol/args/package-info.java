/**
 * The contract's JSON arguments as typed records: each owns its field names, writes itself as canonical JSON (the
 * bytes a client submits) and parses strictly (as the chaincode reads it) with
 * {@link io.neighbourgrid.protocol.json.StrictJson}.
 */
package io.neighbourgrid.protocol.args;
