package io.neighbourgrid.crypto.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.neighbourgrid.crypto.CryptoFixtures;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ForkedRandomTest {
    private static byte[] draw(SecureRandom r) {
        byte[] b = new byte[64];
        r.nextBytes(b);
        return b;
    }

    @Test
    void childrenDependOnlyOnTheParentsStreamNotOnTheOrderTheyRun() {
        SecureRandom[] first = ForkedRandom.fork(CryptoFixtures.seeded(5), 6);
        SecureRandom[] second = ForkedRandom.fork(CryptoFixtures.seeded(5), 6);
        byte[][] inOrder = Arrays.stream(first).map(ForkedRandomTest::draw).toArray(byte[][]::new);
        byte[][] parallel = new byte[6][];
        IntStream.range(0, 6).parallel().forEach(i -> parallel[5 - i] = draw(second[5 - i]));
        assertArrayEquals(inOrder, parallel);
    }

    @Test
    void childrenDifferFromEachOtherAndFromAnotherParent() {
        Set<String> seen = new HashSet<>();
        for (SecureRandom r : ForkedRandom.fork(CryptoFixtures.seeded(5), 16)) {
            seen.add(Arrays.toString(draw(r)));
        }
        for (SecureRandom r : ForkedRandom.fork(CryptoFixtures.seeded(6), 16)) {
            seen.add(Arrays.toString(draw(r)));
        }
        assertEquals(32, seen.size());
        byte[] zeros = new byte[64];
        assertFalse(Arrays.equals(zeros, draw(ForkedRandom.fork(new SecureRandom(), 1)[0])));
    }
}
