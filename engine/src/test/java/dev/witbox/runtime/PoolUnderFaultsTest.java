package dev.witbox.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witbox.api.PluginTimeoutException;
import dev.witbox.api.PluginTrapException;
import dev.witbox.api.value.WitValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Load with injected faults: 10,000 calls (or {@code -Dwitbox.soak.calls=N}) from 64 threads over a pool of 8
 * instances of {@code pool-probe}, 5% into an export that traps, 2% into one that spins past the call timeout, 1%
 * memory bombs under a budget, the rest {@code square(x)}, checked against Java's own arithmetic. Every fault
 * becomes its exception, every normal call its right value; afterwards every instance is accounted for and the
 * threads and the heap are back where they started.
 *
 * <p>The call timeout (1 s) is what the 200 spinning calls cost (25 s over 8 instances); with 250 and 600 ms a
 * {@code square} call now and then ran past its deadline while 64 threads shared 2 cores with other builds (the
 * deadline is wall-clock time: a thread not scheduled for that long times out).
 */
class PoolUnderFaultsTest {

    private enum Kind { SQUARE, CRASH, SPIN, BOMB }

    private static final int THREADS = 64;
    private static final int POOL = 8;
    /** The probe starts with 258 pages (16.1 MiB); a bomb may add about 8 MiB. */
    private static final long MAX_INSTANCE_BYTES = 24L << 20;

    @Test
    void faultsStayInTheirCallsAndThePoolComesOutWhole() throws Exception {
        int calls = Integer.getInteger("witbox.soak.calls", 10_000);
        List<Kind> plan = plan(calls);
        Plugin probe = PluginPoolTest.PROBE;
        PoolOptions options = PoolOptions.builder().maxSize(POOL).callTimeout(Duration.ofSeconds(1))
                .acquireTimeout(Duration.ofMinutes(2)).maxInstanceMemoryBytes(MAX_INSTANCE_BYTES)
                .memoryBudgetBytes(POOL * MAX_INSTANCE_BYTES).build();
        // warm up the shared threads (deadline watchdog, pool maintenance) so that they are in the baseline
        try (PluginPool warm = probe.pool(options)) {
            warm.call("square", new WitValue.U32(3));
        }
        Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
        long heapBefore = usedHeap();

        Map<Kind, Integer> seen = new EnumMap<>(Kind.class);
        PoolStats stats;
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try (PluginPool pool = probe.pool(options)) {
            List<Future<Kind>> results = new ArrayList<>();
            Random random = new Random(15);
            for (Kind kind : plan) {
                long x = random.nextInt() & 0xffffffffL;
                results.add(threads.submit(() -> call(pool, kind, x)));
            }
            for (Future<Kind> f : results) {
                seen.merge(f.get(5, TimeUnit.MINUTES), 1, Integer::sum);
            }
            stats = pool.stats();
            assertThat(stats.active()).as("instances still lent").isZero();
            // none may be idle: the slowest calls (spinning ones, a second each) tend to end last, and each drops
            // its instance; what counts is that every instance is accounted for and the pool serves on
            assertThat(stats.idle()).isBetween(0, POOL);
            assertThat(stats.created() - stats.discarded()).as("instances made, less those dropped")
                    .isEqualTo(stats.idle());
            assertThat(stats.timeouts()).isEqualTo(count(plan, Kind.SPIN));
            assertThat(stats.traps()).isEqualTo(count(plan, Kind.CRASH) + count(plan, Kind.SPIN));
            assertThat(stats.calls()).isEqualTo(calls);
            assertThat(stats.discarded()).as("instances dropped: one per trap or timeout, no healthy one")
                    .isEqualTo(stats.traps());
            assertThat(call(pool, Kind.SQUARE, 46_341)).isEqualTo(Kind.SQUARE);
            assertThat(pool.stats().idle()).isBetween(1, POOL);
        } finally {
            threads.shutdown();
            assertThat(threads.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        }
        for (Kind kind : Kind.values()) {
            assertThat(seen.getOrDefault(kind, 0)).as(kind.name()).isEqualTo(count(plan, kind));
        }
        // the JVM starts and stops threads of its own (compiler threads come and go): count witbox's and the test's.
        // An executor is terminated once its workers have finished their last task, a moment before their threads
        // have exited, so a thread still on its way out is joined (for a bounded time) before it counts as leaked.
        List<Thread> leftBehind = newThreads(threadsBefore);
        for (Thread t : leftBehind) {
            t.join(TimeUnit.SECONDS.toMillis(10));
        }
        assertThat(newThreads(threadsBefore)).as("threads left behind").isEmpty();
        long heapAfter = usedHeap();
        assertThat(heapAfter).as("used heap after GC (before: %d bytes)", heapBefore)
                .isLessThanOrEqualTo(heapBefore + Math.max(heapBefore / 10, 4L << 20));
    }

    /** Makes one call and checks its outcome against what {@code kind} must give; returns {@code kind}. */
    private static Kind call(PluginPool pool, Kind kind, long x) {
        switch (kind) {
            case SQUARE -> {
                WitValue result = pool.call("square", new WitValue.U32(x));
                assertThat(result).isEqualTo(new WitValue.U64(x * x));
            }
            case CRASH -> {
                try {
                    pool.call("crash");
                    throw new AssertionError("crash returned");
                } catch (PluginTrapException e) {
                    assertThat(e).isNotInstanceOf(PluginTimeoutException.class);
                    assertThat(e.getMessage()).startsWith("plugin 'pool-probe' trapped in 'crash': ");
                }
            }
            case SPIN -> {
                try {
                    pool.call("spin");
                    throw new AssertionError("spin returned");
                } catch (PluginTimeoutException e) {
                    assertThat(e.getMessage()).startsWith("plugin 'pool-probe' trapped in 'spin': ");
                }
            }
            case BOMB -> {
                long pages = ((WitValue.U32) pool.call("bomb")).value();
                assertThat(pages * 65536).isPositive().isLessThanOrEqualTo(MAX_INSTANCE_BYTES);
            }
        }
        return kind;
    }

    private static List<Kind> plan(int calls) {
        List<Kind> plan = new ArrayList<>(calls);
        for (int i = 0; i < calls; i++) {
            int p = i % 100;
            plan.add(p < 5 ? Kind.CRASH : p < 7 ? Kind.SPIN : p < 8 ? Kind.BOMB : Kind.SQUARE);
        }
        Collections.shuffle(plan, new Random(15));
        return plan;
    }

    private static List<Thread> newThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t))
                .filter(t -> t.getName().startsWith("witbox-") || t.getName().startsWith("pool-")).toList();
    }

    private static long count(List<Kind> plan, Kind kind) {
        return plan.stream().filter(k -> k == kind).count();
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
