package io.neighbourgrid.chaincode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.market.Role;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.Syntax;
import io.neighbourgrid.protocol.WindowAggregation;
import io.neighbourgrid.protocol.args.ContributionArgs;
import io.neighbourgrid.protocol.args.DecryptionArgs;
import io.neighbourgrid.protocol.state.Aggregates;
import io.neighbourgrid.protocol.state.Contribution;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The argument records, syntax and aggregation the chaincode and its clients share ({@code protocol}). */
class ArgumentsTest {
    @Nested
    class Contributions {
        private final ContributionArgs args = new ContributionArgs("T1==", "T2==", "PR==");

        @Test
        void writesTheBytesOfAMapOfItsThreeFields() {
            Map<String, String> json = new TreeMap<>();
            json.put("totalsForResponder", "T1==");
            json.put("totalsForInitiator", "T2==");
            json.put("proof", "PR==");
            assertEquals(CanonicalJson.toJson(json), args.toJson());
            assertEquals("{\"proof\":\"PR==\",\"totalsForInitiator\":\"T2==\",\"totalsForResponder\":\"T1==\"}",
                    args.toJson());
        }

        @Test
        void parsesWhatItWrites() {
            assertEquals(args, ContributionArgs.parse(args.toJson()));
        }

        @Test
        void rejectsAnUnknownOrMissingFieldAndANonString() {
            assertEquals("MALFORMED_JSON: contribution has the unknown field \"volume\"",
                    MarketHarness.assertRejected(ErrorCode.MALFORMED_JSON, () -> ContributionArgs.parse(
                            args.toJson().replace("}", ",\"volume\":\"AA==\"}"))).getMessage());
            assertEquals("MALFORMED_JSON: contribution lacks the field \"proof\"",
                    MarketHarness.assertRejected(ErrorCode.MALFORMED_JSON, () -> ContributionArgs.parse(
                            args.toJson().replace("\"proof\":\"PR==\",", ""))).getMessage());
            assertEquals("MALFORMED_JSON: contribution.proof must be a string",
                    MarketHarness.assertRejected(ErrorCode.MALFORMED_JSON, () -> ContributionArgs.parse(
                            args.toJson().replace("\"PR==\"", "5"))).getMessage());
        }
    }

    @Nested
    class Decryptions {
        @Test
        void writesTheBytesOfAMapOfPlaintextAndProof() {
            Map<String, String> json = new TreeMap<>();
            json.put("plaintext", "-42");
            json.put("proof", "UFJPT0Y=");
            assertEquals(CanonicalJson.toJson(json), new DecryptionArgs(BigInteger.valueOf(-42), "UFJPT0Y=").toJson());
        }

        @Test
        void parsesWhatItWrites() {
            DecryptionArgs args = new DecryptionArgs(new BigInteger("123456789012345678901234567890"), "UFJPT0Y=");
            assertEquals(args, DecryptionArgs.parse(args.toJson(), "T_r1"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"1.5", "01", "", "+5", "--1"})
        void rejectsAPlaintextThatIsNotADecimalIntegerNamingTheShare(String plaintext) {
            String json = "{\"plaintext\":\"" + plaintext + "\",\"proof\":\"UFJPT0Y=\"}";
            assertEquals("INVALID_ARGUMENT: the plaintext of T_r2 must be a decimal integer without leading zeros",
                    MarketHarness.assertRejected(ErrorCode.INVALID_ARGUMENT, () -> DecryptionArgs.parse(json, "T_r2"))
                            .getMessage());
        }
    }

    @Nested
    class ArgumentSyntax {
        @ParameterizedTest
        @ValueSource(longs = {0, 7, 999_999_999_999_999_999L})
        void formatsAWindowAsItsDecimalDigitsAndParsesItBack(long t) {
            assertEquals(Long.toString(t), Syntax.window(t));
            assertEquals(t, Syntax.parseWindow(Syntax.window(t)));
        }

        @Test
        void formatsAStepAndParsesARole() {
            assertEquals(3, Syntax.parseStep(Syntax.step(3)));
            assertEquals(Role.SELLER, Syntax.parseRole(Role.SELLER.name()));
        }
    }

    @Nested
    class Aggregation {
        @Test
        void multipliesTheMembersCiphertextsUnderTheirKeysWhateverTheirOrder() {
            PaillierPublicKey r1 = MarketHarness.pooledKey(0).publicKey();
            PaillierPublicKey r2 = MarketHarness.pooledKey(1).publicKey();
            List<Contribution> contributions = new ArrayList<>();
            BigInteger total = BigInteger.ZERO;
            for (int i = 0; i < 3; i++) {
                BigInteger v = BigInteger.valueOf(10 + i);
                total = total.add(v);
                contributions.add(new Contribution(1, "h" + i, i == 0 ? Role.SELLER : Role.BUYER,
                        r1.encrypt(v, MarketHarness.RANDOM).toBase64(), r2.encrypt(v, MarketHarness.RANDOM).toBase64(),
                        "PR==", "2026-03-02T07:00:00Z", "tx" + i));
            }
            Aggregates a = WindowAggregation.aggregates(r1, r2, List.of("h0"), List.of("h1", "h2"), contributions,
                    PaillierPublicKey::ciphertextFromBase64);
            Aggregates reversed = WindowAggregation.aggregates(r1, r2, List.of("h0"), List.of("h2", "h1"),
                    List.of(contributions.get(2), contributions.get(1), contributions.get(0)),
                    (key, b64) -> key.ciphertextFromBase64(b64));
            assertEquals(a, reversed);
            List<Ciphertext> shares = new ArrayList<>();
            contributions.forEach(c -> shares.add(r1.ciphertextFromBase64(c.totalsForResponder())));
            assertEquals(r1.sum(shares).toBase64(), a.totalsForResponder());
            assertEquals(total, MarketHarness.pooledKey(0).privateKey().decrypt(r1.ciphertextFromBase64(
                    a.totalsForResponder())));
            assertEquals(total, MarketHarness.pooledKey(1).privateKey().decrypt(r2.ciphertextFromBase64(
                    a.totalsForInitiator())));
        }

        @Test
        void namesAMissingMembersContribution() {
            PaillierPublicKey r1 = MarketHarness.pooledKey(0).publicKey();
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> WindowAggregation.aggregate(WindowAggregation.Share.TOTALS_FOR_RESPONDER, r1, List.of("h0"),
                            List.of(), List.of(), PaillierPublicKey::ciphertextFromBase64));
            assertEquals("the contribution of aggregated member h0 is missing", e.getMessage());
        }
    }
}
