/**
 * Non-interactive zero-knowledge proofs over Paillier keys, made non-interactive with Fiat-Shamir over
 * {@link io.neighbourgrid.crypto.Transcript}: {@link io.neighbourgrid.crypto.proof.KeyCorrectnessProof} (the
 * modulus is a Paillier-Blum modulus, checked when a home registers),
 * {@link io.neighbourgrid.crypto.proof.NoSmallFactorProof} (the modulus has no small prime factor, proven against
 * ring-Pedersen parameters {@link io.neighbourgrid.crypto.proof.RingPedersenParameters} that
 * {@link io.neighbourgrid.crypto.proof.RingPedersenProof} shows well formed) and
 * {@link io.neighbourgrid.crypto.proof.DecryptionProof} (a posted plaintext is the decryption of a ciphertext),
 * made by {@link io.neighbourgrid.crypto.proof.DecryptionProver} with the key's primes and verified in batches by
 * {@link io.neighbourgrid.crypto.proof.DecryptionProofs}. For the window's evaluation without public totals:
 * {@link io.neighbourgrid.crypto.proof.NonNegativityProof} (a ciphertext hides an integer &gt;= 0),
 * {@link io.neighbourgrid.crypto.proof.MaskTransferProof} (the initiator's mask sum re-encrypted under the
 * responder's key), {@link io.neighbourgrid.crypto.proof.SlotSplitProof} (the responder's slot ciphertexts split the
 * packed aggregate within their caps) and {@link io.neighbourgrid.crypto.proof.OutcomeProof} (the claimed market
 * type, price and fill ratio follow from the hidden slot sums). Every challenge binds the
 * whole statement and the {@link io.neighbourgrid.crypto.ProofContext}. See docs/crypto.md.
 */
package io.neighbourgrid.crypto.proof;
