package dev.witbox.typed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witbox.api.PluginLinkException;
import dev.witbox.runtime.HostImports;
import dev.witbox.runtime.PluginInstance;
import dev.witbox.typed.embed.Api;
import dev.witbox.typed.embed.EmbedIface;
import dev.witbox.typed.embed.EmbedIfaceImports;
import dev.witbox.typed.embed.Host;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * World-level imports and exports through generated interfaces ({@code <World>Imports}, {@code <World>}),
 * next to interface ones, on a core module with an embedded world (embed-iface): every kind of item a
 * world has reaches Java, and a missing typed import is named at link time.
 */
class TypedWorldImportsTest {

    @Test
    void interfaceAndWorldImportsImplementedInJavaServeInterfaceAndWorldExports() {
        List<String> logged = new ArrayList<>();
        Host host = new Host() {
            @Override
            public void log(String msg) {
                logged.add(msg);
            }

            @Override
            public long base() {
                return 0xFFFF_FFF0L;
            }
        };
        EmbedIfaceImports world = () -> 41L;
        HostImports imports = HostImports.builder().implement(Host.class, host)
                .implement(EmbedIfaceImports.class, world).build();
        try (PluginInstance instance = Guests.load("embed-iface.embed.wasm").instantiate(imports)) {
            Api api = instance.bind(Api.class);
            assertThat(api.shout("hi there")).isEqualTo("HI THERE!");
            assertThat(logged).containsExactly("hi there");
            assertThat(api.offset(0x20)).as("u32 arithmetic wraps in the guest").isEqualTo(0x10);
            assertThat(instance.bind(EmbedIface.class).stamp()).isEqualTo(42);
        }
    }

    @Test
    void aMissingTypedImportIsNamedWhenLinking() {
        HostImports imports = HostImports.builder().implement(EmbedIfaceImports.class, () -> 1L).build();
        assertThatThrownBy(() -> Guests.load("embed-iface.embed.wasm").instantiate(imports))
                .isInstanceOf(PluginLinkException.class)
                .hasMessageContaining("demo:embed/host@0.1.0#log: func(msg: string)");
    }
}
