package dev.witbox.wasi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scenarios of tests/guests/wasi-probe/wasi-probe.scenarios (also run under jco's preview2 shim
 * by the oracle): each gives the same stdout, stderr and result in both forms of the probe, and
 * leaves the host's files outside the granted directory untouched.
 */
class WasiScenarioTest {

    static final Path FILE = Path.of("../tests/guests/wasi-probe/wasi-probe.scenarios");

    /** One scenario: a probe, a policy to build, and what it must print and return. */
    record Scenario(String label, String probe, List<String> args, List<String[]> env, String stdin, String dirMode,
            String dirGuest, int exit, String stdout, String stderr) {
        @Override
        public String toString() {
            return label;
        }
    }

    static List<Scenario> scenarios() throws IOException {
        List<Scenario> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(FILE, StandardCharsets.UTF_8);
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i++);
            if (!line.startsWith("[")) {
                continue;
            }
            String label = line.substring(1, line.indexOf(']'));
            String rest = line.substring(line.indexOf(']') + 1).trim();
            String probe = rest.startsWith("probe=") ? rest.substring(6) : label;
            List<String> args = new ArrayList<>();
            List<String[]> env = new ArrayList<>();
            String stdin = "";
            String dirMode = null;
            String dirGuest = null;
            int exit = 0;
            StringBuilder stdout = new StringBuilder();
            StringBuilder stderr = new StringBuilder();
            for (; i < lines.size() && !lines.get(i).startsWith("["); i++) {
                String l = lines.get(i);
                if (l.isBlank() || l.startsWith("#")) {
                    continue;
                }
                int sp = l.indexOf(' ');
                String key = sp < 0 ? l : l.substring(0, sp);
                String value = sp < 0 ? "" : l.substring(sp + 1);
                switch (key) {
                    case "arg" -> args.add(value);
                    case "env" -> env.add(value.split("=", 2));
                    case "stdin" -> stdin = value.replace("\\n", "\n");
                    case "dir" -> {
                        dirMode = value.split(" ")[0];
                        dirGuest = value.split(" ")[1];
                    }
                    case "exit" -> exit = Integer.parseInt(value);
                    case "out" -> stdout.append(value).append('\n');
                    case "err" -> stderr.append(value).append('\n');
                    default -> throw new IllegalArgumentException(FILE + ": unknown key '" + key + "' in [" + label + "]");
                }
            }
            out.add(new Scenario(label, probe, args, env, stdin, dirMode, dirGuest, exit, stdout.toString(),
                    stderr.toString()));
        }
        return out;
    }

    static Stream<Arguments> runs() throws IOException {
        return scenarios().stream().flatMap(s -> Stream.of(WasiGuestTest.Form.values()).map(f -> Arguments.of(s, f)));
    }

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("runs")
    void printsWhatTheScenarioSays(Scenario s, WasiGuestTest.Form form) throws IOException {
        Path data = Files.createDirectory(tmp.resolve("data"));
        Path outside = Files.createDirectory(tmp.resolve("outside"));
        Files.writeString(data.resolve("inside.txt"), "inside");
        Files.writeString(tmp.resolve("outside.txt"), "secret");
        Files.writeString(outside.resolve("outside.txt"), "secret");
        Files.createSymbolicLink(data.resolve("link-out"), Path.of("../outside"));
        Files.createSymbolicLink(data.resolve("abs-link"), tmp.resolve("outside.txt"));
        Map<String, String> outsideBefore = WasiGuestTest.snapshot(outside);

        WasiPolicy.Builder b = WasiPolicy.builder().stdout(WasiPolicy.Output.capture(1 << 20))
                .stderr(WasiPolicy.Output.capture(1 << 20)).args(s.args())
                .stdin(s.stdin().getBytes(StandardCharsets.UTF_8));
        s.env().forEach(e -> b.env(e[0], e[1]));
        if (s.dirMode() != null) {
            b.preopen(data, s.dirGuest(), s.dirMode().equals("ro") ? WasiPolicy.Access.READ_ONLY : WasiPolicy.Access.READ_WRITE);
        }
        WasiGuestTest.Run r = form.probe(s.probe(), b.build());
        assertThat(r.stdout()).isEqualTo(s.stdout());
        assertThat(r.stderr()).isEqualTo(s.stderr());
        assertThat(r.result()).isEqualTo(s.exit());
        assertThat(WasiGuestTest.snapshot(outside)).isEqualTo(outsideBefore);
        assertThat(Files.readString(tmp.resolve("outside.txt"))).isEqualTo("secret");
    }
}
