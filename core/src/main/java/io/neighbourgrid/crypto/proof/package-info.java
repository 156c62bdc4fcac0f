/**
 * Non-interactive zero-knowledge proofs over Paillier keys, made non-interactive with Fiat-Shamir over
 * {@link io.neighbourgrid.crypto.Transcript}: {@link io.neighbourgrid.crypto.proof.KeyCorrectnessProof} (the
 * modulus is a Paillier-Blum modulus, checked when a home registers),
 * {@link io.neighbourgrid.crypto.proof.NoSmallFactorProof} (the modulus has no small prime factor, proven against
 * ring-Pedersen parameters {@link io.neighbourgrid.crypto.proof.RingPedersenParameters} that
 * {@link io.neighbourgrid.crypto.proof.RingPedersenProof} shows well formed) and
 * {@link io.neighbourgrid.crypto.proof.DecryptionProof} (a posted plaintext is the decryption of a ciphertext),
 * made by {@link io.neighbourgrid.crypto.proof.DecryptionProver} with the key's primes and verified in batches by
 * {@link io.neighbourgrid.crypto.proof.DecryptionProofs}. Every challenge binds the
 * whole statement and the {@link io.neighbourgrid.crypto.ProofContext}. See docs/crypto.md.
 */
package io.neighbourgrid.crypto.proof;
