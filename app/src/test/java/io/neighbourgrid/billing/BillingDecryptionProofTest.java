package io.neighbourgrid.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.neighbourgrid.crypto.InvalidProofException;
import io.neighbourgrid.crypto.ProofContext;
import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.crypto.paillier.PaillierKeyPair;
import io.neighbourgrid.crypto.proof.DecryptionClaim;
import io.neighbourgrid.crypto.proof.DecryptionProofs;
import io.neighbourgrid.crypto.proof.DecryptionProver;
import io.neighbourgrid.crypto.proof.InvalidDecryptionClaimException;
import io.neighbourgrid.protocol.billing.BillAggregator;
import io.neighbourgrid.protocol.billing.BillingContexts;
import io.neighbourgrid.testing.TestKeys;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The billing party's decryptions (bills and market balances) are proven by the core's prover under the billing
 * contexts, and verify with the core's single and batch verifiers, which the contract runs.
 */
class BillingDecryptionProofTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final PaillierKeyPair KEYS = TestKeys.paillier(1024, 0);
    private static final ProofContext BILL = BillingContexts.bill("market", 0, 95);

    private final DecryptionProver prover = new DecryptionProver(KEYS.privateKey());

    @Nested
    class Bills {
        @Test
        void proofsOfPositiveNegativeAndZeroPlaintextsVerifyOneByOneAndAsABatch() {
            List<DecryptionClaim> claims = new ArrayList<>();
            for (BigInteger m : List.of(BigInteger.ZERO, BigInteger.valueOf(123_456_789), BigInteger.ONE.shiftLeft(700),
                    BigInteger.valueOf(-42).shiftLeft(704))) {
                Ciphertext c = KEYS.publicKey().encrypt(m, RANDOM);
                DecryptionClaim claim = prover.decryptAndProve(c, BILL, RANDOM);
                assertEquals(m, claim.plaintext());
                claim.proof().verify(c, m, BILL);
                claims.add(claim);
            }
            DecryptionProofs.verifyBatch(claims, BILL);
        }

        @Test
        void aProofDoesNotVerifyForAnotherPlaintextOrPeriod() {
            Ciphertext c = KEYS.publicKey().encrypt(BigInteger.valueOf(77), RANDOM);
            DecryptionClaim claim = prover.decryptAndProve(c, BILL, RANDOM);
            assertThrows(InvalidProofException.class, () -> claim.proof().verify(c, BigInteger.valueOf(78), BILL));
            assertThrows(InvalidProofException.class, () -> claim.proof().verify(c, BigInteger.valueOf(77),
                    BillingContexts.bill("market", 0, 94)));
        }

        @Test
        void theBatchVerifierNamesAClaimWhosePlaintextWasAltered() {
            List<DecryptionClaim> claims = new ArrayList<>();
            for (long m : new long[] {5, 6, 7}) {
                claims.add(prover.decryptAndProve(KEYS.publicKey().encrypt(BigInteger.valueOf(m), RANDOM), BILL,
                        RANDOM));
            }
            DecryptionClaim honest = claims.get(1);
            claims.set(1, new DecryptionClaim(honest.ciphertext(), honest.plaintext().add(BigInteger.ONE),
                    honest.proof()));
            InvalidDecryptionClaimException e = assertThrows(InvalidDecryptionClaimException.class,
                    () -> DecryptionProofs.verifyBatch(claims, BILL));
            assertEquals(1, e.claimIndex());
        }
    }

    @Nested
    class MarketBalances {
        @Test
        void theBalanceOfAWindowIsDecryptedAndProvenUnderItsOwnContext() {
            Ciphertext seller = KEYS.publicKey().encrypt(BigInteger.valueOf(2_500_000), RANDOM);
            Ciphertext buyer = KEYS.publicKey().encrypt(BigInteger.valueOf(-2_400_000), RANDOM);
            Ciphertext balance = BillAggregator.marketBalance(KEYS.publicKey(), List.of(seller.toBase64()),
                    List.of(buyer.toBase64()));
            ProofContext window = BillingContexts.marketBalance("market", 7);
            DecryptionClaim claim = prover.decryptAndProve(balance, window, RANDOM);
            // Sold less bought: the residual, and neither side's total.
            assertEquals(BigInteger.valueOf(100_000), claim.plaintext());
            claim.proof().verify(balance, claim.plaintext(), window);
            DecryptionProofs.verifyBatch(List.of(claim), window);
            assertThrows(InvalidProofException.class,
                    () -> claim.proof().verify(balance, claim.plaintext(), BillingContexts.marketBalance("market", 8)));
        }
    }
}
