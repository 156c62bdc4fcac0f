package io.neighbourgrid.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MarketParametersTest {

    @Nested
    class Defaults {

        @Test
        void defaultsAreThoseOfThePaperEvaluation() {
            MarketParameters p = MarketParameters.defaults();
            assertEquals(120_000_000L, p.retailPrice());
            assertEquals(80_000_000L, p.feedInPrice());
            assertEquals(90_000_000L, p.lowPrice());
            assertEquals(110_000_000L, p.highPrice());
            assertEquals(60L, p.windowSeconds());
            assertEquals(2, p.minimumCoalitionSize());
        }

        @Test
        void withersChangeOneField() {
            MarketParameters p = MarketParameters.defaults().withWindowSeconds(1800).withMinimumCoalitionSize(3);
            assertEquals(1800L, p.windowSeconds());
            assertEquals(3, p.minimumCoalitionSize());
            assertEquals(MarketParameters.defaults().retailPrice(), p.retailPrice());
        }
    }

    @Nested
    class Validation {

        @Test
        void feedInPriceAtOrAboveTheLowerBoundIsRejected() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> MarketParameters.ofCents(120, 90, 90, 110, 60, 2));
            assertTrue(e.getMessage().contains("feed-in"));
        }

        @Test
        void upperBoundAtOrAboveTheRetailPriceIsRejected() {
            assertThrows(IllegalArgumentException.class, () -> MarketParameters.ofCents(110, 80, 90, 110, 60, 2));
        }

        @Test
        void invertedRangeIsRejected() {
            assertThrows(IllegalArgumentException.class, () -> MarketParameters.ofCents(120, 80, 100, 95, 60, 2));
        }

        @Test
        void aSinglePriceRangeIsAccepted() {
            assertEquals(100_000_000L, MarketParameters.ofCents(120, 80, 100, 100, 60, 2).lowPrice());
        }

        @Test
        void nonPositiveFeedInWindowOrCoalitionSizeIsRejected() {
            assertThrows(IllegalArgumentException.class, () -> MarketParameters.ofCents(120, 0, 90, 110, 60, 2));
            assertThrows(IllegalArgumentException.class, () -> MarketParameters.ofCents(120, 80, 90, 110, 0, 2));
            assertThrows(IllegalArgumentException.class, () -> MarketParameters.ofCents(120, 80, 90, 110, 60, 0));
        }

        @Test
        void absurdlyHighPricesAreRejected() {
            assertThrows(IllegalArgumentException.class,
                    () -> MarketParameters.ofCents(2_000_000, 80, 90, 110, 60, 2));
        }
    }
}
