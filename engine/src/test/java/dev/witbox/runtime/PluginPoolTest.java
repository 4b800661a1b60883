package dev.witbox.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witbox.api.PluginBusyException;
import dev.witbox.api.PluginTimeoutException;
import dev.witbox.api.PluginTrapException;
import dev.witbox.api.WitboxException;
import dev.witbox.api.value.WitValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The instance pool's behaviour with the pool-probe guest: isolation, limits, memory accounting, eviction and
 * failure handling. Nothing here sleeps to wait for something to happen: time that matters is either a fake
 * ticker or a deadline the pool itself enforces.
 */
class PluginPoolTest {

    static final WitboxEngine ENGINE = WitboxEngine.create();
    static final Plugin PROBE = ENGINE.load(Guests.OUT.resolve("pool-probe.wasm"));
    /** pool-probe's initial memory: 258 pages (a 16 MiB static scratch area). */
    static final long INITIAL_BYTES = 258L * 65536;
    static final String SECRET = "s3cr3t-correct-horse";

    static WitValue.Str str(String s) {
        return new WitValue.Str(s);
    }

    static PoolOptions.Builder oneInstance() {
        return PoolOptions.builder().maxSize(1);
    }

    @Test
    void freshIsolationLeavesNothingOfOneCallerForTheNext() {
        try (PluginPool pool = PROBE.pool(oneInstance().build())) {
            pool.call("remember", str(SECRET));
            // the same instance serves the next call (max size 1), reset to its snapshot in between
            assertThat(pool.call("occurrences", str(SECRET))).isEqualTo(new WitValue.U32(0));
            assertThat(pool.call("recall")).isEqualTo(str(""));
            assertThat(pool.call("count")).isEqualTo(new WitValue.U32(1));
            assertThat(pool.call("count")).isEqualTo(new WitValue.U32(1));
            PoolStats stats = pool.stats();
            assertThat(stats.created()).isEqualTo(1);
            assertThat(stats.reused()).isEqualTo(4);
            assertThat(stats.notResettable()).isZero();
        }
    }

    @Test
    void withinOneLeaseTheInstanceKeepsItsState() {
        try (PluginPool pool = PROBE.pool(oneInstance().build()); PooledInstance lease = pool.acquire()) {
            lease.instance().call("remember", str(SECRET));
            assertThat(lease.instance().call("recall")).isEqualTo(str(SECRET));
            // the static buffer and the heap copy
            assertThat(lease.instance().call("occurrences", str(SECRET))).isEqualTo(new WitValue.U32(2));
        }
    }

    @Test
    void reuseIsolationKeepsStateAcrossCalls() {
        try (PluginPool pool = PROBE.pool(oneInstance().isolation(Isolation.REUSE).build())) {
            assertThat(pool.call("count")).isEqualTo(new WitValue.U32(1));
            assertThat(pool.call("count")).isEqualTo(new WitValue.U32(2));
            pool.call("remember", str(SECRET));
            assertThat(pool.call("recall")).isEqualTo(str(SECRET));
            assertThat(pool.stats().created()).isEqualTo(1);
        }
    }

    @Test
    void resetRestoresWhatTheCallDirtiedAndDropsGrownPages() {
        try (PluginPool pool = PROBE.pool(oneInstance().build())) {
            PooledInstance lease = pool.acquire();
            Instantiation state = lease.entry().instance().instantiation();
            lease.instance().call("dirty", new WitValue.U32(1024));
            lease.instance().call("grow", new WitValue.U32(100));
            // 1 MiB of scratch, plus a few chunks of stack and data: proportional to what was touched
            assertThat(state.dirtyBytes()).isBetween(1L << 20, (1L << 20) + (64 << 10));
            assertThat(pool.stats().memoryInUseBytes()).isEqualTo(INITIAL_BYTES + 100 * 65536);
            lease.close();
            assertThat(state.dirtyBytes()).isZero();
            assertThat(pool.stats().memoryInUseBytes()).isEqualTo(INITIAL_BYTES);
            assertThat(pool.call("grow", new WitValue.U32(0))).isEqualTo(new WitValue.S32(258));
            assertThat(pool.call("dirty", new WitValue.U32(1))).isEqualTo(new WitValue.U32(120));
        }
    }

    @Test
    void aGrowPastTheBudgetGetsMinusOneAndIsCounted() {
        Events events = new Events();
        PoolOptions options = oneInstance()
                .memoryBudgetBytes(INITIAL_BYTES + 16 * 65536)
                .listener(events)
                .build();
        try (PluginPool pool = PROBE.pool(options); PooledInstance lease = pool.acquire()) {
            PluginInstance instance = lease.instance();
            assertThat(instance.call("grow", new WitValue.U32(16))).isEqualTo(new WitValue.S32(258));
            assertThat(instance.call("grow", new WitValue.U32(1))).isEqualTo(new WitValue.S32(-1));
            // the guest carries on
            assertThat(instance.call("grow", new WitValue.U32(0))).isEqualTo(new WitValue.S32(274));
            assertThat(pool.stats().growRefused()).isEqualTo(1);
            assertThat(events.refusals).containsExactly(PluginListener.GrowRefusal.PLUGIN_BUDGET);
            assertThat(events.lastInUse.get()).isEqualTo(INITIAL_BYTES + 16 * 65536);
        }
    }

    @Test
    void anInstanceTheBudgetCannotHoldIsRefusedWithAClearError() {
        PoolOptions options = PoolOptions.builder().maxSize(2).memoryBudgetBytes(INITIAL_BYTES + 65536).build();
        try (PluginPool pool = PROBE.pool(options); PooledInstance first = pool.acquire()) {
            assertThatThrownBy(pool::acquire)
                    .isInstanceOf(WitboxException.class)
                    .hasMessageContaining("plugin 'pool-probe' cannot make another instance")
                    .hasMessageContaining("memory budget of " + (INITIAL_BYTES + 65536) + " bytes is exhausted");
            // the failed attempt took nothing: the lent instance still works, and the slot is free again
            assertThat(first.instance().call("count")).isEqualTo(new WitValue.U32(1));
            assertThat(pool.stats().active()).isEqualTo(1);
            assertThat(pool.stats().memoryInUseBytes()).isEqualTo(INITIAL_BYTES);
        }
    }

    @Test
    void aMemoryBombGetsMinusOneAtTheInstanceMaximumAndTheHostIsFine() {
        Events events = new Events();
        PoolOptions options = oneInstance().maxInstanceMemoryBytes(300L * 65536).listener(events).build();
        try (PluginPool pool = PROBE.pool(options)) {
            // 258 + 16 + 16 = 290 pages; 306 would pass the 300-page maximum
            assertThat(pool.call("bomb")).isEqualTo(new WitValue.U32(32));
            assertThat(pool.call("grow", new WitValue.U32(0))).isEqualTo(new WitValue.S32(258));
            assertThat(events.refusals).containsExactly(PluginListener.GrowRefusal.INSTANCE_MAXIMUM);
            assertThat(pool.stats().memoryInUseBytes()).isEqualTo(INITIAL_BYTES);
        }
    }

    @Test
    void acquireTimesOutWithPluginBusyException() {
        Events events = new Events();
        PoolOptions options = oneInstance().acquireTimeout(Duration.ofMillis(50)).listener(events).build();
        try (PluginPool pool = PROBE.pool(options); PooledInstance held = pool.acquire()) {
            assertThatThrownBy(() -> pool.call("count"))
                    .isInstanceOf(PluginBusyException.class)
                    .hasMessage("plugin 'pool-probe' is busy: all 1 instances of its pool stayed in use for the acquire "
                            + "timeout of 50 ms (raise maxSize or acquireTimeout)");
            assertThat(pool.stats().busy()).isEqualTo(1);
            assertThat(events.busy.get()).isEqualTo(1);
            assertThat(held.instance().call("count")).isEqualTo(new WitValue.U32(1));
        }
    }

    @Test
    void aWaitingCallerGetsTheInstanceWhenItIsGivenBack() throws Exception {
        PoolOptions options = oneInstance().acquireTimeout(Duration.ofMinutes(1)).build();
        try (PluginPool pool = PROBE.pool(options)) {
            PooledInstance held = pool.acquire();
            CompletableFuture<WitValue> waiter = CompletableFuture.supplyAsync(() -> pool.call("count"));
            awaitUntil(() -> pool.stats().waits() == 1);
            assertThat(waiter).isNotDone();
            held.close();
            assertThat(waiter.get(1, TimeUnit.MINUTES)).isEqualTo(new WitValue.U32(1));
        }
    }

    @Test
    void idleInstancesAreEvictedAfterTheIdleTimeoutDownToMinIdle() {
        AtomicLong now = new AtomicLong();
        Events events = new Events();
        PoolOptions options = PoolOptions.builder().maxSize(3).minIdle(1).idleTimeout(Duration.ofMinutes(1))
                .ticker(now::get).listener(events).build();
        try (PluginPool pool = PROBE.pool(options)) {
            List<PooledInstance> leases = List.of(pool.acquire(), pool.acquire(), pool.acquire());
            leases.forEach(PooledInstance::close);
            assertThat(pool.stats().idle()).isEqualTo(3);
            now.addAndGet(Duration.ofSeconds(59).toNanos());
            pool.maintain();
            assertThat(pool.stats().idle()).isEqualTo(3);
            now.addAndGet(Duration.ofSeconds(1).toNanos());
            pool.maintain();
            PoolStats stats = pool.stats();
            assertThat(stats.idle()).isEqualTo(1);
            assertThat(stats.discarded()).isEqualTo(2);
            assertThat(stats.memoryInUseBytes()).isEqualTo(INITIAL_BYTES);
            assertThat(events.discards).containsExactly(PluginListener.DiscardReason.IDLE, PluginListener.DiscardReason.IDLE);
        }
    }

    @Test
    void minIdleInstancesAreMadeUpFrontAndToppedUp() {
        AtomicLong now = new AtomicLong();
        PoolOptions options = PoolOptions.builder().maxSize(4).minIdle(2).ticker(now::get).build();
        try (PluginPool pool = PROBE.pool(options)) {
            assertThat(pool.stats().idle()).isEqualTo(2);
            assertThat(pool.stats().created()).isEqualTo(2);
            try (PooledInstance lease = pool.acquire()) {
                lease.instance().call("crash");
            } catch (PluginTrapException expected) {
                // the instance is dropped when the lease ends
            }
            assertThat(pool.stats().idle()).isEqualTo(1);
            pool.maintain();
            assertThat(pool.stats().idle()).isEqualTo(2);
            assertThat(pool.stats().created()).isEqualTo(3);
        }
    }

    @Test
    void anInstanceIsReplacedAfterMaxUses() {
        Events events = new Events();
        try (PluginPool pool = PROBE.pool(oneInstance().maxUses(3).isolation(Isolation.REUSE).listener(events).build())) {
            List<WitValue> counts = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                counts.add(pool.call("count"));
            }
            assertThat(counts).extracting(v -> ((WitValue.U32) v).value())
                    .containsExactly(1L, 2L, 3L, 1L, 2L, 3L, 1L);
            assertThat(pool.stats().created()).isEqualTo(3);
            assertThat(events.discards).containsExactly(PluginListener.DiscardReason.MAX_USES,
                    PluginListener.DiscardReason.MAX_USES);
        }
    }

    @Test
    void aTrapDropsTheInstanceAndReturnsItsMemory() {
        Events events = new Events();
        try (PluginPool pool = PROBE.pool(oneInstance().listener(events).build())) {
            assertThatThrownBy(() -> pool.call("crash"))
                    .isInstanceOf(PluginTrapException.class)
                    .hasMessageStartingWith("plugin 'pool-probe' trapped in 'crash': ");
            PoolStats stats = pool.stats();
            assertThat(stats.discarded()).isEqualTo(1);
            assertThat(stats.traps()).isEqualTo(1);
            assertThat(stats.memoryInUseBytes()).isZero();
            assertThat(events.discards).containsExactly(PluginListener.DiscardReason.TRAPPED);
            assertThat(events.traps.get()).isEqualTo(1);
            assertThat(pool.call("count")).isEqualTo(new WitValue.U32(1));
            assertThat(pool.stats().created()).isEqualTo(2);
        }
    }

    @Test
    void aCallThatLoopsForeverIsInterruptedAtItsDeadline() {
        Events events = new Events();
        try (PluginPool pool = PROBE.pool(oneInstance().callTimeout(Duration.ofMillis(200)).listener(events).build())) {
            assertThatThrownBy(() -> pool.call("spin"))
                    .isInstanceOf(PluginTimeoutException.class)
                    .isInstanceOf(PluginTrapException.class)
                    .hasMessage("plugin 'pool-probe' trapped in 'spin': the call exceeded its timeout of 200 ms");
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
            PoolStats stats = pool.stats();
            assertThat(stats.timeouts()).isEqualTo(1);
            assertThat(stats.memoryInUseBytes()).isZero();
            assertThat(events.discards).containsExactly(PluginListener.DiscardReason.TIMED_OUT);
            assertThat(events.timeouts.get()).isEqualTo(1);
            assertThat(pool.call("square", new WitValue.U32(12))).isEqualTo(new WitValue.U64(144));
        }
    }

    @Test
    void aTimeoutOnOneInstanceDoesNotDisturbCallsOnOthers() throws Exception {
        PoolOptions options = PoolOptions.builder().maxSize(2).callTimeout(Duration.ofSeconds(2)).build();
        try (PluginPool pool = PROBE.pool(options)) {
            CompletableFuture<WitValue> spinning = CompletableFuture.supplyAsync(() -> pool.call("spin"));
            awaitUntil(() -> pool.stats().active() == 1);
            for (int i = 0; i < 200; i++) {
                assertThat(pool.call("square", new WitValue.U32(i))).isEqualTo(new WitValue.U64((long) i * i));
            }
            assertThatThrownBy(() -> spinning.get(1, TimeUnit.MINUTES)).hasCauseInstanceOf(PluginTimeoutException.class);
        }
    }

    @Test
    void aTrapInsideALeaseDropsTheInstanceWhenTheLeaseEnds() {
        try (PluginPool pool = PROBE.pool(oneInstance().build())) {
            PooledInstance lease = pool.acquire();
            assertThatThrownBy(() -> lease.instance().call("crash")).isInstanceOf(PluginTrapException.class);
            assertThatThrownBy(() -> lease.instance().call("count")).hasMessageContaining("trapped earlier");
            lease.close();
            lease.close();
            assertThat(pool.stats().discarded()).isEqualTo(1);
            assertThatThrownBy(lease::instance).hasMessageContaining("already given back");
            assertThat(pool.call("count")).isEqualTo(new WitValue.U32(1));
        }
    }

    @Test
    void importsAreMadeAfreshForEveryLeaseAndClosedAfterwards() {
        AtomicInteger made = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();
        PoolOptions options = oneInstance().imports(() -> {
            made.incrementAndGet();
            return HostImports.builder().onClose(closed::incrementAndGet).build();
        }).build();
        try (PluginPool pool = PROBE.pool(options)) {
            // the pool checks the link once up front (made and closed again)
            assertThat(made.get()).isEqualTo(1);
            assertThat(closed.get()).isEqualTo(1);
            pool.call("count");
            pool.call("count");
            assertThat(made.get()).isEqualTo(4);
            assertThat(closed.get()).isEqualTo(3);
        }
        assertThat(closed.get()).isEqualTo(4);
    }

    @Test
    void aClosedPoolRefusesCallsAndGivesAllMemoryBack() {
        PluginPool pool = PROBE.pool(PoolOptions.builder().minIdle(2).maxSize(3).build());
        PooledInstance lease = pool.acquire();
        pool.close();
        assertThatThrownBy(() -> pool.call("count")).hasMessage("the pool of plugin 'pool-probe' is closed");
        assertThat(pool.stats().memoryInUseBytes()).isEqualTo(INITIAL_BYTES);
        lease.close();
        assertThat(pool.stats().memoryInUseBytes()).isZero();
        assertThat(pool.stats().idle()).isZero();
    }

    @Test
    void anUnknownExportIsRefusedBeforeAnInstanceIsTaken() {
        try (PluginPool pool = PROBE.pool()) {
            assertThatThrownBy(() -> pool.function("nope"))
                    .hasMessageStartingWith("plugin 'pool-probe' has no export 'nope'; it exports: remember, recall");
            assertThat(pool.stats().created()).isZero();
        }
    }

    @Test
    void aPooledFunctionCallsThroughThePool() {
        try (PluginPool pool = PROBE.pool(oneInstance().build())) {
            PooledFunction square = pool.function("square");
            assertThat(square.export().name()).isEqualTo("square");
            assertThat(square.call(new WitValue.U32(7))).isEqualTo(new WitValue.U64(49));
            assertThat(pool.stats().calls()).isEqualTo(1);
        }
    }

    @Test
    void aHandleFromAnEarlierLeaseIsRefused() {
        Plugin resources = Guests.plugin("resources");
        String api = "demo:res/api@0.1.0#";
        try (PluginPool pool = resources.pool(oneInstance().build())) {
            WitValue handle;
            try (PooledInstance lease = pool.acquire()) {
                handle = lease.instance().call(api + "[constructor]counter", new WitValue.U32(5));
            }
            try (PooledInstance lease = pool.acquire()) {
                assertThatThrownBy(() -> lease.instance().call(api + "[method]counter.get", handle))
                        .isInstanceOf(PluginTrapException.class)
                        .hasMessageContaining("comes from an earlier lease of the pooled instance");
            }
        }
    }

    @Test
    void aListenerThatThrowsCannotBreakACall() {
        PluginListener broken = new PluginListener() {
            @Override
            public void callCompleted(String pluginId, String export, long nanos) {
                throw new IllegalStateException("broken metrics");
            }

            @Override
            public void instanceCreated(String pluginId) {
                throw new IllegalStateException("broken metrics");
            }

            @Override
            public void memoryInUse(String pluginId, long inUseBytes, long budgetBytes) {
                throw new IllegalStateException("broken metrics");
            }
        };
        try (PluginPool pool = PROBE.pool(oneInstance().listener(broken).build())) {
            assertThat(pool.call("square", new WitValue.U32(3))).isEqualTo(new WitValue.U64(9));
            assertThat(pool.stats().calls()).isEqualTo(1);
        }
    }

    @Test
    void optionsRefuseNonsense() {
        assertThatThrownBy(() -> PoolOptions.builder().maxSize(0)).hasMessage("maxSize must be at least 1: 0");
        assertThatThrownBy(() -> PoolOptions.builder().minIdle(3).maxSize(2).build())
                .hasMessage("minIdle (3) exceeds maxSize (2)");
        assertThatThrownBy(() -> PoolOptions.builder().memoryBudgetBytes(100))
                .hasMessage("memoryBudgetBytes must be at least one 64 KiB page: 100");
        PoolOptions defaults = PoolOptions.defaults();
        assertThat(defaults.isolation()).isEqualTo(Isolation.FRESH);
        assertThat(defaults.maxSize()).isGreaterThanOrEqualTo(4);
        assertThat(defaults.idleTimeout()).isEqualTo(PoolOptions.DEFAULT_IDLE_TIMEOUT);
    }

    /** Waits for a condition another thread brings about; bounded, so a bug fails instead of hanging. */
    static void awaitUntil(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within a minute");
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    /** Records listener events. */
    static final class Events implements PluginListener {
        final ConcurrentLinkedQueue<DiscardReason> discards = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<GrowRefusal> refusals = new ConcurrentLinkedQueue<>();
        final AtomicInteger traps = new AtomicInteger();
        final AtomicInteger timeouts = new AtomicInteger();
        final AtomicInteger busy = new AtomicInteger();
        final AtomicLong lastInUse = new AtomicLong();

        @Override
        public void instanceDiscarded(String pluginId, DiscardReason reason) {
            discards.add(reason);
        }

        @Override
        public void memoryGrowRefused(String pluginId, long requestedBytes, GrowRefusal reason) {
            refusals.add(reason);
        }

        @Override
        public void callTrapped(String pluginId, String export, long nanos, PluginTrapException trap) {
            traps.incrementAndGet();
        }

        @Override
        public void callTimedOut(String pluginId, String export, Duration timeout) {
            timeouts.incrementAndGet();
        }

        @Override
        public void acquireTimedOut(String pluginId, Duration timeout) {
            busy.incrementAndGet();
        }

        @Override
        public void memoryInUse(String pluginId, long inUseBytes, long budgetBytes) {
            lastInUse.set(inUseBytes);
        }
    }
}
