/**
 * The embedded ledger: the market contract running in this process on a ledger that behaves like a Fabric channel
 * with one peer.
 *
 * <p>{@link io.neighbourgrid.embedded.EmbeddedLedgerEngine} simulates each transaction on committed state
 * through a {@link io.neighbourgrid.protocol.contract.TxContext}, records its read-write set, validates it by MVCC at commit
 * (read versions, then range queries for phantoms), and records every transaction, valid or not, in a hash-chained
 * block. Only valid write sets change state; history per key and one chaincode event per transaction follow
 * Fabric's rules. The contract plugs in as a {@link io.neighbourgrid.protocol.contract.TransactionHandler}.
 *
 * <h2>Block log</h2>
 * A persisted ledger keeps {@code blocks.log} in its directory:
 * <pre>
 * file    = "NGLEDGER" (8 bytes) || format version (int32 = 1) || record*
 * record  = length (int32) || CRC-32C(length) (int32) || block (length bytes) || SHA-256(block) (32 bytes)
 * block   = number (int64) || previous block's SHA-256 (32 bytes) || seconds (int64) || nanos (int32) || kind (1 byte)
 *           || body
 * </pre>
 * Integers are big-endian; strings are strict UTF-8 and byte strings are both prefixed with an int32 length; lists
 * with an int32 count. Block 0 is a configuration block naming the channel; configuration blocks register
 * organisations (MSP id and CA certificate, DER); transaction blocks list each transaction's id, nonce, timestamp,
 * creator (MSP id, certificate DER), function, arguments, reads (key, version or absent), range queries (start,
 * end, returned keys and versions), writes (key, delete flag, value), event and validation code.
 *
 * <p>Durability: by default each record is written and {@code fsync}'d before the commit returns
 * ({@link io.neighbourgrid.embedded.Durability#SYNC_EACH_BLOCK}); the log file itself is created
 * atomically with its genesis block. On start the log is verified block by block (framing, hash, numbering,
 * hash chain, transaction ids, and that each recorded validation code is the one the committer would assign) and
 * state is rebuilt from the write sets without running the contract. Any damage raises
 * {@link io.neighbourgrid.embedded.LedgerCorruptedException} naming the block; nothing is repaired
 * unless an operator calls {@link io.neighbourgrid.embedded.EmbeddedLedgerEngine#truncateTornTail} for
 * the one repairable case, a final record cut short by a crash.
 */
package io.neighbourgrid.embedded;

