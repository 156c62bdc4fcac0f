package io.neighbourgrid.sim.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.market.HomeInput;
import io.neighbourgrid.market.Role;
import io.neighbourgrid.market.Scales;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SyntheticCommunityTest {

    private static final CommunityDay DEFAULT = SyntheticCommunity.builder().build().generate();

    @Nested
    class Determinism {

        @Test
        void theSameSeedGivesTheSameCommunity() {
            CommunityDay again = SyntheticCommunity.builder().build().generate();
            assertEquals(DEFAULT.homes(), again.homes());
        }

        @Test
        void anotherSeedGivesAnotherCommunity() {
            CommunityDay other = SyntheticCommunity.builder().seed(2).build().generate();
            assertNotEquals(DEFAULT.homes(), other.homes());
        }
    }

    @Nested
    class Defaults {

        @Test
        void defaultRunIsTwentyHomesOverSixtyOneMinuteWindowsFromEleven() {
            assertEquals(20, DEFAULT.homes().size());
            assertEquals(60, DEFAULT.windows());
            assertEquals(60L, DEFAULT.windowSeconds());
            assertEquals(LocalTime.of(11, 0), DEFAULT.start().toLocalTime());
            assertEquals(LocalTime.of(11, 1), DEFAULT.windowStart(1).toLocalTime());
            assertEquals("home-001", DEFAULT.homes().get(0).homeId());
        }

        @Test
        void defaultRunHasSellersAndBuyersInMostWindows() {
            int mixed = 0;
            for (int t = 0; t < DEFAULT.windows(); t++) {
                List<HomeInput> inputs = DEFAULT.inputs(t);
                boolean seller = inputs.stream().anyMatch(h -> h.role() == Role.SELLER);
                boolean buyer = inputs.stream().anyMatch(h -> h.role() == Role.BUYER);
                if (seller && buyer) {
                    mixed++;
                }
            }
            assertTrue(mixed >= 55, "only " + mixed + " windows with both sellers and buyers");
        }

        @Test
        void halfOfTheHomesHavePvAndThirtyPercentABattery() {
            long pv = DEFAULT.homes().stream().filter(h -> sum(h, 'g') > 0).count();
            long batteries = DEFAULT.homes().stream().filter(HomeProfile::hasBattery).count();
            assertEquals(10, pv);
            assertTrue(batteries >= 4 && batteries <= 6, batteries + " batteries");
        }

        @Test
        void traitsLieInTheDocumentedRanges() {
            for (HomeProfile h : DEFAULT.homes()) {
                long k = h.traits().preference();
                long eps = h.traits().epsilon();
                assertTrue(k >= 60 * Scales.PREFERENCE && k <= 130 * Scales.PREFERENCE, "k = " + k);
                assertTrue(eps > Scales.EPSILON / 2 && eps < 950_000L, "eps = " + eps);
            }
        }

        @Test
        void loadsArePlausibleForOneMinute() {
            for (HomeProfile h : DEFAULT.homes()) {
                for (int t = 0; t < h.windows(); t++) {
                    // between 50 W and 8 kW averaged over a minute: 833 to 133,333 units
                    assertTrue(h.load(t) > 800 && h.load(t) < 133_334, h.homeId() + " load " + h.load(t));
                }
            }
        }
    }

    @Nested
    class Physics {

        @Test
        void thereIsNoGenerationAtNight() {
            CommunityDay night = SyntheticCommunity.builder().startTime(LocalTime.of(0, 0)).windows(300).build()
                    .generate();
            assertEquals(0L, night.homes().stream().mapToLong(h -> sum(h, 'g')).sum());
        }

        @Test
        void generationPeaksAroundNoon() {
            CommunityDay day = SyntheticCommunity.builder().startTime(LocalTime.of(0, 0)).windows(24)
                    .windowSeconds(3600).clouds(false).build().generate();
            HomeProfile pv = day.homes().stream().filter(h -> sum(h, 'g') > 0).findFirst().orElseThrow();
            assertTrue(pv.generation(11) > pv.generation(8));
            assertTrue(pv.generation(12) > pv.generation(15));
            assertEquals(pv.generation(11), pv.generation(12), pv.generation(11) / 100.0 + 1);
        }

        @Test
        void batteriesChargeOnlyFromSurplusAndDischargeOnlyIntoDeficits() {
            CommunityDay day = SyntheticCommunity.builder().homes(40).startTime(LocalTime.of(6, 0)).windows(720)
                    .build().generate();
            int batteryHomes = 0;
            for (HomeProfile h : day.homes()) {
                if (!h.hasBattery()) {
                    continue;
                }
                batteryHomes++;
                for (int t = 0; t < h.windows(); t++) {
                    long surplus = h.generation(t) - h.load(t);
                    long b = h.battery(t);
                    assertTrue(b == 0 || Long.signum(b) == Long.signum(surplus), "window " + t);
                    assertTrue(Math.abs(b) <= Math.abs(surplus));
                    // at most 5 kW for one minute
                    assertTrue(Math.abs(b) <= 5000L * 60 * 5 / 18);
                }
            }
            assertEquals(12, batteryHomes);
        }

        @Test
        void longerWindowsHoldProportionallyMoreEnergy() {
            CommunityDay minutes = SyntheticCommunity.builder().windows(60).clouds(false).build().generate();
            CommunityDay hour = SyntheticCommunity.builder().windows(1).windowSeconds(3600).clouds(false).build()
                    .generate();
            HomeProfile pvMinutes = minutes.homes().stream().filter(h -> sum(h, 'g') > 0).findFirst().orElseThrow();
            long perMinute = sum(pvMinutes, 'g');
            long perHour = hour.home(pvMinutes.homeId()).generation(0);
            assertEquals(perMinute, perHour, perHour * 0.01);
        }
    }

    @Nested
    class Settings {

        @Test
        void invalidSettingsAreRejected() {
            assertThrows(IllegalArgumentException.class, () -> SyntheticCommunity.builder().homes(0));
            assertThrows(IllegalArgumentException.class, () -> SyntheticCommunity.builder().windowSeconds(0));
            assertThrows(IllegalArgumentException.class, () -> SyntheticCommunity.builder().pvShare(1.5));
            assertThrows(IllegalArgumentException.class, () -> SyntheticCommunity.builder().preferenceRange(0, 10));
            assertThrows(IllegalArgumentException.class,
                    () -> SyntheticCommunity.builder().daylight(LocalTime.NOON, LocalTime.MIDNIGHT));
        }

        @Test
        void startCanBeSetToAnyDateAndTime() {
            LocalDateTime start = LocalDateTime.of(2013, 1, 2, 9, 30);
            CommunityDay c = SyntheticCommunity.builder().start(start).homes(3).windows(2).build().generate();
            assertEquals(start, c.start());
            assertEquals(3, c.inputs(1).size());
        }
    }

    private static long sum(HomeProfile h, char what) {
        long total = 0;
        for (int t = 0; t < h.windows(); t++) {
            total += what == 'g' ? h.generation(t) : h.load(t);
        }
        return total;
    }
}
