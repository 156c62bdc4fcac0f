/**
 * Fixtures shared by the tests of every module above {@code core}: cached Paillier keys and key proofs
 * ({@link io.neighbourgrid.testing.TestKeys}, with the ring-Pedersen proof parameters and no-small-factor proofs),
 * the small-factor moduli of the BitForge attacks with a dishonest home's proofs
 * ({@link io.neighbourgrid.testing.BitForgeKeys}), deterministic clocks ({@link io.neighbourgrid.testing.TestClocks})
 * and submitting identities ({@link io.neighbourgrid.testing.TestIdentities}). A module takes it in test scope.
 */
package io.neighbourgrid.testing;
