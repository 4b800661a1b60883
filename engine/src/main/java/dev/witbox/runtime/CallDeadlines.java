package dev.witbox.runtime;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Enforces call timeouts by interrupting the calling thread: Chicory checks the interrupt flag at calls
 * and loop back-edges and then throws, which the adapter reports as a trap.
 */
final class CallDeadlines {

    private static final CallDeadlines SHARED = new CallDeadlines();

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "witbox-call-deadlines");
        t.setDaemon(true);
        return t;
    });

    static CallDeadlines shared() {
        return SHARED;
    }

    /** An armed deadline for the current thread; {@link Armed#close()} disarms it. */
    Armed arm(Duration timeout) {
        return new Armed(Thread.currentThread(), timeout);
    }

    final class Armed implements AutoCloseable {
        private final Thread thread;
        private final ScheduledFuture<?> task;
        private boolean done;
        private boolean fired;

        private Armed(Thread thread, Duration timeout) {
            this.thread = thread;
            this.task = timer.schedule(this::fire, timeout.toNanos(), TimeUnit.NANOSECONDS);
        }

        private synchronized void fire() {
            if (!done) {
                fired = true;
                thread.interrupt();
            }
        }

        synchronized boolean fired() {
            return fired;
        }

        @Override
        public void close() {
            synchronized (this) {
                done = true;
            }
            task.cancel(false);
            if (fired()) {
                // the interrupt was ours, not the caller's: do not leak it into their code
                Thread.interrupted();
            }
        }
    }
}
