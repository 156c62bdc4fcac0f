package io.neighbourgrid.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.market.MarketParameters;
import io.neighbourgrid.protocol.billing.BillLayout;
import io.neighbourgrid.protocol.state.MarketConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyPolicyTest {
    @Test
    void theRangesAreTheOnesTheProtocolNeeds() {
        assertEquals(1024, KeyPolicy.MARKET_MIN_BITS);
        assertEquals(1024, KeyPolicy.BILLING_MIN_BITS);
        assertEquals(PaillierPublicKey.MAX_BITS, KeyPolicy.MAX_BITS);
        assertEquals(KeyPolicy.MARKET_MIN_BITS, MarketConfig.MIN_KEY_BITS);
        assertEquals(KeyPolicy.BILLING_MIN_BITS, BillLayout.MIN_KEY_BITS);
    }

    @ParameterizedTest
    @ValueSource(ints = {1024, 1280, 2048, 3072, 8192})
    void acceptsEvenMarketSizesInRange(int bits) {
        assertTrue(KeyPolicy.accepts(bits, KeyPolicy.Use.MARKET));
        assertEquals(bits, KeyPolicy.require(bits, KeyPolicy.Use.MARKET, "keyBits"));
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, -2, 0, 512, 676, 768, 1022, 1023, 1025, 8193, 8194, Integer.MAX_VALUE})
    void rejectsOtherMarketSizesWithOneMessageNamingTheRange(int bits) {
        assertFalse(KeyPolicy.accepts(bits, KeyPolicy.Use.MARKET));
        String message = KeyPolicy.problem(bits, KeyPolicy.Use.MARKET, "--key-bits").orElseThrow();
        assertTrue(message.startsWith("--key-bits must be an even number in [1024, 8192]"), message);
        assertTrue(message.endsWith("got " + bits), message);
        assertEquals(message, assertThrows(IllegalArgumentException.class,
                () -> KeyPolicy.require(bits, KeyPolicy.Use.MARKET, "--key-bits")).getMessage());
    }

    @Test
    void billingNeedsLargerKeys() {
        assertFalse(KeyPolicy.accepts(768, KeyPolicy.Use.BILLING));
        assertTrue(KeyPolicy.accepts(1024, KeyPolicy.Use.BILLING));
        assertTrue(KeyPolicy.problem(768, KeyPolicy.Use.BILLING, "billing key").orElseThrow()
                .contains("[1024, 8192]"));
        assertEquals(1024, KeyPolicy.billingBits(1024));
        assertEquals(2048, KeyPolicy.billingBits(2048));
        assertThrows(IllegalArgumentException.class, () -> KeyPolicy.billingBits(768));
    }

    @Test
    void theMarketConfigurationAppliesThePolicy() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MarketConfig.of(MarketParameters.defaults(), 512, 60));
        assertEquals(KeyPolicy.problem(512, KeyPolicy.Use.MARKET, "keyBits").orElseThrow(), e.getMessage());
        assertEquals(1024, MarketConfig.of(MarketParameters.defaults(), 1024, 60).keyBits());
    }
}
