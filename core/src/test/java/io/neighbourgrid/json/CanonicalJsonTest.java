package io.neighbourgrid.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalJsonTest {

    record Inner(String zeta, long alpha) {
    }

    record Outer(String name, List<Inner> items, Map<String, Long> totals, String missing) {
    }

    record Amount(long units) {
    }

    @Nested
    class Writing {

        @Test
        void keysAreSortedAtEveryDepthAndTheBytesAreExact() {
            Map<String, Long> totals = new LinkedHashMap<>();
            totals.put("b", 2L);
            totals.put("B", 3L);
            totals.put("a", 1L);
            Outer value = new Outer("home<1>", List.of(new Inner("z", 9), new Inner("é", -1)), totals, null);
            byte[] expected = ("{\"items\":[{\"alpha\":9,\"zeta\":\"z\"},{\"alpha\":-1,\"zeta\":\"é\"}],"
                    + "\"name\":\"home<1>\",\"totals\":{\"B\":3,\"a\":1,\"b\":2}}").getBytes(StandardCharsets.UTF_8);
            assertArrayEquals(expected, CanonicalJson.toBytes(value));
        }

        @Test
        void keysAreOrderedByUtf16CodeUnits() {
            // U+1F600 is the surrogate pair D83D DE00, which sorts before U+FB01 by code unit (after it by code point).
            assertEquals("{\"Z\":1,\"a\":2,\"\uD83D\uDE00\":3,\"\uFB01\":4}",
                    CanonicalJson.canonicalize("{\"\uD83D\uDE00\":3,\"a\":2,\"Z\":1,\"\uFB01\":4}"));
        }

        @Test
        void canonicalisingIsIdempotentAndKeepsNumberText() {
            String once = CanonicalJson.canonicalize("{ \"b\" : [ {\"d\":1e2, \"c\":0.10} ], \"a\" : null }");
            assertEquals("{\"b\":[{\"c\":0.10,\"d\":1e2}]}", once);
            assertEquals(once, CanonicalJson.canonicalize(once));
        }

        @Test
        void recordsRoundTrip() {
            Outer value = new Outer("n", List.of(new Inner("x", Long.MAX_VALUE)), Map.of("k", Long.MIN_VALUE), null);
            assertEquals(value, CanonicalJson.fromJson(CanonicalJson.toJson(value), Outer.class));
            assertEquals(value, CanonicalJson.fromBytes(CanonicalJson.toBytes(value), Outer.class));
        }
    }

    @Nested
    class Reading {

        @ParameterizedTest
        @ValueSource(strings = {"", "{", "{\"a\":1} x", "{a:1}", "{'a':1}", "{\"a\":1,}", "[1,]", "{\"a\":NaN}",
            "{\"a\":1} // c", "/* c */ {}", "{\"a\":01}", "{\"a\":\"\\x\"}", "{\"a\":1}{}"})
        void malformedJsonIsRejected(String text) {
            assertThrows(JsonFormatException.class, () -> CanonicalJson.canonicalize(text));
        }

        @Test
        void duplicateKeysAreRejectedAtAnyDepth() {
            JsonFormatException e = assertThrows(JsonFormatException.class,
                    () -> CanonicalJson.canonicalize("{\"a\":{\"x\":1,\"x\":2}}"));
            assertTrue(e.getMessage().contains("duplicate key \"x\""), e.getMessage());
        }

        @Test
        void deepNestingIsRejectedInsteadOfExhaustingTheStack() {
            String deep = "[".repeat(10_000) + "]".repeat(10_000);
            assertThrows(JsonFormatException.class, () -> CanonicalJson.canonicalize(deep));
        }

        @Test
        void aFractionReadIntoAnIntegerFieldIsAnErrorNotATruncation() {
            assertEquals(new Amount(5), CanonicalJson.fromJson("{\"units\":5}", Amount.class));
            assertThrows(JsonFormatException.class, () -> CanonicalJson.fromJson("{\"units\":5.5}", Amount.class));
            assertThrows(JsonFormatException.class,
                    () -> CanonicalJson.fromJson("{\"units\":99999999999999999999}", Amount.class));
        }

        @Test
        void aMismatchedOrEmptyDocumentIsRejected() {
            assertThrows(JsonFormatException.class, () -> CanonicalJson.fromJson("{\"units\":\"five\"}", Amount.class));
            assertThrows(JsonFormatException.class, () -> CanonicalJson.fromJson("null", Amount.class));
            assertThrows(JsonFormatException.class, () -> CanonicalJson.fromJson((String) null, Amount.class));
        }
    }
}
