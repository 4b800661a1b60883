package dev.witbox.typed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witbox.api.PluginLinkException;
import dev.witbox.api.WitboxException;
import dev.witbox.runtime.Bindings;
import dev.witbox.runtime.ExportInvoker;
import dev.witbox.runtime.Plugin;
import dev.witbox.runtime.PluginInstance;
import dev.witbox.runtime.PluginPool;
import dev.witbox.runtime.PoolOptions;
import dev.witbox.runtime.PoolStats;
import dev.witbox.typed.addgreet.AddGreet;
import dev.witbox.typed.resources.Api;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Binding generated export interfaces: world-level functions, resources (handles of one instance,
 * dropped by {@code close()}), the check at bind time that the plugin's exports have the types the
 * interface was generated for, and invokers supplied from outside an instance (what a pool does).
 */
class TypedExportsTest {

    @Test
    void worldFunctionsAreCalledThroughTheirInterface() {
        try (PluginInstance instance = Guests.load("add-greet.wasm").instantiate()) {
            AddGreet addGreet = instance.bind(AddGreet.class);
            assertThat(addGreet.add(40, 2)).isEqualTo(42);
            assertThat(addGreet.add(0xFFFF_FFFFL, 1)).as("u32 wraps in the guest").isZero();
            assertThat(addGreet.greet("Java")).isEqualTo("Hello, Java!");
            assertThat(addGreet.greet("")).isEqualTo("Hello, !");
        }
    }

    @Test
    void resourcesAreHandlesOfTheInstanceClosedByClose() {
        try (PluginInstance instance = Guests.load("resources.wasm").instantiate()) {
            Api api = instance.bind(Api.class);
            long destroyedBefore = api.destroyed();
            try (Api.Counter a = api.newCounter(5); Api.Counter b = api.counterMake(10)) {
                assertThat(a.increment(3)).isEqualTo(8);
                assertThat(a.get()).isEqualTo(8);
                assertThat(api.peek(b)).isEqualTo(10);
                try (Api.Counter merged = api.counterMerge(a, b)) {
                    assertThat(merged.get()).isEqualTo(18);
                    assertThat(api.liveCounters()).isEqualTo(3);
                }
                assertThat(api.destroyed()).isEqualTo(destroyedBefore + 1);
                Api.Counter c = api.newCounter(7);
                assertThat(api.consume(c)).as("consume takes ownership").isEqualTo(7);
                c.close(); // already moved into the guest: nothing to drop
                assertThat(api.destroyed()).isEqualTo(destroyedBefore + 2);
            }
            assertThat(api.liveCounters()).isZero();
            assertThatThrownBy(() -> api.peek(null)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'peek'").hasMessageContaining("'c'");
        }
    }

    @Test
    void anInterfaceGeneratedFromOtherWitIsRefusedAtBindTimeWithBothSignatures() {
        try (PluginInstance instance = Guests.load("add-greet.wasm").instantiate()) {
            assertThatThrownBy(() -> instance.bind(dev.witbox.typed.wider.AddGreet.class))
                    .isInstanceOf(PluginLinkException.class)
                    .hasMessageContaining("dev.witbox.typed.wider.AddGreet does not match the plugin")
                    .hasMessageContaining("AddGreet.add")
                    .hasMessageContaining("interface: func(a: u64, b: u64) -> u64")
                    .hasMessageContaining("plugin:    func(a: u32, b: u32) -> u32")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("AddGreet.greet"));
        }
    }

    @Test
    void anInterfaceTheWorldDoesNotExportIsRefusedListingTheMissingExports() {
        try (PluginInstance instance = Guests.load("add-greet.wasm").instantiate()) {
            assertThatThrownBy(() -> instance.bind(Api.class)).isInstanceOf(PluginLinkException.class)
                    .hasMessageContaining("the plugin has no export 'demo:res/api@0.1.0#live-counters'")
                    .hasMessageContaining("the plugin exports: add, greet");
        }
    }

    @Test
    void aClassThatIsNotAGeneratedInterfaceIsRefused() {
        try (PluginInstance instance = Guests.load("add-greet.wasm").instantiate()) {
            assertThatThrownBy(() -> instance.bind(Runnable.class)).isInstanceOf(WitboxException.class)
                    .hasMessageContaining("no @WitInterface");
        }
    }

    @Test
    void invokersCanComeFromOutsideAnInstanceAsAPoolWouldSupplyThem() {
        Plugin plugin = Guests.load("add-greet.wasm");
        List<String> calls = new ArrayList<>();
        // a fresh instance per call: what a pool's acquire/release does, without the pool
        AddGreet addGreet = Bindings.bind(AddGreet.class, plugin, name -> args -> {
            calls.add(name);
            try (PluginInstance instance = plugin.instantiate()) {
                return instance.function(name).call(args);
            }
        });
        assertThat(addGreet.greet("pool")).isEqualTo("Hello, pool!");
        assertThat(addGreet.add(1, 2)).isEqualTo(3);
        assertThat(calls).containsExactly("greet", "add");
    }

    @Test
    void aPoolBindsTheInterfaceAndEachCallBorrowsAnInstance() {
        Plugin plugin = Guests.load("add-greet.wasm");
        try (PluginPool pool = plugin.pool(PoolOptions.builder().maxSize(2).build())) {
            AddGreet addGreet = pool.bind(AddGreet.class);
            assertThat(addGreet.greet("pool")).isEqualTo("Hello, pool!");
            assertThat(addGreet.add(40, 2)).isEqualTo(42);
            PoolStats stats = pool.stats();
            assertThat(stats.calls()).isEqualTo(2);
            assertThat(stats.active()).as("every lease given back").isZero();
            assertThatThrownBy(() -> pool.bind(dev.witbox.typed.wider.AddGreet.class))
                    .isInstanceOf(PluginLinkException.class)
                    .hasMessageContaining("plugin:    func(a: u32, b: u32) -> u32");
        }
    }

    @Test
    void interfacesPassingResourcesNeedOneInstance() {
        Plugin plugin = Guests.load("resources.wasm");
        ExportInvoker never = args -> {
            throw new AssertionError("not called");
        };
        assertThatThrownBy(() -> Bindings.bind(Api.class, plugin, name -> never))
                .isInstanceOf(PluginLinkException.class)
                .hasMessageContaining("resource 'counter'").hasMessageContaining("PluginInstance.bind");
    }
}
