package dev.witbox.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witbox.api.PluginTimeoutException;
import dev.witbox.api.PluginTrapException;
import dev.witbox.api.WasmPlugin;
import dev.witbox.runtime.PluginPool;
import dev.witbox.runtime.PoolStats;
import dev.witbox.spring.guests.poolprobe.PoolProbe;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load with injected faults while the plugin is hot-reloaded (issue 15, section 3, with the starter): 64 threads
 * make 200 calls through an injected {@link PoolProbe} over a pool of 4 — 5% into an export that traps, 2% into
 * one that spins past the call timeout, 1% memory bombs under a memory limit, the rest {@code square(x)}, checked
 * against Java's own arithmetic — while a new version of the plugin is swapped in after every 40 calls handed
 * out (5 swaps, each with calls in flight or waiting for an instance). Every normal call returns its right value,
 * every fault becomes its exception, every call is counted by exactly one generation's pool, every retired pool
 * ends empty, and the threads and the heap are back where they started.
 *
 * <p>The two versions are the same component, the second with a custom section appended: a different file (so a
 * real swap, a new {@code Plugin} and pool each time) whose behaviour the reference values still describe.
 * {@code PoolUnderFaultsTest} (engine) runs the same mix 50 times longer without the starter, and
 * {@code FaultSoak} (benchmarks) for as long as wanted.
 */
class HotReloadUnderFaultsTests {

    private enum Kind { SQUARE, CRASH, SPIN, BOMB }

    private static final int CALLS = 200;
    /** A new version is swapped in after every this many calls handed to the callers. */
    private static final int CALLS_PER_RELOAD = 40;
    private static final int THREADS = 64;
    /** Each generation makes its instances afresh (0.07 to 1 s each at a load average of 14): the main cost. */
    private static final int POOL = 4;
    /**
     * Long enough for a {@code square} call, whose deadline is wall-clock time, on a loaded 2-core machine while the
     * spinning calls burn the CPU until theirs (with 1 s a square call now and then timed out, at a load average of
     * 14); each spinning call costs this much CPU time, which is what keeps the call count low.
     */
    private static final String CALL_TIMEOUT = "2s";
    /** The probe starts with 258 pages (16.1 MiB); a bomb may add about 8 MiB. */
    private static final long MAX_INSTANCE_BYTES = 24L << 20;

    @TempDir
    Path tmp;

    static class Caller {
        final PoolProbe probe;

        Caller(@WasmPlugin("probe") PoolProbe probe) {
            this.probe = probe;
        }
    }

    @Test
    void faultsUnderRepeatedHotReloadStayInTheirCallsAndLeaveNothingBehind() throws Exception {
        byte[] first = Files.readAllBytes(TestPlugins.guest("pool-probe.wasm"));
        byte[] second = withCustomSection(first, "witbox-test-version", "2");
        Path file = tmp.resolve("plugins/probe.wasm");
        put(file, first);
        String probe = "witbox.plugins.instances.probe.";
        TestPlugins.runner().withPropertyValues("witbox.plugins.locations=file:" + tmp + "/plugins/",
                probe + "pool.max-size=" + POOL,
                probe + "pool.acquire-timeout=2m",
                probe + "pool.memory-budget=" + (POOL * MAX_INSTANCE_BYTES >> 20) + "MB",
                probe + "memory.max=" + (MAX_INSTANCE_BYTES >> 20) + "MB",
                probe + "call-timeout=" + CALL_TIMEOUT)
                .withBean(Caller.class).run(context -> {
                    PoolProbe plugin = context.getBean(Caller.class).probe;
                    WitboxPlugins plugins = context.getBean(WitboxPlugins.class);
                    ManagedPlugin managed = plugins.get("probe");
                    AtomicInteger version = new AtomicInteger();
                    Runnable swap = () -> {
                        put(file, version.incrementAndGet() % 2 == 1 ? second : first);
                        assertThat(plugins.reload("probe")).isTrue();
                    };
                    // warm up: a reload and a call of each kind start whatever the engine starts once
                    swap.run();
                    for (Kind kind : Kind.values()) {
                        call(plugin, kind, 7);
                    }
                    // the baseline: a fresh generation, which makes no instance before its first call
                    swap.run();
                    List<PluginPool> generations = new ArrayList<>(List.of(managed.pool()));
                    Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
                    long heapBefore = usedHeap();

                    List<Kind> plan = plan();
                    Map<Kind, Integer> seen = new EnumMap<>(Kind.class);
                    ExecutorService threads = Executors.newFixedThreadPool(THREADS, r -> new Thread(r, "test-caller"));
                    try {
                        List<Future<Kind>> results = new ArrayList<>();
                        Random random = new Random(15);
                        for (int i = 0; i < plan.size(); i++) {
                            Kind kind = plan.get(i);
                            long x = random.nextInt() & 0xffffffffL;
                            results.add(threads.submit(() -> call(plugin, kind, x)));
                            // a new version after every 40 calls handed out, while they run or wait for an instance:
                            // the same number of swaps on a quiet or a loaded machine
                            if ((i + 1) % CALLS_PER_RELOAD == 0) {
                                swap.run();
                                generations.add(managed.pool());
                            }
                        }
                        for (Future<Kind> f : results) {
                            seen.merge(f.get(5, TimeUnit.MINUTES), 1, Integer::sum);
                        }
                    } finally {
                        threads.shutdown();
                        assertThat(threads.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
                    }
                    for (Kind kind : Kind.values()) {
                        assertThat(seen.getOrDefault(kind, 0)).as(kind.name()).isEqualTo(count(plan, kind));
                    }
                    // the last generation that served retires too: every pool has then lent and kept nothing
                    swap.run();
                    long calls = 0;
                    long traps = 0;
                    long timeouts = 0;
                    int served = 0;
                    for (PluginPool pool : generations) {
                        PoolStats s = pool.stats();
                        served += s.calls() > 0 ? 1 : 0;
                        calls += s.calls();
                        traps += s.traps();
                        timeouts += s.timeouts();
                        assertThat(s.active()).as("instances still lent by a retired pool").isZero();
                        assertThat(s.idle()).as("instances left in a retired pool").isZero();
                        assertThat(s.created()).as("instances made by a retired pool, all dropped")
                                .isEqualTo(s.discarded());
                        assertThat(s.memoryInUseBytes()).as("memory held by a retired pool").isZero();
                    }
                    assertThat(calls).as("calls, each counted by one generation").isEqualTo(CALLS);
                    assertThat(served).as("generations that served calls").isGreaterThan(CALLS / CALLS_PER_RELOAD / 2);
                    assertThat(timeouts).isEqualTo(count(plan, Kind.SPIN));
                    assertThat(traps).isEqualTo(count(plan, Kind.CRASH) + count(plan, Kind.SPIN));
                    generations.clear();

                    // the test's threads are joined above; a worker of the executor may still be on its way out
                    for (Thread t : newThreads(threadsBefore)) {
                        t.join(TimeUnit.SECONDS.toMillis(10));
                    }
                    assertThat(newThreads(threadsBefore)).as("threads left behind").isEmpty();
                    long heapAfter = usedHeap();
                    assertThat(heapAfter).as("used heap after GC (before: %d bytes)", heapBefore)
                            .isLessThanOrEqualTo(heapBefore + Math.max(heapBefore / 10, 4L << 20));
                });
    }

    /** Makes one call through the injected interface and checks its outcome against what {@code kind} must give. */
    private static Kind call(PoolProbe probe, Kind kind, long x) {
        switch (kind) {
            case SQUARE -> assertThat(probe.square(x)).as("square(%d)", x).isEqualTo(x * x);
            case CRASH -> {
                try {
                    probe.crash();
                    throw new AssertionError("crash returned");
                } catch (PluginTrapException e) {
                    assertThat(e).isNotInstanceOf(PluginTimeoutException.class);
                    assertThat(e.getMessage()).startsWith("plugin 'probe' trapped in 'crash': ");
                }
            }
            case SPIN -> {
                try {
                    probe.spin();
                    throw new AssertionError("spin returned");
                } catch (PluginTimeoutException e) {
                    assertThat(e.getMessage()).startsWith("plugin 'probe' trapped in 'spin': ");
                }
            }
            case BOMB -> assertThat(probe.bomb() * 65536).isPositive().isLessThanOrEqualTo(MAX_INSTANCE_BYTES);
        }
        return kind;
    }

    private static List<Kind> plan() {
        List<Kind> plan = new ArrayList<>(CALLS);
        for (int i = 0; i < CALLS; i++) {
            int p = i % 100;
            plan.add(p < 5 ? Kind.CRASH : p < 7 ? Kind.SPIN : p < 8 ? Kind.BOMB : Kind.SQUARE);
        }
        Collections.shuffle(plan, new Random(15));
        return plan;
    }

    /** {@code component} with a custom section appended: another file, the same component to run. */
    private static byte[] withCustomSection(byte[] component, String name, String payload) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        byte[] p = payload.getBytes(StandardCharsets.UTF_8);
        int size = 1 + n.length + p.length;
        assertThat(size).as("one-byte LEB128 sizes").isLessThan(128);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(component);
        out.write(0); // custom section
        out.write(size);
        out.write(n.length);
        out.writeBytes(n);
        out.writeBytes(p);
        return out.toByteArray();
    }

    private static void put(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Path next = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(next, bytes);
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<Thread> newThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t))
                .filter(t -> t.getName().startsWith("witbox-") || t.getName().startsWith("test-")).toList();
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
