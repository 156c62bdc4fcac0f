package io.neighbourgrid.crypto.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.neighbourgrid.crypto.ValueOutOfRangeException;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FixedPointCodecTest {

    private static final FixedPointCodec ENERGY = new FixedPointCodec("energy", 1_000_000, 1_000_000_000_000L);

    @Nested
    class Encoding {

        @Test
        void valuesAreScaledToIntegerUnits() {
            assertEquals(1_500_000L, ENERGY.encode(new BigDecimal("1.5")));
            assertEquals(-2_000_001L, ENERGY.encode(new BigDecimal("-2.000001")));
            assertEquals(0L, ENERGY.encode(BigDecimal.ZERO));
        }

        @Test
        void halfwayValuesRoundToEven() {
            assertEquals(0L, ENERGY.encode(new BigDecimal("0.0000005")));
            assertEquals(2L, ENERGY.encode(new BigDecimal("0.0000015")));
            assertEquals(-2L, ENERGY.encode(new BigDecimal("-0.0000025")));
        }

        @Test
        void doublesUseTheirShortestDecimalForm() {
            assertEquals(100_000L, ENERGY.encode(0.1));
            assertThrows(ValueOutOfRangeException.class, () -> ENERGY.encode(Double.NaN));
            assertThrows(ValueOutOfRangeException.class, () -> ENERGY.encode(Double.POSITIVE_INFINITY));
        }

        @Test
        void magnitudesBeyondTheLimitAreRejectedAndTheLimitItselfIsAccepted() {
            assertEquals(1_000_000_000_000L, ENERGY.encode(new BigDecimal("1000000")));
            assertEquals(-1_000_000_000_000L, ENERGY.encode(new BigDecimal("-1000000")));
            assertThrows(ValueOutOfRangeException.class, () -> ENERGY.encode(new BigDecimal("1000000.000001")));
            assertThrows(ValueOutOfRangeException.class, () -> ENERGY.encode(new BigDecimal("-1e30")));
        }

        @Test
        void unitsAreRangeCheckedIncludingTheMostNegativeLong() {
            assertEquals(5L, ENERGY.checkUnits(5L));
            assertThrows(ValueOutOfRangeException.class, () -> ENERGY.checkUnits(1_000_000_000_001L));
            assertThrows(ValueOutOfRangeException.class, () -> ENERGY.checkUnits(Long.MIN_VALUE));
        }
    }

    @Nested
    class Decoding {

        @Test
        void decodingIsExactAndInvertsEncoding() {
            assertEquals(0, new BigDecimal("-2.000001").compareTo(ENERGY.decode(-2_000_001L)));
            assertEquals(0, new BigDecimal("123.456789").compareTo(ENERGY.decode(ENERGY.encode(new BigDecimal("123.456789")))));
        }

        @Test
        void aggregatesBeyondLongRangeDecodeExactly() {
            BigInteger sum = BigInteger.valueOf(Long.MAX_VALUE).multiply(BigInteger.valueOf(300));
            assertEquals(0, new BigDecimal(sum).movePointLeft(6).compareTo(ENERGY.decode(sum)));
        }

        @Test
        void aBinaryScaleDecodesExactly() {
            FixedPointCodec ratio = new FixedPointCodec("ratio", 1L << 40, 1L << 40);
            assertEquals(0, new BigDecimal("0.5").compareTo(ratio.decode(1L << 39)));
            assertEquals(0, BigDecimal.ONE.divide(BigDecimal.valueOf(1L << 40)).compareTo(ratio.decode(1)));
        }
    }

    @Nested
    class Parameters {

        @Test
        void scalesWithoutAFiniteDecimalExpansionAreRejected() {
            assertThrows(IllegalArgumentException.class, () -> new FixedPointCodec("x", 3, 10));
            assertThrows(IllegalArgumentException.class, () -> new FixedPointCodec("x", 0, 10));
            assertThrows(IllegalArgumentException.class, () -> new FixedPointCodec("x", 10, 0));
            assertEquals(1000, new FixedPointCodec("x", 1000, 10).scale());
        }
    }
}
