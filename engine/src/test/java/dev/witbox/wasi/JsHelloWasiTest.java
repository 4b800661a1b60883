package dev.witbox.wasi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witbox.api.value.WitValue;
import dev.witbox.runtime.ImportedFunction;
import dev.witbox.runtime.Plugin;
import dev.witbox.runtime.PluginInstance;
import dev.witbox.runtime.WitboxEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A JavaScript plugin from componentize-js with its default features (12 MB; it embeds the
 * StarlingMonkey engine and imports WASI stdio, clocks, random, filesystem and http) links with the
 * WASI host and runs a call. The component is built on demand, not committed, so this test is opt-in:
 * {@code tests/guests/build.sh --js-hello}, then
 * {@code ./mvnw -pl engine test -Dwitbox.excludedGroups= -Dtest=JsHelloWasiTest}.
 */
@Tag("js-hello")
class JsHelloWasiTest {

    static final Path JS_HELLO = Path.of(System.getProperty("witbox.jsHello", "../tests/guests/build/js-hello/js-hello.wasm"));

    @Test
    void aDefaultFeaturesJsComponentLinksWithTheWasiHostAndRunsACall() {
        assertThat(JS_HELLO).as("run tests/guests/build.sh --js-hello first").exists();
        Plugin plugin = WitboxEngine.create().load(JS_HELLO);
        Set<String> imported = new TreeSet<>();
        for (ImportedFunction f : plugin.imports()) {
            imported.add(f.interfaceName().replaceFirst("@.*", ""));
        }
        assertThat(imported).contains("wasi:cli/stdout", "wasi:clocks/monotonic-clock", "wasi:random/random",
                "wasi:filesystem/types", "wasi:http/outgoing-handler", "wasi:http/types");
        try (WasiContext wasi = Wasi.context(plugin, WasiPolicy.builder()
                        .stdout(WasiPolicy.Output.capture(1 << 16)).stderr(WasiPolicy.Output.capture(1 << 16)).build());
                PluginInstance instance = plugin.instantiate(wasi.imports())) {
            assertThat(instance.call("greet", new WitValue.Str("wörld 😀"))).isEqualTo(new WitValue.Str("Hello, wörld 😀!"));
            assertThat(instance.call("greet", new WitValue.Str("Java"))).isEqualTo(new WitValue.Str("Hello, Java!"));
        }
    }
}
