package dev.witbox.wasi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witbox.api.PluginTrapException;
import dev.witbox.api.value.WitValue;
import dev.witbox.runtime.Plugin;
import dev.witbox.runtime.PluginInstance;
import dev.witbox.runtime.WitboxEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real preview 1 programs (tests/guests/wasi-p1: C with wasi-libc, Rust std) run the scenarios of
 * wasi-p1.scenarios on witbox's two paths — the plain wasip1 command on Chicory's preview 1
 * ({@link WasiCommand}) and the same program built through the preview1 command adapter on the WASI
 * 0.2 host — and must print exactly what node's {@code node:wasi} (uvwasi, an independent preview 1
 * host) printed for them (wasi-p1.expected, written by oracle/node-wasi.mjs), except where
 * wasi-p1.disagreements records that node departs from wasmtime, whose behaviour is the rule where
 * the spec is silent (each disagreement gives its reason and the wasmtime source it follows).
 * A component's failure exit is 1 whatever the code (the adapter's {@code proc_exit} carries only
 * success or failure), so the component must exit 0 exactly when node did.
 */
class WasiPreviewOneOracleTest {

    static final Path DIR = Path.of("../tests/guests/wasi-p1");
    static final Path OUT = Path.of("../tests/guests/out/wasi");
    static final WitboxEngine ENGINE = WitboxEngine.builder().callTimeout(Duration.ofSeconds(60)).build();
    static final Map<String, Plugin> COMPONENTS = new ConcurrentHashMap<>();
    static final Map<String, WasiCommand> COMMANDS = new ConcurrentHashMap<>();

    enum Form { CORE_P1, COMPONENT }

    record Scenario(String label, String program, List<String> args, Map<String, String> env) {
        @Override
        public String toString() {
            return label;
        }
    }

    record Run(int exit, String output) {}

    @TempDir
    Path tmp;

    static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && (s.charAt(i + 1) == 'n' || s.charAt(i + 1) == '\\')) {
                b.append(s.charAt(++i) == 'n' ? '\n' : '\\');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    static List<Scenario> scenarios() throws IOException {
        List<Scenario> out = new ArrayList<>();
        Scenario cur = null;
        for (String line : Files.readAllLines(DIR.resolve("wasi-p1.scenarios"), StandardCharsets.UTF_8)) {
            if (line.startsWith("[")) {
                String label = line.substring(1, line.indexOf(']'));
                String program = line.substring(line.indexOf("program=") + 8).trim();
                cur = new Scenario(label, program, new ArrayList<>(), new LinkedHashMap<>());
                out.add(cur);
            } else if (!line.isBlank() && !line.startsWith("#")) {
                int sp = line.indexOf(' ');
                String key = sp < 0 ? line : line.substring(0, sp);
                String value = unescape(sp < 0 ? "" : line.substring(sp + 1));
                switch (key) {
                    case "arg" -> cur.args().add(value);
                    case "env" -> cur.env().put(value.substring(0, value.indexOf('=')), value.substring(value.indexOf('=') + 1));
                    default -> throw new IllegalArgumentException("unknown key " + key);
                }
            }
        }
        return out;
    }

    /** Blocks of a file made of {@code [label]} headers and lines. */
    static Map<String, List<String>> blocks(Path file) throws IOException {
        Map<String, List<String>> out = new HashMap<>();
        List<String> cur = null;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.startsWith("[") && line.endsWith("]")) {
                cur = new ArrayList<>();
                out.put(line.substring(1, line.length() - 1), cur);
            } else if (cur != null && !line.isEmpty() && !line.startsWith("#")) {
                cur.add(line);
            }
        }
        return out;
    }

    /**
     * What witbox must print: node's lines, with each recorded hunk of node lines ({@code - line})
     * replaced by wasmtime's ({@code + line}).
     */
    static List<String> expected(String label) throws IOException {
        List<String> lines = new ArrayList<>(blocks(DIR.resolve("wasi-p1.expected")).get(label));
        List<String> hunks = blocks(DIR.resolve("wasi-p1.disagreements")).getOrDefault(label, List.of());
        int i = 0;
        while (i < hunks.size()) {
            List<String> minus = new ArrayList<>();
            List<String> plus = new ArrayList<>();
            while (i < hunks.size() && hunks.get(i).startsWith("- ")) {
                minus.add(hunks.get(i++).substring(2));
            }
            while (i < hunks.size() && hunks.get(i).startsWith("+ ")) {
                plus.add(hunks.get(i++).substring(2));
            }
            if (minus.isEmpty() && plus.isEmpty()) {
                i++; // a reason line
                continue;
            }
            int at = java.util.Collections.indexOfSubList(lines, minus);
            assertThat(at).as("[%s] disagreement '- %s' not in node's output", label, minus).isGreaterThanOrEqualTo(0);
            lines.subList(at, at + minus.size()).clear();
            lines.addAll(at, plus);
        }
        return lines;
    }

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (Scenario s : scenarios()) {
            for (Form f : Form.values()) {
                out.add(Arguments.of(s, f));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void printsWhatNodeWasiPrintsExceptRecordedDeviations(Scenario s, Form form) throws IOException {
        Path data = Files.createDirectory(tmp.resolve("data"));
        Files.createDirectory(tmp.resolve("outside"));
        Files.writeString(tmp.resolve("outside/secret"), "secret");
        WasiPolicy policy = WasiPolicy.builder().args(s.args()).env(s.env())
                .stdout(WasiPolicy.Output.capture(1 << 20)).stderr(WasiPolicy.Output.capture(1 << 20))
                .preopen(data, "/data", WasiPolicy.Access.READ_WRITE).build();
        Run run = form == Form.CORE_P1 ? core(s.program(), policy) : component(s.program(), policy);
        List<String> want = expected(s.label());
        int nodeExit = Integer.parseInt(want.get(0).substring("exit ".length()));
        List<String> got = new ArrayList<>();
        got.add("exit " + (form == Form.COMPONENT && run.exit() != 0 && nodeExit != 0 ? nodeExit : run.exit()));
        run.output().lines().forEach(got::add);
        assertThat(String.join("\n", got)).isEqualTo(String.join("\n", want));
        assertThat(Files.readString(tmp.resolve("outside/secret"))).isEqualTo("secret");
        try (Stream<Path> st = Files.list(tmp.resolve("outside"))) {
            assertThat(st.count()).as("nothing appears outside the preopen").isEqualTo(1);
        }
    }

    /**
     * Not from node (it has no read-only preopens): a directory descriptor opened from a read-only
     * preopen, or from a directory under it, inherits its read-only permission on both paths, as in
     * wasmtime (Dir::open_at hands the new descriptor the parent's perms), whatever the program asks for.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(Form.class)
    void directoriesOpenedFromAReadOnlyPreopenChangeNothing(Form form) throws IOException {
        Path ro = Files.createDirectory(tmp.resolve("ro"));
        Files.writeString(ro.resolve("in.txt"), "inside");
        Files.createDirectory(ro.resolve("sub"));
        Map<String, String> before = WasiGuestTest.snapshot(tmp);
        WasiPolicy policy = WasiPolicy.builder().args("posix", "rodirfd")
                .stdout(WasiPolicy.Output.capture(1 << 20)).stderr(WasiPolicy.Output.capture(1 << 20))
                .preopen(ro, "/ro", WasiPolicy.Access.READ_ONLY).build();
        Run run = form == Form.CORE_P1 ? core("posix", policy) : component("posix", policy);
        assertThat(run.output()).isEqualTo(String.join("\n",
                "out open /ro O_DIRECTORY: ok",
                "out mkdirat: EROFS",
                "out openat O_CREAT: EROFS",
                "out openat in.txt O_WRONLY: EROFS",
                "out openat sub O_DIRECTORY: ok",
                "out mkdirat in sub: EROFS",
                "out renameat from sub: EROFS",
                "out linkat into sub: EROFS",
                "out symlinkat in sub: EROFS",
                "out unlinkat sub AT_REMOVEDIR: EROFS",
                "out utimensat in.txt: EROFS",
                "out unlinkat in.txt: EROFS",
                "out openat in.txt O_RDONLY: ok",
                "out in.txt: 'inside'",
                "out ls /ro: in.txt sub", ""));
        assertThat(run.exit()).isZero();
        assertThat(WasiGuestTest.snapshot(tmp)).isEqualTo(before);
    }

    static Run core(String program, WasiPolicy policy) {
        WasiCommand cmd = COMMANDS.computeIfAbsent(program, p -> WasiCommand.load(OUT.resolve(p + ".p1.wasm")));
        WasiCommand.Outcome o;
        try {
            o = cmd.run(policy);
        } catch (PluginTrapException e) {
            return new Run(-1, "trap " + e.getMessage() + "\n");
        }
        return new Run(o.exitCode(), prefixed(o.stdoutText(), "out") + prefixed(o.stderrText(), "err"));
    }

    static Run component(String program, WasiPolicy policy) {
        Plugin plugin = COMPONENTS.computeIfAbsent(program, p -> ENGINE.load(OUT.resolve(p + ".wasm")));
        try (WasiContext wasi = Wasi.context(plugin, policy);
                PluginInstance instance = plugin.instantiate(wasi.imports())) {
            int exit;
            try {
                WitValue r = instance.call("wasi:cli/run@0.2.12#run");
                exit = ((WitValue.Result) r).isOk() ? 0 : 1;
            } catch (PluginTrapException e) {
                if (wasi.exitCode() == null) {
                    return new Run(-1, prefixed(wasi.stdoutText(), "out") + prefixed(wasi.stderrText(), "err")
                            + "trap " + e.getMessage() + "\n");
                }
                exit = wasi.exitCode();
            }
            return new Run(exit, prefixed(wasi.stdoutText(), "out") + prefixed(wasi.stderrText(), "err"));
        }
    }

    private static String prefixed(String text, String key) {
        StringBuilder b = new StringBuilder();
        text.lines().forEach(l -> b.append(key).append(' ').append(l).append('\n'));
        return b.toString();
    }
}
