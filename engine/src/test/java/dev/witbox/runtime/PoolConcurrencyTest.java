package dev.witbox.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.witbox.api.PluginTrapException;
import dev.witbox.api.value.WitValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Many callers on one pool, on platform threads and (on Java 21 and later, where they exist) virtual threads:
 * every result must be the caller's own. And deep recursion, which must end as a trap on any kind of thread
 * and in either execution mode.
 */
class PoolConcurrencyTest {

    private static final int CALLS = 10_000;
    private static final int THREADS = 64;

    @Test
    void tenThousandCallsFrom64PlatformThreadsAllGetTheirOwnResult() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            runCalls(threads);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void tenThousandCallsFrom64VirtualThreadsAllGetTheirOwnResult() throws Exception {
        assumeTrue(Runtime.version().feature() >= 21, "virtual threads need Java 21 (this is the Java 17 build)");
        ExecutorService threads = virtualThreads();
        try {
            runCalls(threads);
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * {@link #CALLS} calls from {@link #THREADS} callers at once: squares, and leases that keep a secret of
     * their own for two calls. A crossed wire — two callers on one instance, or a reset that leaked — shows
     * up as a wrong result.
     */
    private static void runCalls(ExecutorService threads) throws Exception {
        PoolOptions options = PoolOptions.builder().acquireTimeout(Duration.ofMinutes(2)).build();
        try (PluginPool pool = PluginPoolTest.PROBE.pool(options)) {
            PooledFunction square = pool.function("square");
            List<Future<?>> futures = new ArrayList<>(CALLS);
            for (int i = 0; i < CALLS; i++) {
                int k = i;
                futures.add(threads.submit(() -> {
                    if (k % 4 == 0) {
                        String secret = "secret-" + k;
                        try (PooledInstance lease = pool.acquire()) {
                            assertThat(lease.instance().call("recall")).isEqualTo(new WitValue.Str(""));
                            lease.instance().call("remember", new WitValue.Str(secret));
                            assertThat(lease.instance().call("recall")).isEqualTo(new WitValue.Str(secret));
                        }
                    } else {
                        long x = 100_000L + k;
                        assertThat(square.call(new WitValue.U32(x))).isEqualTo(new WitValue.U64(x * x));
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(5, TimeUnit.MINUTES);
            }
            PoolStats stats = pool.stats();
            assertThat(stats.calls()).isEqualTo(CALLS / 4 * 3 + CALLS / 4 * 3L);
            assertThat(stats.traps()).isZero();
            assertThat(stats.active()).isZero();
            assertThat(stats.created()).isLessThanOrEqualTo(options.maxSize());
            assertThat(stats.notResettable()).isZero();
            assertThat(stats.memoryInUseBytes()).isEqualTo(stats.idle() * PluginPoolTest.INITIAL_BYTES);
        }
    }

    @ParameterizedTest(name = "interpreted={0}")
    @ValueSource(booleans = {false, true})
    void deepRecursionTrapsAndThePoolCarriesOn(boolean interpreted) {
        WitboxEngine engine = WitboxEngine.builder().interpreted(interpreted).build();
        Plugin probe = engine.load(Guests.OUT.resolve("pool-probe.wasm"));
        try (PluginPool pool = probe.pool(PluginPoolTest.oneInstance().build())) {
            assertRecursionTraps(pool);
        }
    }

    @Test
    void deepRecursionTrapsOnAVirtualThreadToo() throws Exception {
        assumeTrue(Runtime.version().feature() >= 21, "virtual threads need Java 21 (this is the Java 17 build)");
        ExecutorService threads = virtualThreads();
        try (PluginPool pool = PluginPoolTest.PROBE.pool(PluginPoolTest.oneInstance().build())) {
            threads.submit(() -> assertRecursionTraps(pool)).get(5, TimeUnit.MINUTES);
        } finally {
            threads.shutdownNow();
        }
    }

    private static void assertRecursionTraps(PluginPool pool) {
        assertThatThrownBy(() -> pool.call("recurse", new WitValue.U32(100_000_000)))
                .isInstanceOf(PluginTrapException.class)
                .hasMessageStartingWith("plugin 'pool-probe' trapped in 'recurse': ")
                .hasMessageContaining("call depth exceeded");
        assertThat(pool.stats().discarded()).isEqualTo(1);
        assertThat(pool.stats().memoryInUseBytes()).isZero();
        assertThat(pool.call("recurse", new WitValue.U32(100))).isNotNull();
        assertThat(pool.call("square", new WitValue.U32(9))).isEqualTo(new WitValue.U64(81));
    }

    /** {@code Executors.newVirtualThreadPerTaskExecutor()}, looked up at run time: this code is built for Java 17. */
    private static ExecutorService virtualThreads() throws ReflectiveOperationException {
        return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    }
}
