package dev.witbox.wasi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witbox.api.PluginTrapException;
import dev.witbox.api.value.WitValue;
import dev.witbox.runtime.Isolation;
import dev.witbox.runtime.PluginInstance;
import dev.witbox.runtime.PluginPool;
import dev.witbox.runtime.PoolOptions;
import dev.witbox.runtime.PooledInstance;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real WASI program (wasi-probe: wasi-libc through jco's reactor adapter) in a pool. This guest already holds
 * stdio handles and its preopens when it is instantiated (wit-component's fixup module runs its
 * {@code _initialize} as a start function). In FRESH mode the instance keeps its WASI context, and the pool
 * resets the context with the memory between leases ({@code HostImports.Sealable#resetInPlace}): each lease
 * sees what a new context of the same policy would show it, and nothing of the lease before. The expected
 * outputs are what the probe's C source prints ({@code tests/guests/wasi-probe/probe.c}).
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

    /** Runs a probe on a lease and returns what the lease's context captured, read before the lease ends. */
    private static WasiGuestTest.Run lease(PluginPool pool, List<WasiContext> contexts, String probe) {
        try (PooledInstance lease = pool.acquire()) {
            WitValue r = lease.instance().call("run", new WitValue.Str(probe));
            WasiContext wasi = contexts.get(contexts.size() - 1);
            return new WasiGuestTest.Run(((WitValue.S32) r).value(), wasi.stdoutText(), wasi.stderrText(), 0);
        }
    }

    @Test
    void everyFreshLeaseReadsAllOfStdinOnOneContextResetInPlace() {
        List<WasiContext> contexts = new CopyOnWriteArrayList<>();
        WasiPolicy policy = capturing().stdin(STDIN).build();
        try (PluginPool pool = WasiGuestTest.PROBE.pool(options(Isolation.FRESH, contexts, policy))) {
            for (int i = 0; i < 3; i++) {
                WasiGuestTest.Run run = lease(pool, contexts, "stdin");
                assertThat(run.result()).isZero();
                assertThat(run.stdout()).isEqualTo("line one\nline two\nstdin bytes=17\n");
            }
            // one context for the pool's link check (closed), then the instance's own, kept through every reset
            assertThat(contexts).hasSize(2);
            assertThat(contexts.get(0).isClosed()).isTrue();
            assertThat(contexts.get(1).isClosed()).isFalse();
            assertThat(pool.stats().created()).isEqualTo(1);
            assertThat(pool.stats().notResettable()).isZero();
        }
        assertThat(contexts.get(1).isClosed()).isTrue();
    }

    @Test
    void outputWrittenInOneLeaseIsNotInTheNextLeasesCapture() {
        List<WasiContext> contexts = new CopyOnWriteArrayList<>();
        try (PluginPool pool = WasiGuestTest.PROBE.pool(options(Isolation.FRESH, contexts, capturing().build()))) {
            WasiGuestTest.Run first = lease(pool, contexts, "stdio");
            assertThat(first.stdout()).isEqualTo("to stdout\n");
            assertThat(first.stderr()).isEqualTo("to stderr\n");
            WasiGuestTest.Run second = lease(pool, contexts, "stdin"); // no stdin granted: reads nothing
            assertThat(second.stdout()).isEqualTo("\nstdin bytes=0\n");
            assertThat(second.stderr()).isEmpty();
            // given back: the context holds nothing of the lease
            assertThat(contexts.get(1).stdoutText()).isEmpty();
            assertThat(contexts.get(1).stderrText()).isEmpty();
            assertThat(pool.stats().created()).isEqualTo(1);
        }
    }

    @Test
    void aDescriptorOpenedInOneLeaseIsGoneInTheNext() throws Exception {
        Path data = Files.createDirectory(tmp.resolve("data"));
        Files.writeString(data.resolve("inside.txt"), "inside");
        // the preopen and the five files "leak" opens: a sixth descriptor is refused
        WasiPolicy policy = capturing().preopen(data, "/data", WasiPolicy.Access.READ_ONLY)
                .limits(new WasiPolicy.Limits(1 << 20, 6, 1 << 20, 10_000)).build();

        // on one instance kept between calls the first call's descriptors stay open: the second call's opens fail
        try (WasiContext wasi = Wasi.context(WasiGuestTest.PROBE, policy);
                PluginInstance held = WasiGuestTest.PROBE.instantiate(wasi.imports())) {
            assertThat(held.call("run", new WitValue.Str("leak"))).isEqualTo(new WitValue.S32(0));
            assertThat(held.call("run", new WitValue.Str("leak"))).isEqualTo(new WitValue.S32(5));
        }

        List<WasiContext> contexts = new CopyOnWriteArrayList<>();
        try (PluginPool pool = WasiGuestTest.PROBE.pool(options(Isolation.FRESH, contexts, policy))) {
            for (int i = 0; i < 3; i++) {
                try (PooledInstance lease = pool.acquire()) {
                    assertThat(lease.instance().call("run", new WitValue.Str("leak"))).isEqualTo(new WitValue.S32(0));
                    assertThat(contexts.get(1).stdoutText()).isEqualTo("leaked 5\n");
                    // the three stdio streams and the preopen the guest took at its initialisation, and five files
                    assertThat(contexts.get(1).liveResources()).isEqualTo(4 + 5);
                }
            }
            assertThat(contexts.get(1).liveResources()).isEqualTo(4);
            assertThat(pool.stats().created()).isEqualTo(1);
        }
        assertThat(contexts).allMatch(WasiContext::isClosed).allMatch(c -> c.liveResources() == 0);
    }

    @Test
    void preopensGrantTheSameInEveryLease() throws Exception {
        Path data = Files.createDirectory(tmp.resolve("data"));
        Path ro = Files.createDirectory(tmp.resolve("ro"));
        Files.writeString(data.resolve("inside.txt"), "inside");
        Files.writeString(ro.resolve("inside.txt"), "read only");
        WasiPolicy policy = capturing().preopen(data, "/data", WasiPolicy.Access.READ_WRITE)
                .preopen(ro, "/ro", WasiPolicy.Access.READ_ONLY).build();
        List<WasiContext> contexts = new CopyOnWriteArrayList<>();
        try (PluginPool pool = WasiGuestTest.PROBE.pool(options(Isolation.FRESH, contexts, policy))) {
            // a lease that wrote through the read-write preopen (and removed what it made) ...
            WasiGuestTest.Run files = lease(pool, contexts, "files");
            assertThat(files.stdout()).contains("ls /data/d: a.txt sub\n", "files done\n");
            // ... leaves the next lease the read-only one exactly as strict, and then the read-write one as open
            WasiGuestTest.Run readonly = lease(pool, contexts, "readonly");
            assertThat(readonly.result()).isZero();
            assertThat(readonly.stdout()).doesNotContain("ALLOWED")
                    .contains("create in ro: denied", "unlink in ro: denied", "read ro: 9 'read only'\n", "ls /ro: inside.txt\n");
            assertThat(lease(pool, contexts, "readonly")).isEqualTo(readonly);
            assertThat(lease(pool, contexts, "files").stdout()).isEqualTo(files.stdout());
            assertThat(pool.stats().created()).isEqualTo(1);
        }
        assertThat(Files.readString(ro.resolve("inside.txt"))).isEqualTo("read only");
    }

    @Test
    void seededRandomAndTheFixedClockRestartEveryLease() {
        WasiPolicy policy = capturing().random(new WasiPolicy.Seeded(42))
                .clocks(new WasiPolicy.Fixed(java.time.Instant.parse("2020-01-01T00:00:00Z"))).build();
        WasiGuestTest.Run onNewContext = WasiGuestTest.probe("random", policy);
        List<WasiContext> contexts = new CopyOnWriteArrayList<>();
        try (PluginPool pool = WasiGuestTest.PROBE.pool(options(Isolation.FRESH, contexts, policy))) {
            for (int i = 0; i < 2; i++) {
                assertThat(lease(pool, contexts, "random").stdout()).isEqualTo(onNewContext.stdout());
                // the virtual clock: the fixed wall time, and a sleep that moves it by exactly the time slept
                assertThat(lease(pool, contexts, "clocks").stdout()).isEqualTo("wall=1577836800\nslept>=20ms yes\n");
            }
        }
        // a context kept between calls goes on where it was: the same seed, the next bytes
        try (WasiContext wasi = Wasi.context(WasiGuestTest.PROBE, policy);
                PluginInstance held = WasiGuestTest.PROBE.instantiate(wasi.imports())) {
            held.call("run", new WitValue.Str("random"));
            held.call("run", new WitValue.Str("random"));
            assertThat(wasi.stdoutText()).startsWith(onNewContext.stdout()).isNotEqualTo(onNewContext.stdout() + onNewContext.stdout());
        }
    }

    @Test
    void aTrapMidCallDropsTheInstanceAndItsContextAndThePoolGoesOn() {
        // 16 random bytes asked for against a limit of 8: the host function refuses, the call traps
        WasiPolicy policy = capturing().limits(new WasiPolicy.Limits(1 << 20, 64, 8, 10_000)).build();
        List<WasiContext> contexts = new CopyOnWriteArrayList<>();
        try (PluginPool pool = WasiGuestTest.PROBE.pool(options(Isolation.FRESH, contexts, policy))) {
            assertThat(lease(pool, contexts, "stdio").stdout()).isEqualTo("to stdout\n");
            assertThatThrownBy(() -> pool.call("run", new WitValue.Str("random"))).isInstanceOf(PluginTrapException.class);
            assertThat(contexts.get(1).isClosed()).isTrue();
            WasiGuestTest.Run after = lease(pool, contexts, "stdio");
            assertThat(after.stdout()).isEqualTo("to stdout\n");
            assertThat(after.stderr()).isEqualTo("to stderr\n");
            assertThat(contexts).hasSize(3);
            assertThat(pool.stats().created()).isEqualTo(2);
            assertThat(pool.stats().traps()).isEqualTo(1);
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
    void importsWithOtherStateToCloseAreStillMadeAfreshForEveryLease() {
        List<WasiContext> contexts = new CopyOnWriteArrayList<>();
        List<String> closed = new CopyOnWriteArrayList<>();
        WasiPolicy policy = capturing().stdin(STDIN).build();
        PoolOptions options = PoolOptions.builder().maxSize(1).imports(() -> {
            WasiContext wasi = Wasi.context(WasiGuestTest.PROBE, policy);
            contexts.add(wasi);
            return wasi.addTo(dev.witbox.runtime.HostImports.builder()).onClose(() -> closed.add("other")).build();
        }).build();
        try (PluginPool pool = WasiGuestTest.PROBE.pool(options)) {
            for (int i = 0; i < 2; i++) {
                assertThat(lease(pool, contexts, "stdin").stdout()).isEqualTo("line one\nline two\nstdin bytes=17\n");
            }
            // link check, first instance's, one per reset: the application's closer is told each time
            assertThat(contexts).hasSize(4);
            assertThat(closed).hasSize(3);
            assertThat(pool.stats().created()).isEqualTo(1);
        }
    }
}
