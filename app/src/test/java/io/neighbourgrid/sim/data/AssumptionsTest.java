package io.neighbourgrid.sim.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every community records where its inputs come from and what was assumed, where the choice is made. */
class AssumptionsTest {

    private static Assumption only(CommunityDay day, String kind) {
        List<Assumption> found = day.assumptions().stream().filter(a -> a.kind().equals(kind))
                .collect(Collectors.toList());
        assertEquals(1, found.size(), kind + " in " + day.assumptions());
        return found.get(0);
    }

    private static List<String> kinds(CommunityDay day) {
        return day.assumptions().stream().map(Assumption::kind).collect(Collectors.toList());
    }

    @Nested
    class Generated {

        private final CommunityDay day = SyntheticCommunity.builder().homes(10).seed(3).build().generate();

        @Test
        void theOriginIsTheSeed() {
            assertEquals(DataOrigin.GENERATED, day.origin().kind());
            assertEquals(3L, day.origin().seed().getAsLong());
            assertEquals("generated, seed 3", day.origin().label());
        }

        @Test
        void batteriesPvAndPreferencesNameTheirHomes() {
            assertEquals(List.of(Assumption.GENERATED_DATA, Assumption.SYNTHETIC_PV, Assumption.SYNTHETIC_BATTERIES,
                    Assumption.SYNTHETIC_PREFERENCES), kinds(day));
            List<String> withBattery = day.homes().stream().filter(HomeProfile::hasBattery).map(HomeProfile::homeId)
                    .collect(Collectors.toList());
            Assumption batteries = only(day, Assumption.SYNTHETIC_BATTERIES);
            assertEquals(withBattery, batteries.homes().stream().sorted().collect(Collectors.toList()));
            assertTrue(batteries.description().startsWith(withBattery.size() + " of 10 homes have a synthetic "
                    + "battery (share 0.3"), batteries.description());
            List<String> withPv = day.homes().stream()
                    .filter(h -> IntStream.range(0, h.windows()).anyMatch(t -> h.generation(t) > 0))
                    .map(HomeProfile::homeId).collect(Collectors.toList());
            assertEquals(withPv, only(day, Assumption.SYNTHETIC_PV).homes().stream().sorted()
                    .collect(Collectors.toList()));
            assertEquals("The preference k of each home is drawn uniformly in [60, 130] and the battery loss "
                    + "coefficient epsilon in (0.5, 0.95).", only(day, Assumption.SYNTHETIC_PREFERENCES).description());
            assertEquals(10, only(day, Assumption.SYNTHETIC_PREFERENCES).homes().size());
        }
    }

    @Nested
    class Metered {

        /** Customer 4 on 12 to 14 January 2017, days written without a month in two digits. */
        private List<MeterSeries> series() throws Exception {
            StringBuilder sb = new StringBuilder();
            for (int d = 12; d <= 14; d++) {
                for (String c : new String[] {"GC", "GG"}) {
                    String values = IntStream.range(0, 48).mapToObj(s -> String.format(Locale.ROOT, "%.3f",
                            c.equals("GG") && s > 16 && s < 34 ? 0.4 : 0.2)).collect(Collectors.joining(","));
                    sb.append("4,2.1,2076,").append(c).append(',').append(d).append("/1/2017,").append(values)
                            .append(",\n");
                }
            }
            return AusgridLoader.parse(new StringReader(sb.toString()), "customer4.csv");
        }

        @Test
        void laterDaysStandingInForNeighboursAreNamed() throws Exception {
            CommunityDay day = MeterCommunity.build(series(), 3, LocalDate.of(2017, 1, 12), LocalTime.of(11, 0), 60,
                    60, new MeterCommunity.Options(5L, 0.0, 0.4));
            Assumption standIns = only(day, Assumption.STAND_IN_HOMES);
            assertEquals(List.of("ausgrid-4-20170113", "ausgrid-4-20170114"), standIns.homes());
            assertEquals("3 homes were asked for but the data has 1 household: 2 homes are the same building on the "
                    + "following days (2017-01-13 to 2017-01-14), replayed at the same time of day as if they were "
                    + "neighbours: ausgrid-4-20170113, ausgrid-4-20170114.", standIns.description());
        }

        @Test
        void theLoadersDateOrderResamplingPreferencesAndBatteriesAreRecorded() throws Exception {
            CommunityDay day = MeterCommunity.build(series(), 3, LocalDate.of(2017, 1, 12), LocalTime.of(11, 0), 60,
                    60, new MeterCommunity.Options(5L, 0.0, 0.4));
            assertEquals(List.of(Assumption.STAND_IN_HOMES, Assumption.DATE_ORDER, Assumption.RESAMPLING,
                    Assumption.SYNTHETIC_PREFERENCES, Assumption.SYNTHETIC_BATTERIES), kinds(day));
            assertEquals("Dates in customer4.csv were read day first (d/mm/yyyy): '13/1/2017' on line 3 can only be "
                    + "day/month/year.", only(day, Assumption.DATE_ORDER).description());
            assertEquals("The data has one reading per 30 minutes; the energy of each reading is spread evenly over "
                    + "the 1-minute trading windows within it, so load and generation are flat for 30 minutes at a "
                    + "time.", only(day, Assumption.RESAMPLING).description());
            assertTrue(only(day, Assumption.SYNTHETIC_PREFERENCES).description().endsWith("drawn uniformly in "
                    + "[60, 130] and the battery loss coefficient epsilon in (0.5, 0.95), seed 5."));
            List<String> withBattery = day.homes().stream().filter(HomeProfile::hasBattery).map(HomeProfile::homeId)
                    .collect(Collectors.toList());
            assertEquals(1, withBattery.size(), "share 0.4 of 3 homes");
            assertEquals(withBattery, only(day, Assumption.SYNTHETIC_BATTERIES).homes());
            assertEquals(DataOrigin.file("customer4.csv", "Ausgrid solar home data, original wide layout"),
                    day.origin());
        }

        @Test
        void oneHomePerCustomerNeedsNoStandIns() throws Exception {
            CommunityDay day = MeterCommunity.build(series(), 1, LocalDate.of(2017, 1, 13), LocalTime.of(11, 0), 30,
                    1800, MeterCommunity.Options.defaults());
            assertEquals(List.of(Assumption.DATE_ORDER, Assumption.SYNTHETIC_PREFERENCES), kinds(day));
        }
    }
}
