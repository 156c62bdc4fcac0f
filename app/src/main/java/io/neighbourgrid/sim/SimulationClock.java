package io.neighbourgrid.sim;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The clock of a replayed day: transaction timestamps follow the data's time of day (each window starts at its
 * slot's start) and advance with real elapsed time within a window, so the ledger's records carry the replayed
 * day's times and deadlines behave as they would live. {@link #skip} jumps forward to let a deadline pass.
 */
public final class SimulationClock extends Clock {
    private final ZoneId zone;
    private volatile Instant base;
    private volatile long baseNanos;

    /** A clock starting at {@code start} (UTC). */
    public SimulationClock(Instant start) {
        this(start, ZoneOffset.UTC);
    }

    private SimulationClock(Instant start, ZoneId zone) {
        this.zone = zone;
        this.base = start;
        this.baseNanos = System.nanoTime();
    }

    /** Moves the clock to the start of a window (never backwards). */
    public synchronized void startWindow(LocalDateTime windowStart) {
        Instant target = windowStart.toInstant(ZoneOffset.UTC);
        if (target.isAfter(instant())) {
            base = target;
            baseNanos = System.nanoTime();
        }
    }

    /** Jumps forward by {@code seconds}. */
    public synchronized void skip(long seconds) {
        base = instant().plusSeconds(seconds);
        baseNanos = System.nanoTime();
    }

    @Override
    public Instant instant() {
        return base.plusNanos(System.nanoTime() - baseNanos);
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        return new SimulationClock(instant(), newZone);
    }
}
