package dev.witbox.wasi;

import java.time.Instant;

/** The clocks one context uses: the host's, or a fixed wall clock with a virtual monotonic clock. */
abstract class WasiClock {

    /** Nanoseconds since the epoch. */
    abstract long wallNanos();

    /** Nanoseconds since the context started. */
    abstract long monotonicNanos();

    /** Blocks until {@link #monotonicNanos()} reaches {@code deadline}. */
    abstract void sleepUntil(long deadline);

    /** Starts again as a new clock of the same policy would (a pooled instance's next lease). */
    abstract void restart();

    static WasiClock of(WasiPolicy.Clocks clocks) {
        if (clocks instanceof WasiPolicy.Fixed f) {
            return new Virtual(f.wallStart());
        }
        return new Real();
    }

    static final class Real extends WasiClock {
        private volatile long base = System.nanoTime();

        @Override
        void restart() {
            base = System.nanoTime();
        }

        @Override
        long wallNanos() {
            Instant now = Instant.now();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        @Override
        long monotonicNanos() {
            return System.nanoTime() - base;
        }

        @Override
        void sleepUntil(long deadline) {
            long left;
            while ((left = deadline - monotonicNanos()) > 0) {
                try {
                    Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while the guest slept", e);
                }
            }
        }
    }

    /** Moves only when the guest sleeps: runs are reproducible and sleeps take no time. */
    static final class Virtual extends WasiClock {
        private final long wallStart;
        private long now;

        Virtual(Instant wallStart) {
            this.wallStart = wallStart.getEpochSecond() * 1_000_000_000L + wallStart.getNano();
        }

        @Override
        synchronized void restart() {
            now = 0;
        }

        @Override
        synchronized long wallNanos() {
            return wallStart + now;
        }

        @Override
        synchronized long monotonicNanos() {
            return now;
        }

        @Override
        synchronized void sleepUntil(long deadline) {
            if (deadline > now) {
                now = deadline;
            }
        }
    }
}
