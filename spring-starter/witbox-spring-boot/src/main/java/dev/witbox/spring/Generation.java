package dev.witbox.spring;

import dev.witbox.runtime.Plugin;
import dev.witbox.runtime.PluginPool;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One loaded version of a plugin: its {@link Plugin}, its pool and the interfaces bound to that pool. A reload
 * makes a new generation and retires the old one, which closes its pool once the calls in flight on it are done:
 * callers {@link #enter()} before a call and {@link #exit()} after, so no call ever meets a closed pool.
 */
final class Generation {

    final Plugin plugin;
    final PluginPool pool;
    final String source;
    final String sha256;
    final Instant loadedAt = Instant.now();
    private final ConcurrentHashMap<Class<?>, Object> bindings = new ConcurrentHashMap<>();
    /** Calls in flight times two, plus one once retired: one atomic word, so entering and retiring cannot race. */
    private final AtomicInteger state = new AtomicInteger();

    Generation(Plugin plugin, PluginPool pool, String source, String sha256) {
        this.plugin = plugin;
        this.pool = pool;
        this.source = source;
        this.sha256 = sha256;
    }

    /** The pool's implementation of generated interface {@code type}, bound (and checked) once. */
    <T> T binding(Class<T> type) {
        return type.cast(bindings.computeIfAbsent(type, pool::bind));
    }

    /** Counts a call in; false when this generation is retired (the caller takes the current one instead). */
    boolean enter() {
        for (;;) {
            int s = state.get();
            if ((s & 1) != 0) {
                return false;
            }
            if (state.compareAndSet(s, s + 2)) {
                return true;
            }
        }
    }

    void exit() {
        if (state.addAndGet(-2) == 1) {
            pool.close(); // retired, and this was the last call in flight
        }
    }

    /** No new calls; the pool closes when the last call in flight exits (now, if there is none). */
    void retire() {
        int before = state.getAndUpdate(s -> s | 1);
        if (before == 0) {
            pool.close();
        }
    }

    int inFlight() {
        return state.get() >> 1;
    }

    /** Waits until no call is in flight, at most {@code grace}; true when drained. */
    boolean awaitDrained(Duration grace) throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        while (inFlight() > 0) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }
}
