package dev.witbox.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witbox.api.PluginTrapException;
import dev.witbox.api.value.WitValue;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A guest that recurses without end traps at the engine's call-depth limit, naming plugin and export, before the
 * Java stack runs out; the limit is configurable; the calling thread and the plugin's other instances carry on.
 */
class CallDepthLimitTest {

    private static final byte[] POOL_PROBE = bytes("pool-probe");
    private static final byte[] MISBEHAVE = bytes("misbehave");

    @Test
    void unboundedRecursionTrapsAtTheDefaultLimit() {
        Plugin misbehave = WitboxEngine.create().load("misbehave", MISBEHAVE);
        try (PluginInstance instance = misbehave.instantiate()) {
            assertThatThrownBy(() -> instance.call("recurse", new WitValue.U32(0)))
                    .isInstanceOf(PluginTrapException.class)
                    .hasMessage("plugin 'misbehave' trapped in 'recurse': call depth exceeded the limit of "
                            + WitboxEngine.DEFAULT_MAX_CALL_DEPTH + " nested calls (unbounded recursion?)");
            assertThat(instance.isPoisoned()).isTrue();
        }
        try (PluginInstance fresh = misbehave.instantiate()) {
            assertThat(fresh.call("div-zero", new WitValue.U32(2))).isEqualTo(new WitValue.U32(0));
        }
    }

    @Test
    void theLimitIsConfigurableAndCountsEveryRecursiveCall() {
        Plugin probe = WitboxEngine.builder().maxCallDepth(100).build().load("pool-probe", POOL_PROBE);
        try (PluginInstance instance = probe.instantiate()) {
            // recurse(n) is one wasm call per level below the export (pool_probe.c, descend)
            assertThat(instance.call("recurse", new WitValue.U32(90))).isNotNull();
            assertThatThrownBy(() -> instance.call("recurse", new WitValue.U32(101)))
                    .isInstanceOf(PluginTrapException.class)
                    .hasMessageContaining("call depth exceeded the limit of 100 nested calls");
        }
    }

    @Test
    void theLimitHoldsInModulesLoadedFromTheCompileCache(@TempDir Path cache) {
        WitboxEngine.builder().maxCallDepth(100).compileCache(cache).build().load("pool-probe", POOL_PROBE);
        WitboxEngine warm = WitboxEngine.builder().maxCallDepth(100).compileCache(cache).build();
        Plugin probe = warm.load("pool-probe", POOL_PROBE);
        // served from the cache: neither rewritten nor compiled again; the entry says where the counter is
        assertThat(warm.compileStats().compiled()).isZero();
        assertThat(warm.compileStats().fromCompileCache()).isPositive();
        try (PluginInstance instance = probe.instantiate()) {
            assertThat(instance.call("recurse", new WitValue.U32(90))).isNotNull();
            assertThatThrownBy(() -> instance.call("recurse", new WitValue.U32(101)))
                    .isInstanceOf(PluginTrapException.class)
                    .hasMessageContaining("call depth exceeded the limit of 100 nested calls");
        }
    }

    @Test
    void theCountReturnsToZeroAfterEachCall() {
        Plugin probe = WitboxEngine.builder().maxCallDepth(100).build().load("pool-probe", POOL_PROBE);
        try (PluginInstance instance = probe.instantiate()) {
            for (int i = 0; i < 50; i++) {
                assertThat(instance.call("recurse", new WitValue.U32(90))).isNotNull();
            }
        }
    }

    @Test
    void theInterpreterTrapsAtTheLimitToo() {
        Plugin misbehave = WitboxEngine.builder().interpreted(true).build().load("misbehave", MISBEHAVE);
        try (PluginInstance instance = misbehave.instantiate()) {
            assertThatThrownBy(() -> instance.call("recurse", new WitValue.U32(0)))
                    .isInstanceOf(PluginTrapException.class)
                    .hasMessageContaining("call depth exceeded the limit of "
                            + WitboxEngine.DEFAULT_MAX_CALL_DEPTH_INTERPRETED);
        }
    }

    @Test
    void withoutALimitTheStackRunningOutIsStillATrap() {
        Plugin misbehave = WitboxEngine.builder().maxCallDepth(0).build().load("misbehave", MISBEHAVE);
        try (PluginInstance instance = misbehave.instantiate()) {
            assertThatThrownBy(() -> instance.call("recurse", new WitValue.U32(0)))
                    .isInstanceOf(PluginTrapException.class)
                    .hasMessageContaining("call stack exhausted");
        }
    }

    @Test
    void aSmallThreadStackEndsInATrapNotAnError() throws Exception {
        Plugin misbehave = WitboxEngine.create().load("misbehave", MISBEHAVE);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread small = new Thread(null, () -> {
            try (PluginInstance instance = misbehave.instantiate()) {
                instance.call("recurse", new WitValue.U32(0));
            } catch (Throwable t) {
                thrown.set(t);
            }
        }, "small-stack", 128 * 1024);
        small.start();
        small.join();
        assertThat(thrown.get()).isInstanceOf(PluginTrapException.class)
                .hasMessageStartingWith("plugin 'misbehave' trapped in 'recurse': ");
    }

    private static byte[] bytes(String name) {
        try {
            return java.nio.file.Files.readAllBytes(Guests.OUT.resolve(name + ".wasm"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
