package dev.witbox.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witbox.abi.FunctionType;
import dev.witbox.abi.ValueType.Scalar;
import dev.witbox.api.PluginTimeoutException;
import dev.witbox.api.PluginTrapException;
import dev.witbox.api.WitboxException;
import dev.witbox.api.value.WitValue;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hostile-guest battery: real guests ({@code tests/guests/hostile/hostile.wat}, {@code misbehave.wat}) attack
 * the host. Every attack ends in an exception naming plugin and export, the pool that ran it keeps serving, and
 * the host's heap and threads are unharmed. (File-system escapes and ungranted env/args are the WASI probe's:
 * {@code WasiGuestTest}.)
 */
class HostileGuestBatteryTest {

    private static final WitboxEngine ENGINE = WitboxEngine.create();
    private static final Plugin HOSTILE = ENGINE.load(Guests.OUT.resolve("hostile/hostile.wasm"));
    private static final Plugin MISBEHAVE = ENGINE.load(Guests.OUT.resolve("misbehave.wasm"));
    private static final FunctionType CALLBACK = new FunctionType(List.of(), Scalar.U32);

    /** What the host's {@code callback} import does; each test sets it. */
    private final AtomicReference<Supplier<WitValue>> callback =
            new AtomicReference<>(() -> new WitValue.U32(7));
    private PluginPool pool;

    @BeforeEach
    void openPool() {
        pool = HOSTILE.pool(PoolOptions.builder().maxSize(2).imports(this::imports)
                .callTimeout(Duration.ofSeconds(20)).build());
    }

    @AfterEach
    void stillServing() {
        assertThat(pool.call("echo", new WitValue.U32(41))).isEqualTo(new WitValue.U32(41));
        PoolStats stats = pool.stats();
        assertThat(stats.active()).isZero();
        pool.close();
    }

    private HostImports imports() {
        return HostImports.builder().function(null, "callback", CALLBACK, args -> callback.get().get()).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"huge-list", "huge-bytes", "huge-strings"})
    void aHugeResultClaimedByASmallMemoryTrapsWithoutAllocating(String export) {
        long before = usedHeap();
        assertTrap(export, "more than the maximum");
        assertThat(usedHeap() - before).isLessThan(64L << 20);
    }

    @Test
    void aTableBombFailsInsideTheGuest() {
        long before = usedHeap();
        assertTrap("table-bomb", "unreachable");
        assertThat(usedHeap() - before).isLessThan(32L << 20);
    }

    @Test
    void aHandleBombIsStoppedByTheHandleTable() {
        long before = usedHeap();
        assertTrap("handle-bomb", "handle table is full (1048576 handles");
        assertThat(usedHeap() - before).isLessThan(64L << 20);
    }

    @Test
    void forgedReusedAndDroppedHandlesTrap() {
        assertTrap("drop-forged", "handle");
        assertTrap("rep-forged", "handle");
        assertTrap("drop-twice", "handle");
        assertTrap("use-after-drop", "handle");
    }

    @Test
    void aHostImportCallingBackIntoTheSameInstanceIsRefused() {
        try (PluginInstance instance = HOSTILE.instantiate(imports())) {
            callback.set(() -> instance.call("echo", new WitValue.U32(1)));
            assertThatThrownBy(() -> instance.call("reenter"))
                    .isInstanceOf(PluginTrapException.class)
                    .hasMessageStartingWith("plugin 'hostile' trapped in 'reenter': ");
        }
    }

    @Test
    void aDeepGuestCallingTheHostAtTheLimitStillTrapsCleanly() {
        assertThat(pool.call("deep-then-host", new WitValue.U32(100))).isEqualTo(new WitValue.U32(107));
        assertTrap("deep-then-host", "call depth exceeded", new WitValue.U32(1_000_000));
    }

    @Test
    void anInfiniteLoopEndsWithinTwiceItsDeadline() {
        Duration timeout = Duration.ofMillis(500);
        try (PluginPool loops = MISBEHAVE.pool(PoolOptions.builder().maxSize(1).callTimeout(timeout).build())) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> loops.call("infinite-loop"))
                    .isInstanceOf(PluginTimeoutException.class)
                    .hasMessageStartingWith("plugin 'misbehave' trapped in 'infinite-loop': the call exceeded its timeout");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(timeout.multipliedBy(2));
            assertThat(loops.call("div-zero", new WitValue.U32(1))).isEqualTo(new WitValue.U32(1));
        }
    }

    @Test
    void aMemoryBombFailsInsideTheGuestUnderABudget() {
        long before = usedHeap();
        try (PluginPool bombs = MISBEHAVE.pool(PoolOptions.builder().maxSize(1)
                .memoryBudgetBytes(16L << 20).build())) {
            for (int i = 0; i < 5; i++) {
                assertThatThrownBy(() -> bombs.call("memory-bomb"))
                        .isInstanceOf(PluginTrapException.class)
                        .hasMessage("plugin 'misbehave' trapped in 'memory-bomb': " + "Trapped on unreachable instruction");
            }
            assertThat(bombs.stats().growRefused()).isEqualTo(5);
            assertThat(bombs.call("div-zero", new WitValue.U32(1))).isEqualTo(new WitValue.U32(1));
            assertThat(usedHeap() - before).isLessThan(64L << 20);
        }
    }

    @Test
    void aPostReturnThatTrapsAndAnOutOfBoundsReallocAreContained() {
        try (PluginPool bad = MISBEHAVE.pool(PoolOptions.builder().maxSize(1).build())) {
            assertThatThrownBy(() -> bad.call("post-return-traps"))
                    .isInstanceOf(PluginTrapException.class)
                    .hasMessageStartingWith("plugin 'misbehave' trapped in 'post-return-traps': ");
            assertThatThrownBy(() -> bad.call("take-string", new WitValue.Str("abc")))
                    .isInstanceOf(PluginTrapException.class)
                    .hasMessageStartingWith("plugin 'misbehave' trapped in 'take-string': ");
            assertThat(bad.call("div-zero", new WitValue.U32(1))).isEqualTo(new WitValue.U32(1));
            assertThat(bad.stats().discarded()).isEqualTo(2);
        }
    }

    private void assertTrap(String export, String cause, WitValue... args) {
        assertThatThrownBy(() -> pool.call(export, args))
                .isInstanceOf(PluginTrapException.class)
                .hasMessageStartingWith("plugin 'hostile' trapped in '" + export + "': ")
                .satisfies(e -> assertThat(e.getMessage().toLowerCase()).contains(cause));
    }

    private static long usedHeap() {
        System.gc();
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
