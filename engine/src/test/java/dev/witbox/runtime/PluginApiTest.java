package dev.witbox.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witbox.abi.ValueType;
import dev.witbox.api.WitboxException;
import dev.witbox.api.value.WitValue;
import org.junit.jupiter.api.Test;

/** The dynamic API's surface: export listing, lookup errors, the interpreter option, core modules. */
class PluginApiTest {

    @Test
    void exportsCarryCanonicalNamesAndTypesResolvedFromTheBinary() {
        Plugin addGreet = Guests.plugin("add-greet");
        assertThat(addGreet.id()).isEqualTo("add-greet");
        assertThat(addGreet.exports()).extracting(ExportedFunction::signature)
                .containsExactly("add: func(a: u32, b: u32) -> u32", "greet: func(name: string) -> string");

        Plugin resources = Guests.plugin("resources");
        ExportedFunction increment = resources.exports().stream()
                .filter(f -> f.name().equals("demo:res/api@0.1.0#[method]counter.increment")).findFirst().orElseThrow();
        assertThat(increment.interfaceName()).isEqualTo("demo:res/api@0.1.0");
        assertThat(increment.functionName()).isEqualTo("[method]counter.increment");
        assertThat(increment.type().params().get(0).type()).isInstanceOf(ValueType.BorrowOf.class);
        // one resource type identity shared by every function of the interface
        ExportedFunction make = resources.exports().stream()
                .filter(f -> f.name().endsWith("[static]counter.make")).findFirst().orElseThrow();
        assertThat(((ValueType.OwnOf) make.type().result()).resource())
                .isSameAs(((ValueType.BorrowOf) increment.type().params().get(0).type()).resource());
    }

    @Test
    void anUnknownExportListsTheExports() {
        try (PluginInstance instance = Guests.plugin("add-greet").instantiate()) {
            assertThatThrownBy(() -> instance.call("nope"))
                    .isInstanceOf(WitboxException.class)
                    .hasMessageContaining("has no export 'nope'; it exports: add, greet");
        }
    }

    @Test
    void theInterpreterGivesTheSameResults() {
        Plugin interpreted = WitboxEngine.builder().interpreted(true).build()
                .load(Guests.OUT.resolve("add-greet.wasm"));
        try (PluginInstance instance = interpreted.instantiate()) {
            assertThat(instance.call("add", new WitValue.U32(40), new WitValue.U32(2))).isEqualTo(new WitValue.U32(42));
            assertThat(instance.call("greet", new WitValue.Str("jvm"))).isEqualTo(
                    Guests.plugin("add-greet").instantiate().call("greet", new WitValue.Str("jvm")));
        }
    }

    @Test
    void aPlainCoreModuleWithoutAWorldIsRefusedWithAHint() {
        assertThatThrownBy(() -> WitboxEngine.create().load(Guests.OUT.resolve("add-greet.core.wasm")))
                .isInstanceOf(WitboxException.class)
                .hasMessageContaining("is a core module without a WIT world")
                .hasMessageContaining("wasm-tools component new");
    }
}
