package io.neighbourgrid.embedded;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A deterministic clock that advances by a fixed step on every reading. */
final class SteppingClock extends Clock {
    private final AtomicReference<Instant> next;
    private final Duration step;

    SteppingClock(Instant start, Duration step) {
        this.next = new AtomicReference<>(start);
        this.step = step;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return next.getAndUpdate(t -> t.plus(step));
    }
}
