package dev.witbox.wasi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witbox.api.PluginTrapException;
import dev.witbox.api.value.WitValue;
import dev.witbox.runtime.HostImports;
import dev.witbox.runtime.Plugin;
import dev.witbox.runtime.PluginInstance;
import dev.witbox.runtime.WitboxEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Real C programs (tests/guests/wasi-*), each built twice: through jco's preview1 adapters into a
 * component on the WASI 0.2 host, and as a plain wasip1 core module on Chicory's preview 1 under the
 * same policy ({@link WasiCommand}). In both forms what they see is exactly what the policy grants, the
 * output is the same, and nothing outside a preopen is touched.
 */
class WasiGuestTest {

    static final Path OUT = Path.of("../tests/guests/out/wasi");
    static final WitboxEngine ENGINE = WitboxEngine.builder().callTimeout(Duration.ofSeconds(20)).build();
    static final Plugin PROBE = ENGINE.load(OUT.resolve("wasi-probe.wasm"));
    static final Plugin HELLO = ENGINE.load(OUT.resolve("wasi-hello.wasm"));
    static final WasiCommand PROBE_P1 = WasiCommand.load(OUT.resolve("wasi-probe.p1.wasm"));
    static final WasiCommand HELLO_P1 = WasiCommand.load(OUT.resolve("wasi-hello.p1.wasm"));

    /** The two builds of a guest. */
    enum Form {
        /** through the preview1 adapter, on the WASI 0.2 host */
        COMPONENT,
        /** a plain wasip1 command on Chicory's preview 1; the probe's name is its last argument */
        CORE_P1;

        Run probe(String name, WasiPolicy policy) {
            if (this == COMPONENT) {
                return WasiGuestTest.probe(name, policy);
            }
            List<String> args = new java.util.ArrayList<>(policy.args());
            args.add(name);
            WasiCommand.Outcome out = PROBE_P1.run(policy.toBuilder().args(args).build());
            return new Run(out.exitCode(), out.stdoutText(), out.stderrText(), out.deniedCount());
        }
    }

    @TempDir
    Path tmp;
    Path data;
    Path outside;

    @BeforeEach
    void tree() throws IOException {
        data = Files.createDirectory(tmp.resolve("data"));
        outside = Files.createDirectory(tmp.resolve("outside"));
        Files.writeString(data.resolve("inside.txt"), "inside");
        Files.writeString(tmp.resolve("outside.txt"), "secret");
        Files.writeString(outside.resolve("outside.txt"), "secret");
        Files.createSymbolicLink(data.resolve("link-out"), Path.of("../outside"));
        Files.createSymbolicLink(data.resolve("abs-link"), tmp.resolve("outside.txt"));
    }

    record Run(int result, String stdout, String stderr, long denied) {}

    private static WasiPolicy.Builder capturing() {
        return WasiPolicy.builder().stdout(WasiPolicy.Output.capture(1 << 20)).stderr(WasiPolicy.Output.capture(1 << 20));
    }

    static Run probe(String name, WasiPolicy policy) {
        try (WasiContext wasi = Wasi.context(PROBE, policy);
                PluginInstance instance = PROBE.instantiate(wasi.imports())) {
            WitValue r = instance.call("run", new WitValue.Str(name));
            return new Run(((WitValue.S32) r).value(), wasi.stdoutText(), wasi.stderrText(), wasi.deniedCount());
        }
    }

    static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.toList()) {
                String content = Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        ? Files.readString(p) : Files.isSymbolicLink(p) ? "-> " + Files.readSymbolicLink(p) : "dir";
                out.put(root.relativize(p).toString(), content);
            }
        }
        return out;
    }

    @Test
    void theWasiWitLoadsAndResolves() {
        WasiWit wit = WasiWit.get();
        assertThat(wit.functions()).containsKeys("wasi:io/streams", "wasi:io/poll", "wasi:io/error",
                "wasi:clocks/monotonic-clock", "wasi:clocks/wall-clock", "wasi:random/random",
                "wasi:random/insecure", "wasi:random/insecure-seed", "wasi:filesystem/types",
                "wasi:filesystem/preopens", "wasi:cli/environment", "wasi:cli/exit", "wasi:cli/run",
                "wasi:cli/stdin", "wasi:cli/stdout", "wasi:cli/stderr", "wasi:cli/terminal-stdin");
        assertThat(wit.functions().get("wasi:filesystem/types")).hasSize(29);
        assertThat(wit.function("wasi:io/streams", "[method]output-stream.blocking-write-and-flush")).isNotNull();
    }

    @Test
    void everyFunctionOfTheWitIsImplementedButRun() {
        WasiContext ctx = Wasi.context(PROBE, WasiPolicy.denyAll());
        Map<String, WasiHost.Impl> impls = WasiHost.implementations(ctx);
        WasiWit.get().functions().forEach((iface, fs) -> fs.keySet().forEach(f -> {
            // run is the guest's; sockets and http answer from NetworkDenied (NetworkDeniedTest)
            if (!iface.equals("wasi:cli/run") && !NetworkDenied.interfaceMatches(iface)) {
                assertThat(impls).as(iface + "#" + f).containsKey(iface + "#" + f);
            }
        }));
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    void argsAndEnvironmentAreExactlyWhatWasGranted(Form form) {
        Run args = form.probe("args", capturing().args("probe", "one", "two words").build());
        assertThat(args.stdout()).isEqualTo("argc=3\narg[0]=probe\narg[1]=one\narg[2]=two words\n");
        Run env = form.probe("env", capturing().env("A", "1").env("GREETING", "hi there").build());
        assertThat(env.stdout()).isEqualTo("env A=1\nenv GREETING=hi there\nenvc=2\n");
        Run none = form.probe("env", capturing().build());
        assertThat(none.stdout()).isEqualTo("envc=0\n");
        assertThat(form.probe("args", capturing().build()).stdout()).isEqualTo("argc=0\n");
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    void stdoutAndStderrAreCapturedSeparately(Form form) {
        Run r = form.probe("stdio", capturing().build());
        assertThat(r.stdout()).isEqualTo("to stdout\n");
        assertThat(r.stderr()).isEqualTo("to stderr\n");
    }

    @Test
    void captureIsBounded() {
        try (WasiContext wasi = Wasi.context(PROBE, WasiPolicy.builder().stdout(WasiPolicy.Output.capture(4)).build());
                PluginInstance instance = PROBE.instantiate(wasi.imports())) {
            instance.call("run", new WitValue.Str("stdio"));
            assertThat(wasi.stdoutText()).isEqualTo("to s");
            assertThat(wasi.droppedOutputBytes()).isEqualTo(6);
        }
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    void writesOverTheLimitAreRefused(Form form) {
        Run r = form.probe("stdio", capturing().limits(new WasiPolicy.Limits(4, 64, 1 << 20, 100)).build());
        // the adapter writes "to stdout\n" in one blocking-write-and-flush: refused whole, counted
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).isEmpty();
        assertThat(r.denied()).isEqualTo(2);
    }

    @Test
    void discardedByDefault() {
        try (WasiContext wasi = Wasi.context(PROBE, WasiPolicy.denyAll());
                PluginInstance instance = PROBE.instantiate(wasi.imports())) {
            assertThat(instance.call("run", new WitValue.Str("stdio"))).isEqualTo(new WitValue.S32(0));
            assertThat(wasi.stdout()).isEmpty();
            assertThat(wasi.stderr()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    void stdinGivesTheGrantedBytesThenEnds(Form form) {
        Run r = form.probe("stdin", capturing().stdin("line one\nline two".getBytes(StandardCharsets.UTF_8)).build());
        assertThat(r.stdout()).isEqualTo("line one\nline two\nstdin bytes=17\n");
        assertThat(form.probe("stdin", capturing().build()).stdout()).isEqualTo("\nstdin bytes=0\n");
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    void fixedClockIsReproducibleAndSleepsAdvanceIt(Form form) {
        WasiPolicy policy = capturing().clocks(WasiPolicy.Clocks.fixed(Instant.ofEpochSecond(1_700_000_000))).build();
        Run r = form.probe("clocks", policy);
        assertThat(r.result()).isZero();
        assertThat(r.stdout()).isEqualTo("wall=1700000000\nslept>=20ms yes\n");
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    void realClockSleeps(Form form) {
        long t0 = System.nanoTime();
        Run r = form.probe("clocks", capturing().build());
        assertThat(r.result()).isZero();
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(20_000_000L);
        long wall = Long.parseLong(r.stdout().lines().findFirst().orElseThrow().substring(5));
        assertThat(wall).isBetween(Instant.now().getEpochSecond() - 60, Instant.now().getEpochSecond() + 1);
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    void seededRandomIsReproducible(Form form) {
        String a = form.probe("random", capturing().random(WasiPolicy.Randomness.seeded(42)).build()).stdout();
        String b = form.probe("random", capturing().random(WasiPolicy.Randomness.seeded(42)).build()).stdout();
        String c = form.probe("random", capturing().random(WasiPolicy.Randomness.seeded(43)).build()).stdout();
        String s1 = form.probe("random", capturing().build()).stdout();
        String s2 = form.probe("random", capturing().build()).stdout();
        assertThat(a).startsWith("random=").hasSize(7 + 32 + 1).isEqualTo(b).isNotEqualTo(c);
        assertThat(s1).isNotEqualTo(s2);
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    void fileOperationsInAReadWritePreopen(Form form) throws IOException {
        Map<String, String> before = snapshot(tmp);
        Run r = form.probe("files", capturing().preopen(data, "/data", WasiPolicy.Access.READ_WRITE).build());
        assertThat(r.stdout()).isEqualTo("""
                size=11 regular=1
                read=11 'hello World'
                pread=5 'World'
                after seek 'llo'
                truncated size=8
                mtime=1234567890
                mtime=1500000000
                ls /data/d: a.txt sub
                ls /data/d: b.txt sub
                readlink=inside.txt
                files done
                """);
        assertThat(r.result()).isZero();
        assertThat(snapshot(tmp)).isEqualTo(before);
    }

    /** Each attempt and the errno it must fail with: 63 is EPERM (WASI's not-permitted, from the host), 76
     *  ENOTCAPABLE (wasi-libc finds no preopen and asks no host). */
    static final List<String> ESCAPES = List.of(
            "open ../outside.txt: denied errno=63",
            "create ../created.txt: denied errno=63",
            "create sub/../../created.txt: denied errno=63",
            "open /etc/passwd: denied errno=76",
            "open link-out/outside.txt: denied errno=63",
            "create link-out/created.txt: denied errno=63",
            "open abs-link: denied errno=63",
            "mkdir ../evil: denied errno=63",
            "unlink ../outside.txt: denied errno=63",
            "rename inside.txt ../moved.txt: denied errno=63",
            "symlink /etc: denied errno=63",
            "symlink ../..: denied errno=63",
            "stat ../outside.txt: denied errno=63",
            "stat link-out/outside.txt: denied errno=63",
            "opendir ..: denied errno=63",
            "open /secret/x: denied errno=76",
            "link link-out/outside.txt hard: denied errno=63",
            "utimes ../outside.txt: denied errno=63",
            "truncate link-out/outside.txt: denied errno=63",
            "readlink ../outside.txt: denied errno=63");

    @ParameterizedTest
    @EnumSource(Form.class)
    void escapeAttemptsAreDeniedAndTouchNothing(Form form) throws IOException {
        Map<String, String> before = snapshot(tmp);
        WasiPolicy policy = capturing().preopen(data, "/data", WasiPolicy.Access.READ_WRITE).build();
        Run all = form.probe("escape", policy);
        assertThat(all.stdout()).isEqualTo(String.join("\n", ESCAPES) + "\nescape done\n");
        assertThat(all.result()).isZero();
        // reached the host and were refused there (the others libc refuses before asking)
        assertThat(all.denied()).isEqualTo(ESCAPES.stream().filter(e -> e.endsWith("=63")).count());
        assertThat(snapshot(tmp)).isEqualTo(before);
        for (int i = 0; i < ESCAPES.size(); i++) {
            Run one = form.probe("escape=" + (i + 1), policy);
            assertThat(one.stdout()).isEqualTo(ESCAPES.get(i) + "\nescape done\n");
            assertThat(snapshot(tmp)).as("the host's files after: " + ESCAPES.get(i)).isEqualTo(before);
        }
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    void readOnlyPreopenCannotBeChanged(Form form) throws IOException {
        Map<String, String> before = snapshot(tmp);
        Run r = form.probe("readonly", capturing().preopen(data, "/ro", WasiPolicy.Access.READ_ONLY).build());
        assertThat(r.stdout()).contains("read ro: 6 'inside'\nls /ro: abs-link inside.txt link-out\n")
                .endsWith("readonly done\n");
        assertThat(r.result()).isZero();
        assertThat(r.stdout().lines().filter(l -> l.contains("ALLOWED"))).isEmpty();
        assertThat(r.denied()).isGreaterThanOrEqualTo(4);
        assertThat(snapshot(tmp)).isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    void withoutPreopensNothingIsVisible(Form form) {
        Run r = form.probe("files", capturing().build());
        assertThat(r.result()).isGreaterThan(0);
        assertThat(r.stdout()).contains("FAIL mkdir");
        Run other = form.probe("escape", capturing().preopen(data, "/other", WasiPolicy.Access.READ_WRITE).build());
        assertThat(other.stdout()).doesNotContain("ALLOWED");
    }

    @Test
    void leakedDescriptorsGoWithTheInstance() {
        WasiContext wasi = Wasi.context(PROBE, capturing().preopen(data, "/data", WasiPolicy.Access.READ_ONLY).build());
        try (PluginInstance instance = PROBE.instantiate(wasi.imports())) {
            assertThat(instance.call("run", new WitValue.Str("leak"))).isEqualTo(new WitValue.S32(0));
            assertThat(wasi.liveResources()).isGreaterThanOrEqualTo(5);
        }
        wasi.close();
        assertThat(wasi.liveResources()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    void descriptorLimitAnswersAnErrorNotAnException(Form form) {
        WasiPolicy policy = capturing().preopen(data, "/data", WasiPolicy.Access.READ_ONLY)
                .limits(new WasiPolicy.Limits(1 << 20, 3, 1 << 20, 100)).build();
        Run r = form.probe("leak", policy);
        assertThat(r.result()).isGreaterThan(0);
        assertThat(r.denied()).isGreaterThan(0);
    }

    @Test
    void closedDescriptorsAreReleased() {
        try (WasiContext wasi = Wasi.context(PROBE, capturing().preopen(data, "/data", WasiPolicy.Access.READ_WRITE).build());
                PluginInstance instance = PROBE.instantiate(wasi.imports())) {
            instance.call("run", new WitValue.Str("files"));
            int after = wasi.liveResources();
            instance.call("run", new WitValue.Str("files"));
            assertThat(wasi.liveResources()).isEqualTo(after);
        }
    }

    @Test
    void commandRunsAndExitsWithAFailure() {
        WasiPolicy policy = capturing().args("hello", "7").env("GREETING", "hi")
                .stdin("from stdin\n".getBytes(StandardCharsets.UTF_8)).build();
        try (WasiContext wasi = Wasi.context(HELLO, policy);
                PluginInstance instance = HELLO.instantiate(wasi.imports())) {
            assertThatThrownBy(() -> instance.call("wasi:cli/run@0.2.12#run")).isInstanceOf(PluginTrapException.class);
            // the preview1 adapter maps proc_exit(7) to wasi:cli/exit.exit(err): WASI 0.2 carries only
            // success or failure (exit-with-code is unstable), so a host sees 1, as wasmtime does
            assertThat(wasi.exitCode()).isEqualTo(1);
            assertThat(wasi.stdoutText()).isEqualTo("hi from wasi-hello, 2 args\narg hello\narg 7\nfrom stdin\n");
            assertThat(wasi.stderrText()).isEqualTo("bye\n");
        }
    }

    @Test
    void commandReturningZeroEndsNormally() {
        try (WasiContext wasi = Wasi.context(HELLO, capturing().args("hello").build());
                PluginInstance instance = HELLO.instantiate(wasi.imports())) {
            WitValue r = instance.call("wasi:cli/run@0.2.12#run");
            assertThat(r).isEqualTo(new WitValue.Result(true, null));
            assertThat(wasi.exitCode()).isNull();
            assertThat(wasi.stdoutText()).isEqualTo("(no greeting) from wasi-hello, 1 args\narg hello\n");
        }
    }

    @Test
    void theCoreCommandExitsWithItsOwnCode() {
        WasiPolicy policy = capturing().args("hello", "7").env("GREETING", "hi")
                .stdin("from stdin\n".getBytes(StandardCharsets.UTF_8)).build();
        WasiCommand.Outcome out = HELLO_P1.run(policy);
        // preview 1's proc_exit carries the code itself, unlike the component's wasi:cli/exit.exit(result)
        assertThat(out.exitCode()).isEqualTo(7);
        assertThat(out.stdoutText()).isEqualTo("hi from wasi-hello, 2 args\narg hello\narg 7\nfrom stdin\n");
        assertThat(out.stderrText()).isEqualTo("bye\n");
        WasiCommand.Outcome zero = HELLO_P1.run(capturing().args("hello").build());
        assertThat(zero.exitCode()).isZero();
        assertThat(zero.stdoutText()).isEqualTo("(no greeting) from wasi-hello, 1 args\narg hello\n");
    }

    @Test
    void theCoreCommandUsesTheSameSinks() {
        WasiCommand.Outcome bounded = PROBE_P1.run(WasiPolicy.builder().stdout(WasiPolicy.Output.capture(4))
                .args("stdio").build());
        assertThat(bounded.stdoutText()).isEqualTo("to s");
        assertThat(bounded.droppedOutputBytes()).isEqualTo(6);
        WasiCommand.Outcome discarded = PROBE_P1.run(WasiPolicy.builder().args("stdio").build());
        assertThat(discarded.exitCode()).isZero();
        assertThat(discarded.stdout()).isEmpty();
        assertThat(discarded.stderr()).isEmpty();
        java.io.ByteArrayOutputStream host = new java.io.ByteArrayOutputStream();
        PROBE_P1.run(WasiPolicy.builder().stderr(WasiPolicy.Output.stream(host)).args("stdio").build());
        assertThat(host.toString(StandardCharsets.UTF_8)).isEqualTo("to stderr\n");
    }

    @Test
    void bothFormsDrawTheSameBytesFromTheSameSeed() {
        WasiPolicy seeded = capturing().random(WasiPolicy.Randomness.seeded(42)).build();
        assertThat(Form.CORE_P1.probe("random", seeded).stdout()).isEqualTo(Form.COMPONENT.probe("random", seeded).stdout());
    }

    @Test
    void aCoreModuleImportingMoreThanWasiIsRefused() {
        assertThatThrownBy(() -> WasiCommand.load(Path.of("../tests/guests/out/add-greet.core.wasm"))
                .run(WasiPolicy.denyAll()))
                .isInstanceOf(dev.witbox.api.WitboxException.class).hasMessageContaining("_start");
    }

    @Test
    void tinyReactorNowLinksAndRuns() {
        Plugin tiny = ENGINE.load(Path.of("src/test/resources/components/tiny-reactor.wasm"));
        StringBuilder logged = new StringBuilder();
        try (WasiContext wasi = Wasi.context(tiny, capturing().build())) {
            HostImports.Builder b = HostImports.builder().function(null, "log",
                    tiny.imports().stream().filter(i -> i.functionName().equals("log")).findFirst().orElseThrow().type(),
                    args -> {
                        logged.append(((WitValue.Str) args[0]).value());
                        return null;
                    });
            try (PluginInstance instance = tiny.instantiate(wasi.addTo(b).build())) {
                assertThat(instance.call("greet", new WitValue.Str("wasi"))).isEqualTo(new WitValue.Str("hello, wasi"));
            }
            assertThat(logged.toString()).isEqualTo("hello, wasi");
            assertThat(wasi.stderrText()).isEqualTo("hello, wasi");
        }
    }
}
