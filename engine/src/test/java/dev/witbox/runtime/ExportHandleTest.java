package dev.witbox.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witbox.api.PluginTrapException;
import dev.witbox.api.WitboxException;
import dev.witbox.api.value.WitValue;
import org.junit.jupiter.api.Test;

/** Prepared calls: the same call as {@link PluginInstance#call}, minus the name lookup. */
class ExportHandleTest {

    /** Without a call timeout, the path that skips the deadline machinery. */
    private static final WitboxEngine UNTIMED = WitboxEngine.create();

    @Test
    void aHandleCallsItsExport() {
        for (Plugin plugin : new Plugin[] {Guests.plugin("add-greet"), UNTIMED.load(Guests.OUT.resolve("add-greet.wasm"))}) {
            try (PluginInstance instance = plugin.instantiate()) {
                ExportHandle add = instance.function("add");
                ExportHandle greet = instance.function("greet");
                assertThat(add.instance()).isSameAs(instance);
                assertThat(add.name()).isEqualTo("add");
                assertThat(add.export()).isEqualTo(plugin.exports().stream()
                        .filter(e -> e.name().equals("add")).findFirst().orElseThrow());
                assertThat(instance.function("add")).isSameAs(add);
                for (int i = 0; i < 1000; i++) {
                    assertThat(add.call(new WitValue.U32(i), new WitValue.U32(2))).isEqualTo(new WitValue.U32(i + 2));
                }
                assertThat(greet.call(new WitValue.Str("jvm"))).isEqualTo(instance.call("greet", new WitValue.Str("jvm")));
            }
        }
    }

    @Test
    void anUnknownNameIsRefusedWithTheExports() {
        try (PluginInstance instance = UNTIMED.load(Guests.OUT.resolve("add-greet.wasm")).instantiate()) {
            assertThatThrownBy(() -> instance.function("nope")).isInstanceOf(WitboxException.class)
                    .hasMessageContaining("has no export 'nope'").hasMessageContaining("add");
        }
    }

    @Test
    void aTrapThroughAHandlePoisonsTheInstanceWithoutATimeout() {
        Plugin misbehave = UNTIMED.load(Guests.OUT.resolve("misbehave.wasm"));
        try (PluginInstance instance = misbehave.instantiate()) {
            ExportHandle div = instance.function("div-zero");
            assertThat(div.call(new WitValue.U32(2))).isEqualTo(new WitValue.U32(0));
            assertThatThrownBy(() -> div.call(new WitValue.U32(0))).isInstanceOf(PluginTrapException.class)
                    .hasMessageContaining("divide by zero");
            assertThat(instance.isPoisoned()).isTrue();
            assertThatThrownBy(() -> div.call(new WitValue.U32(2))).isInstanceOf(PluginTrapException.class)
                    .hasMessageContaining("trapped earlier (in 'div-zero')");
            assertThatThrownBy(() -> instance.call("div-zero", new WitValue.U32(2)))
                    .isInstanceOf(PluginTrapException.class);
        }
    }

    @Test
    void aHostMistakePoisonsTooAndAClosedInstanceRefusesHandles() {
        Plugin plugin = UNTIMED.load(Guests.OUT.resolve("add-greet.wasm"));
        PluginInstance instance = plugin.instantiate();
        ExportHandle add = instance.function("add");
        assertThatThrownBy(() -> add.call(new WitValue.Str("x"), new WitValue.U32(1)))
                .isInstanceOf(WitboxException.class).isNotInstanceOf(PluginTrapException.class);
        assertThat(instance.isPoisoned()).isTrue();
        instance.close();
        assertThatThrownBy(() -> add.call(new WitValue.U32(1), new WitValue.U32(1)))
                .isInstanceOf(WitboxException.class).hasMessageContaining("is closed");
        PluginInstance other = plugin.instantiate();
        ExportHandle otherAdd = other.function("add");
        assertThat(otherAdd).isNotSameAs(add);
        assertThat(otherAdd.call(new WitValue.U32(1), new WitValue.U32(1))).isEqualTo(new WitValue.U32(2));
        other.close();
        assertThatThrownBy(() -> otherAdd.call(new WitValue.U32(1), new WitValue.U32(1)))
                .isInstanceOf(WitboxException.class).hasMessageContaining("is closed");
    }
}
