package io.neighbourgrid.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** Deterministic clocks for ledger tests: transaction timestamps come from the ledger's clock. */
public final class TestClocks {
    private TestClocks() {
    }

    /** A clock that stands still until a test moves it. */
    public static final class Manual extends Clock {
        private final AtomicReference<Instant> now;

        /**
         * A clock standing at {@code start}.
         *
         * @param start the first reading
         */
        public Manual(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        /**
         * Moves the clock forward.
         *
         * @param seconds how far
         */
        public void advance(long seconds) {
            now.updateAndGet(t -> t.plusSeconds(seconds));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.fixed(now.get(), zone);
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    /** A clock that advances by a fixed step on every reading. */
    public static final class Stepping extends Clock {
        private final AtomicReference<Instant> next;
        private final Duration step;

        /**
         * A clock whose first reading is {@code start}.
         *
         * @param start the first reading
         * @param step  how far each reading moves the clock
         */
        public Stepping(Instant start, Duration step) {
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
}
