package io.neighbourgrid.fabric;

import io.neighbourgrid.sim.data.CommunityDay;
import io.neighbourgrid.sim.data.HomeProfile;
import java.util.ArrayList;
import java.util.List;

/**
 * A day whose slots repeat: home agents read the inputs of window {@code t} from slot {@code t}, so on a ledger
 * that already holds windows {@code 0 .. n-1}, windows {@code n .. 2n-1} of the repeated day clear the same markets
 * again. The Fabric tests run several groups on one network this way, and the benchmark runs on a network that
 * earlier runs used.
 */
final class RepeatedDay {
    private RepeatedDay() {
    }

    /** {@code base}'s slots repeated {@code times} times. */
    static CommunityDay of(CommunityDay base, int times) {
        if (times < 1) {
            throw new IllegalArgumentException("a day repeats at least once, got " + times);
        }
        int n = base.windows();
        List<HomeProfile> homes = new ArrayList<>();
        for (HomeProfile h : base.homes()) {
            long[] g = new long[n * times];
            long[] l = new long[n * times];
            long[] b = new long[n * times];
            for (int t = 0; t < n * times; t++) {
                g[t] = h.generation(t % n);
                l[t] = h.load(t % n);
                b[t] = h.battery(t % n);
            }
            homes.add(new HomeProfile(h.homeId(), g, l, b, h.traits()));
        }
        return times == 1 ? base
                : new CommunityDay(base.source() + " repeated " + times + " times", base.start(),
                        base.windowSeconds(), homes);
    }
}
