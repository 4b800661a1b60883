package dev.witbox.benchmarks;

import dev.witbox.api.PluginTimeoutException;
import dev.witbox.api.PluginTrapException;
import dev.witbox.api.value.WitValue;
import dev.witbox.runtime.Plugin;
import dev.witbox.runtime.PluginPool;
import dev.witbox.runtime.PoolOptions;
import dev.witbox.runtime.PoolStats;
import dev.witbox.runtime.WitboxEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The long form of {@code PoolUnderFaultsTest} (engine tests): for a set time, 64 threads call a pool of 8
 * {@code pool-probe} instances — 5% {@code crash} (traps), 2% {@code spin} (runs past the 1 s call timeout), 1%
 * {@code bomb} (grows its memory until the 24 MiB instance limit refuses), the rest {@code square(x)}, checked
 * against Java's own {@code x * x} — and then reports the calls, the faults by kind, the wrong results, what the
 * pool counted, the threads left behind and the heap in use after full collections at the start and the end.
 *
 * <pre>
 * java -Dwitbox.soak.minutes=60 -Xmx1g -cp benchmarks/target/benchmarks.jar dev.witbox.benchmarks.FaultSoak
 * </pre>
 *
 * <p>Not a JMH benchmark: the figures are counts, not timings. Prints {@code RESULT name value} lines and a last
 * line {@code soak: PASS} or {@code soak: FAIL (reasons)}; the exit status is 1 on failure. Properties:
 * {@code witbox.soak.minutes} (default 1, fractions allowed), {@code witbox.soak.threads} (64),
 * {@code witbox.soak.pool} (8), {@code witbox.soak.seed} (15).
 */
public final class FaultSoak {

    private enum Kind { SQUARE, CRASH, SPIN, BOMB }

    /** The probe starts with 258 pages (16.1 MiB); a bomb may add about 8 MiB. */
    private static final long MAX_INSTANCE_BYTES = 24L << 20;
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(1);
    /** How many unexpected outcomes are printed in full; all are counted. */
    private static final int SHOWN = 10;

    private final int threads;
    private final int poolSize;
    private final long seed;
    private final Map<Kind, LongAdder> outcomes = new EnumMap<>(Kind.class);
    private final LongAdder wrong = new LongAdder();
    private final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
    private final AtomicLong unexpectedCount = new AtomicLong();

    private FaultSoak(int threads, int poolSize, long seed) {
        this.threads = threads;
        this.poolSize = poolSize;
        this.seed = seed;
        for (Kind k : Kind.values()) {
            outcomes.put(k, new LongAdder());
        }
    }

    public static void main(String[] args) throws Exception {
        double minutes = Double.parseDouble(System.getProperty("witbox.soak.minutes", "1"));
        FaultSoak soak = new FaultSoak(Integer.getInteger("witbox.soak.threads", 64),
                Integer.getInteger("witbox.soak.pool", 8), Long.getLong("witbox.soak.seed", 15));
        List<String> failures = soak.run(Duration.ofMillis((long) (minutes * 60_000)));
        System.out.println(failures.isEmpty() ? "soak: PASS" : "soak: FAIL (" + String.join("; ", failures) + ")");
        System.exit(failures.isEmpty() ? 0 : 1);
    }

    /** Runs the soak for {@code duration}; returns what went wrong (nothing when it passed). */
    private List<String> run(Duration duration) throws InterruptedException {
        Plugin probe = WitboxEngine.create().load("pool-probe", Guests.bytes("pool-probe.wasm"));
        PoolOptions options = PoolOptions.builder().maxSize(poolSize).callTimeout(CALL_TIMEOUT)
                .acquireTimeout(Duration.ofMinutes(2)).maxInstanceMemoryBytes(MAX_INSTANCE_BYTES)
                .memoryBudgetBytes(poolSize * MAX_INSTANCE_BYTES).build();
        // warm up the shared threads (deadline watchdog, pool maintenance) so that they are in the baseline
        try (PluginPool warm = probe.pool(options)) {
            warm.call("square", new WitValue.U32(3));
        }
        Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
        long heapBefore = usedHeap();
        result("heap-start-bytes", heapBefore);

        long start = System.nanoTime();
        long end = start + duration.toNanos();
        PoolStats stats;
        long poolHeap;
        try (PluginPool pool = probe.pool(options)) {
            List<Thread> callers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Random random = new Random(seed * 1_000_003 + t);
                Thread caller = new Thread(() -> {
                    while (System.nanoTime() < end) {
                        call(pool, kind(random.nextInt(100)), random.nextInt() & 0xffffffffL);
                    }
                }, "soak-caller-" + t);
                caller.start();
                callers.add(caller);
            }
            long nextReport = start + Duration.ofMinutes(1).toNanos();
            for (Thread caller : callers) {
                while (caller.isAlive()) {
                    caller.join(1_000);
                    if (System.nanoTime() >= nextReport) {
                        nextReport += Duration.ofMinutes(1).toNanos();
                        System.err.printf(Locale.ROOT, "soak: %.1f min, %d calls, %d unexpected%n",
                                (System.nanoTime() - start) / 6e10, total(), unexpectedCount.get());
                    }
                }
            }
            stats = pool.stats();
            poolHeap = usedHeap();
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        List<Thread> leftBehind = newThreads(threadsBefore);
        for (Thread t : leftBehind) {
            t.join(10_000);
        }
        leftBehind = newThreads(threadsBefore);
        long heapAfter = usedHeap();

        long calls = total();
        result("seconds", Math.round(seconds));
        result("threads", threads);
        result("pool-size", poolSize);
        result("calls", calls);
        for (Kind k : Kind.values()) {
            result("calls-" + k.name().toLowerCase(Locale.ROOT), outcomes.get(k).sum());
        }
        result("wrong-results", wrong.sum());
        result("unexpected-outcomes", unexpectedCount.get());
        unexpected.forEach(u -> System.out.println("UNEXPECTED " + u));
        result("pool-calls", stats.calls());
        result("pool-traps", stats.traps());
        result("pool-timeouts", stats.timeouts());
        result("pool-instances-created", stats.created());
        result("pool-instances-discarded", stats.discarded());
        result("pool-instances-idle", stats.idle());
        result("pool-instances-lent", stats.active());
        result("heap-pool-open-bytes", poolHeap);
        result("heap-end-bytes", heapAfter);
        result("threads-left-behind", leftBehind.size());

        List<String> failures = new ArrayList<>();
        check(failures, calls >= 10_000, "fewer than 10,000 calls (" + calls + "): run longer");
        check(failures, wrong.sum() == 0, wrong.sum() + " wrong results");
        check(failures, unexpectedCount.get() == 0, unexpectedCount.get() + " calls ended otherwise than their kind must");
        check(failures, stats.calls() == calls, "the pool counted " + stats.calls() + " calls, the callers " + calls);
        check(failures, stats.timeouts() == outcomes.get(Kind.SPIN).sum(), "the pool counted " + stats.timeouts()
                + " timeouts, the callers " + outcomes.get(Kind.SPIN).sum());
        long traps = outcomes.get(Kind.CRASH).sum() + outcomes.get(Kind.SPIN).sum();
        check(failures, stats.traps() == traps, "the pool counted " + stats.traps() + " traps, the callers " + traps);
        check(failures, stats.active() == 0, stats.active() + " instances still lent");
        check(failures, stats.created() - stats.discarded() == stats.idle(), "instances made less those dropped ("
                + (stats.created() - stats.discarded()) + ") is not the idle count (" + stats.idle() + ")");
        check(failures, leftBehind.isEmpty(), "threads left behind: " + leftBehind);
        check(failures, heapAfter <= heapBefore + Math.max(heapBefore / 10, 4L << 20),
                "heap in use after GC grew from " + heapBefore + " to " + heapAfter + " bytes");
        return failures;
    }

    private static Kind kind(int percent) {
        return percent < 5 ? Kind.CRASH : percent < 7 ? Kind.SPIN : percent < 8 ? Kind.BOMB : Kind.SQUARE;
    }

    /** Makes one call; counts it under its kind when it ended as that kind must, as unexpected otherwise. */
    private void call(PluginPool pool, Kind kind, long x) {
        try {
            switch (kind) {
                case SQUARE -> {
                    WitValue result = pool.call("square", new WitValue.U32(x));
                    if (!result.equals(new WitValue.U64(x * x))) {
                        wrong.increment();
                        unexpected("square(" + x + ") returned " + result + ", not " + Long.toUnsignedString(x * x));
                        return;
                    }
                }
                case CRASH -> {
                    pool.call("crash");
                    unexpected("crash returned");
                    return;
                }
                case SPIN -> {
                    pool.call("spin");
                    unexpected("spin returned");
                    return;
                }
                case BOMB -> {
                    long pages = ((WitValue.U32) pool.call("bomb")).value();
                    if (pages <= 0 || pages * 65536 > MAX_INSTANCE_BYTES) {
                        unexpected("bomb got " + pages + " pages");
                        return;
                    }
                }
            }
        } catch (PluginTimeoutException e) {
            if (kind != Kind.SPIN || !e.getMessage().startsWith("plugin 'pool-probe' trapped in 'spin': ")) {
                unexpected(kind + ": " + e);
                return;
            }
        } catch (PluginTrapException e) {
            if (kind != Kind.CRASH || !e.getMessage().startsWith("plugin 'pool-probe' trapped in 'crash': ")) {
                unexpected(kind + ": " + e);
                return;
            }
        } catch (RuntimeException | Error e) {
            unexpected(kind + ": " + e);
            return;
        }
        outcomes.get(kind).increment();
    }

    private void unexpected(String what) {
        if (unexpectedCount.incrementAndGet() <= SHOWN) {
            unexpected.add(what);
        }
    }

    private long total() {
        long n = unexpectedCount.get();
        for (LongAdder a : outcomes.values()) {
            n += a.sum();
        }
        return n;
    }

    private static void check(List<String> failures, boolean ok, String failure) {
        if (!ok) {
            failures.add(failure);
        }
    }

    private static void result(String name, long value) {
        System.out.println("RESULT " + name + " " + value);
    }

    private static List<Thread> newThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t))
                .filter(t -> t.getName().startsWith("witbox-") || t.getName().startsWith("soak-")).toList();
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
