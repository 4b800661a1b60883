package dev.witbox.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witbox.runtime.Isolation;
import dev.witbox.runtime.PoolOptions;
import dev.witbox.wasi.WasiPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** witbox.plugins.defaults and instances.<name> as the engine gets them: instance over defaults over safe defaults. */
class WitboxPropertiesBindingTests {

    private static final String PROBE = "witbox.plugins.instances.pool-probe.";

    @Test
    void anUnconfiguredPluginGetsAMemoryLimitABudgetAndADeadlineAndNothingElse() {
        TestPlugins.runner().run(context -> {
            ManagedPlugin p = context.getBean(WitboxPlugins.class).get("add-greet");
            PoolOptions o = p.pool().options();
            assertThat(o.maxInstanceMemoryBytes()).isEqualTo(64L << 20);
            assertThat(o.memoryBudgetBytes()).isEqualTo(256L << 20);
            assertThat(o.callTimeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(o.isolation()).isEqualTo(Isolation.FRESH);
            assertThat(o.acquireTimeout()).isEqualTo(PoolOptions.DEFAULT_ACQUIRE_TIMEOUT);
            WasiPolicy wasi = p.config().wasi();
            assertThat(wasi.env()).isEmpty();
            assertThat(wasi.args()).isEmpty();
            assertThat(wasi.preopens()).isEmpty();
            assertThat(wasi.stdout()).isEqualTo(WasiPolicy.Output.discard());
            assertThat(wasi.stderr()).isEqualTo(WasiPolicy.Output.discard());
        });
    }

    @Test
    void anInstanceOverridesTheDefaultsWhichOverrideWitboxs() {
        TestPlugins.runner().withPropertyValues(
                "witbox.plugins.defaults.memory.max=32MB",
                "witbox.plugins.defaults.call-timeout=2s",
                "witbox.plugins.defaults.pool.max-size=3",
                "witbox.plugins.defaults.capabilities.env.SHARED=yes",
                PROBE + "source=classpath:/guests/pool-probe.wasm",
                PROBE + "memory.max=8MB",
                PROBE + "pool.memory-budget=48MB",
                PROBE + "pool.max-size=2",
                PROBE + "pool.acquire-timeout=750ms",
                PROBE + "pool.isolation=reuse",
                PROBE + "call-timeout=1500ms",
                PROBE + "capabilities.preopens[0].host=target",
                PROBE + "capabilities.preopens[0].guest=/data",
                PROBE + "capabilities.preopens[1].host=.",
                PROBE + "capabilities.preopens[1].guest=/work",
                PROBE + "capabilities.preopens[1].mode=read-write",
                PROBE + "capabilities.env.GREETING=hello",
                PROBE + "capabilities.args=probe,--verbose",
                PROBE + "capabilities.stdout=log",
                PROBE + "capabilities.stderr=inherit",
                PROBE + "capabilities.clocks=false",
                PROBE + "capabilities.random=false").run(context -> {
            WitboxPlugins plugins = context.getBean(WitboxPlugins.class);
            PoolOptions o = plugins.get("pool-probe").pool().options();
            assertThat(o.maxInstanceMemoryBytes()).isEqualTo(8L << 20);
            assertThat(o.memoryBudgetBytes()).isEqualTo(48L << 20);
            assertThat(o.maxSize()).isEqualTo(2);
            assertThat(o.acquireTimeout()).isEqualTo(Duration.ofMillis(750));
            assertThat(o.isolation()).isEqualTo(Isolation.REUSE);
            assertThat(o.callTimeout()).isEqualTo(Duration.ofMillis(1500));
            WasiPolicy wasi = plugins.get("pool-probe").config().wasi();
            assertThat(wasi.preopens()).containsExactly(
                    new WasiPolicy.Preopen(Path.of("target").toAbsolutePath(), "/data", WasiPolicy.Access.READ_ONLY),
                    new WasiPolicy.Preopen(Path.of("").toAbsolutePath(), "/work", WasiPolicy.Access.READ_WRITE));
            assertThat(wasi.env()).as("an instance's env replaces the defaults' whole").isEqualTo(Map.of("GREETING", "hello"));
            assertThat(wasi.args()).isEqualTo(List.of("probe", "--verbose"));
            assertThat(wasi.stdout()).isEqualTo(WasiPolicy.Output.logger());
            assertThat(wasi.stderr()).isEqualTo(WasiPolicy.Output.inherit());
            assertThat(wasi.clocks()).isEqualTo(WasiPolicy.Clocks.fixed(java.time.Instant.EPOCH));
            assertThat(wasi.random()).isEqualTo(WasiPolicy.Randomness.seeded(0));

            PoolOptions d = plugins.get("add-greet").pool().options();
            assertThat(d.maxInstanceMemoryBytes()).isEqualTo(32L << 20);
            assertThat(d.callTimeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(d.maxSize()).isEqualTo(3);
            assertThat(d.memoryBudgetBytes()).as("not set anywhere: witbox's").isEqualTo(256L << 20);
            assertThat(plugins.get("add-greet").config().wasi().env()).isEqualTo(Map.of("SHARED", "yes"));
        });
    }

    @Test
    void aPinnedDigestIsAcceptedInAnyCase() {
        TestPlugins.runner().run(context -> {
            String sha = context.getBean(WitboxPlugins.class).get("add-greet").sha256();
            TestPlugins.runner().withPropertyValues("witbox.plugins.instances.add-greet.sha256=" + sha.toUpperCase())
                    .run(pinned -> assertThat(pinned).hasNotFailed());
        });
    }
}
