package io.neighbourgrid.protocol.negotiation;

/**
 * One pair's price update of one iteration, as the ledger holds it: ciphertexts under the producer's key, the
 * consumer's mask commitment and the producer's proven decryption of the masked price. Nobody but the pair learns
 * the price: the plaintext is the price plus the consumer's mask.
 *
 * @param producer       the producer
 * @param consumer       the consumer
 * @param iteration      the iteration {@code k}
 * @param phase          how far the update went
 * @param step           {@code Enc_n(alpha_n^k)}, the producer's secret dual step (Base64)
 * @param producerShare  {@code Enc_n(lambda^k - floor(lambda^k/2) - alpha_n^k P_nm)} (Base64)
 * @param consumerShare  {@code Enc_n(floor(lambda^k/2) - alpha_n^k P_mn + r)} (Base64), or {@code null}
 * @param maskCommitment commitment to the consumer's mask {@code r} (hex), or {@code null}
 * @param combined       the product of the two shares, {@code Enc_n(lambda^k+1 + r)} (Base64), or {@code null}
 * @param maskedPrice    {@code lambda^k+1 + r}, decimal, once decrypted
 * @param proof          the decryption proof (Base64), once decrypted
 */
public record PairIteration(String producer, String consumer, long iteration, PairPhase phase, String step,
                            String producerShare, String consumerShare, String maskCommitment, String combined,
                            String maskedPrice, String proof) {
    /** This record in a later phase with the consumer's share, the commitment and the combination. */
    public PairIteration combinedWith(String share, String commitment, String product) {
        return new PairIteration(producer, consumer, iteration, PairPhase.COMBINED, step, producerShare, share,
                commitment, product, null, null);
    }

    /** This record with its verified decryption. */
    public PairIteration decrypted(String plaintext, String decryptionProof) {
        return new PairIteration(producer, consumer, iteration, PairPhase.DECRYPTED, step, producerShare,
                consumerShare, maskCommitment, combined, plaintext, decryptionProof);
    }
}
