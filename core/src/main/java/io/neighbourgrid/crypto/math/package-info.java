/**
 * Modular arithmetic shared by the cryptographic core and the contract: {@link
 * io.neighbourgrid.crypto.math.BarrettReducer} (multiplication modulo a fixed modulus by Barrett reduction) and
 * {@link io.neighbourgrid.crypto.math.MultiExponentiation} (Straus' simultaneous exponentiation with one shared
 * chain of squarings). The DGK comparison's fixed-base tables, the batch verification of decryption proofs and the
 * bill aggregates all run on these two classes, so that one implementation is tested and tuned.
 * {@link io.neighbourgrid.crypto.math.FixedBaseCache} keeps the {@link io.neighbourgrid.crypto.math.FixedBaseTable}s
 * of the ring-Pedersen bases s and t for every proof made or checked in the process. Neither is constant
 * time; see each class for what it may be used on.
 */
package io.neighbourgrid.crypto.math;
