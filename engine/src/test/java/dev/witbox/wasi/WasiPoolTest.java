package dev.witbox.wasi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witbox.api.value.WitValue;
import dev.witbox.runtime.Isolation;
import dev.witbox.runtime.PluginPool;
import dev.witbox.runtime.PoolOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real WASI program (wasi-probe: wasi-libc through jco's reactor adapter) in a pool: in FRESH mode every
 * lease gets a WASI context of its own, made by the pool's imports supplier and closed when the lease ends.
 * This guest already holds stdio handles when it is instantiated (wit-component's fixup module runs its
 * {@code _initialize} as a start function): the pool has each next lease's context make the same streams
 * under the same representations ({@code HostImports.Sealable}), so the instance is reset in place like any
 * other, and no instance is made again.
 */
class WasiPoolTest {

    @TempDir
    Path tmp;

    private static final byte[] STDIN = "line one\nline two".getBytes(StandardCharsets.UTF_8);

    private PoolOptions options(Isolation isolation, List<WasiContext> contexts, WasiPolicy policy) {
        return PoolOptions.builder().maxSize(1).isolation(isolation).imports(() -> {
            WasiContext wasi = Wasi.context(WasiGuestTest.PROBE, policy);
            contexts.add(wasi);
            return wasi.imports();
        }).build();
    }

    private static WasiPolicy.Builder capturing() {
        return WasiPolicy.builder().stdout(WasiPolicy.Output.capture(1 << 20)).stderr(WasiPolicy.Output.capture(1 << 20));
    }

    @Test
    void everyFreshLeaseReadsItsOwnStdinThroughItsOwnContext() {
        List<WasiContext> contexts = new CopyOnWriteArrayList<>();
        WasiPolicy policy = capturing().stdin(STDIN).build();
        try (PluginPool pool = WasiGuestTest.PROBE.pool(options(Isolation.FRESH, contexts, policy))) {
            for (int i = 0; i < 3; i++) {
                assertThat(pool.call("run", new WitValue.Str("stdin"))).isEqualTo(new WitValue.S32(0));
            }
            // one context for the link check, then one per lease (and the next one, made at the last reset):
            // each lease saw the whole of stdin once, on one instance reset in place
            assertThat(contexts).hasSize(5);
            for (WasiContext c : contexts.subList(1, 4)) {
                assertThat(c.stdoutText()).isEqualTo("line one\nline two\nstdin bytes=17\n");
            }
            assertThat(contexts.subList(0, 4)).allMatch(WasiContext::isClosed);
            assertThat(pool.stats().created()).isEqualTo(1);
            assertThat(pool.stats().notResettable()).isZero();
        }
    }

    @Test
    void reuseKeepsTheContextSoStdinIsReadOnce() {
        List<WasiContext> contexts = new CopyOnWriteArrayList<>();
        WasiPolicy policy = capturing().stdin(STDIN).build();
        try (PluginPool pool = WasiGuestTest.PROBE.pool(options(Isolation.REUSE, contexts, policy))) {
            pool.call("run", new WitValue.Str("stdin"));
            pool.call("run", new WitValue.Str("stdin"));
            assertThat(contexts).hasSize(2);
            assertThat(contexts.get(1).stdoutText())
                    .isEqualTo("line one\nline two\nstdin bytes=17\n\nstdin bytes=0\n");
        }
    }

    @Test
    void descriptorsALeaseLeakedAreClosedWithItsContext() throws Exception {
        Path data = Files.createDirectory(tmp.resolve("data"));
        Files.writeString(data.resolve("inside.txt"), "inside");
        List<WasiContext> contexts = new CopyOnWriteArrayList<>();
        WasiPolicy policy = capturing().preopen(data, "/data", WasiPolicy.Access.READ_ONLY).build();
        try (PluginPool pool = WasiGuestTest.PROBE.pool(options(Isolation.FRESH, contexts, policy))) {
            assertThat(pool.call("run", new WitValue.Str("leak"))).isEqualTo(new WitValue.S32(0));
            assertThat(pool.call("run", new WitValue.Str("leak"))).isEqualTo(new WitValue.S32(0));
            assertThat(contexts.get(1).stdoutText()).isEqualTo("leaked 5\n");
            assertThat(contexts.get(2).stdoutText()).isEqualTo("leaked 5\n");
            assertThat(contexts.subList(0, 3)).allMatch(WasiContext::isClosed).allMatch(c -> c.liveResources() == 0);
        }
    }
}
