package dev.witbox.wasi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witbox.api.PluginLinkException;
import dev.witbox.api.value.WitValue;
import dev.witbox.runtime.Plugin;
import dev.witbox.runtime.PluginInstance;
import dev.witbox.runtime.WitboxEngine;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Linking: any 0.2.x a component imports gets the 0.2.12 host; other versions are not WASI 0.2. */
class WasiLinkTest {

    static final WitboxEngine ENGINE = WitboxEngine.create();

    @Test
    void anOlderPatchVersionLinks() {
        Plugin p = ENGINE.load(Path.of("src/test/resources/wasi/random-0.2.0.wasm"));
        try (WasiContext wasi = Wasi.context(p, WasiPolicy.builder().random(WasiPolicy.Randomness.seeded(7)).build());
                PluginInstance instance = p.instantiate(wasi.imports())) {
            assertThat(instance.call("rand")).isEqualTo(new WitValue.U64(new Random(7).nextLong()));
        }
    }

    @Test
    void anotherMinorVersionIsNotLinked() {
        Plugin p = ENGINE.load(Path.of("src/test/resources/wasi/random-0.3.0.wasm"));
        try (WasiContext wasi = Wasi.context(p, WasiPolicy.denyAll())) {
            assertThatThrownBy(() -> p.instantiate(wasi.imports()))
                    .isInstanceOf(PluginLinkException.class)
                    .hasMessageContaining("wasi:random/random@0.3.0");
        }
    }

    @Test
    void aMissingPreopenDirectoryIsALinkError() {
        Plugin p = ENGINE.load(Path.of("src/test/resources/wasi/random-0.2.0.wasm"));
        WasiPolicy policy = WasiPolicy.builder()
                .preopen(Path.of("/no/such/dir"), "/data", WasiPolicy.Access.READ_ONLY).build();
        assertThatThrownBy(() -> Wasi.context(p, policy)).isInstanceOf(PluginLinkException.class)
                .hasMessageContaining("/no/such/dir");
    }

    @Test
    void socketsLinkAndAnswerAccessDenied() {
        Plugin p = ENGINE.load(Path.of("src/test/resources/wasi/sockets-0.2.0.wasm"));
        try (WasiContext wasi = Wasi.context(p, WasiPolicy.denyAll());
                PluginInstance instance = p.instantiate(wasi.imports())) {
            // 1 + index of access-denied in the component's error-code enum
            assertThat(instance.call("try-tcp")).isEqualTo(new WitValue.U8(2));
            assertThat(wasi.deniedCount()).isEqualTo(1);
        }
    }

    @Test
    void udpAndNameLookupAreDeniedToo() {
        Plugin p = ENGINE.load(Path.of("src/test/resources/wasi/sockets-more-0.2.0.wasm"));
        try (WasiContext wasi = Wasi.context(p, WasiPolicy.denyAll());
                PluginInstance instance = p.instantiate(wasi.imports())) {
            // 2 = 1 + the index of access-denied in wasi:sockets/network.error-code
            assertThat(instance.call("try-udp")).isEqualTo(new WitValue.U8(2));
            // instance-network hands out a handle to nothing; resolving a name with it is refused
            assertThat(instance.call("try-resolve")).isEqualTo(new WitValue.U8(2));
            assertThat(wasi.deniedCount()).isEqualTo(2);
        }
    }
}
