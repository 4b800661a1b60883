package dev.witbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The component-model conformance cases of {@code tests/guests/wat-conformance/}, written in the spec's text
 * format and built by jco's {@code parse} ({@code tests/guests/wat-conformance.sh}). Each source cites the
 * rule it exercises ({@code ;; spec:}); the verdict comes from the directory and is checked against what an
 * independent validator said of the binary ({@code NAME.oracle}, wasm-tools' validator as {@code jco
 * transpile} runs it), unless the source records a cited disagreement ({@code ;; oracle-disagrees:}):
 *
 * <ul>
 *   <li>{@code valid/}: witbox loads it, and every {@code ;; call: SCRIPT => LINE} gives that line;
 *   <li>{@code invalid/}: the validator refuses it, and so does witbox, with {@code ;; expect:} in its message;
 *   <li>{@code refused/}: valid, but witbox refuses it at load by design (a feature it does not run), with
 *       {@code ;; expect:} in its message.
 * </ul>
 *
 * Whatever the verdict, no command ends in an internal error.
 */
class WatConformanceTest {

    static final Path ROOT = Path.of("../tests/guests/wat-conformance");

    record Case(String dir, String name, List<String> header) {
        Path wasm() {
            return ROOT.resolve(dir).resolve(name + ".wasm");
        }

        List<String> values(String key) {
            String prefix = ";; " + key + ":";
            return header.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()).trim()).toList();
        }

        @Override
        public String toString() {
            return dir + "/" + name;
        }
    }

    static Stream<Case> cases(String dir) throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve(dir))) {
            List<Case> cases = files.filter(p -> p.toString().endsWith(".wat")).sorted().map(p -> {
                try {
                    String name = p.getFileName().toString().replaceFirst("\\.wat$", "");
                    List<String> header = Files.readAllLines(p).stream().takeWhile(l -> l.startsWith(";;")).toList();
                    return new Case(dir, name, header);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
            assertThat(cases).as(dir).isNotEmpty();
            return cases.stream();
        }
    }

    static Stream<Case> valid() throws IOException {
        return cases("valid");
    }

    /** invalid/ and refused/: both refused at load, only refused/ is valid by the spec. */
    static Stream<Case> refusals() throws IOException {
        return Stream.concat(cases("invalid"), cases("refused"));
    }

    private static String oracle(Case c) throws IOException {
        return Files.readString(ROOT.resolve(c.dir()).resolve(c.name() + ".oracle")).trim();
    }

    private static void citesTheSpec(Case c) {
        assertThat(c.values("spec")).as("%s cites the rule it exercises", c).isNotEmpty();
    }

    private static void oracleSays(Case c, boolean valid) throws IOException {
        if (!c.values("oracle-disagrees").isEmpty()) {
            assertThat(oracle(c)).as("%s records a disagreement, so the validator must disagree", c)
                    .startsWith(valid ? "invalid:" : "valid");
            return;
        }
        assertThat(oracle(c)).as("the validator's verdict on %s", c).startsWith(valid ? "valid" : "invalid:");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void validComponentsLoadAndRunAsTheSpecSays(Case c) throws IOException {
        citesTheSpec(c);
        oracleSays(c, true);
        for (String call : c.values("call")) {
            String[] parts = call.split(" => ", 2);
            CliRunner cli = new CliRunner();
            int status = cli.run("call", c.wasm().toString(), parts[0]);
            assertThat(cli.err()).as("%s: %s", c, parts[0]).isEmpty();
            assertThat(status).isZero();
            assertThat(cli.out().trim()).as("%s: %s", c, parts[0]).isEqualTo(parts[1].trim());
        }
        if (c.values("call").isEmpty()) {
            CliRunner cli = new CliRunner();
            // loads, then finds no such export: a usage error, not a refusal of the component
            assertThat(cli.run("call", c.wasm().toString(), "no-such-export()")).as("%s: %s", c, cli.err())
                    .isEqualTo(ExitStatus.USAGE);
        }
        inspectEndsCleanly(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusedAtLoadNamingTheRuleOrTheFeature(Case c) throws IOException {
        citesTheSpec(c);
        oracleSays(c, c.dir().equals("refused"));
        refusedAtLoad(c);
    }

    private static void refusedAtLoad(Case c) {
        List<String> expect = c.values("expect");
        assertThat(expect).as("%s states the expected refusal", c).isNotEmpty();
        CliRunner cli = new CliRunner();
        int status = cli.run("call", c.wasm().toString(), "no-such-export()");
        assertThat(status).as("%s: %s", c, cli.err()).isEqualTo(ExitStatus.REFUSED);
        for (String e : expect) {
            assertThat(cli.err()).as(c.toString()).contains(e);
        }
        inspectEndsCleanly(c);
    }

    private static void inspectEndsCleanly(Case c) {
        CliRunner cli = new CliRunner();
        int status = cli.run("inspect", "--verbose", c.wasm().toString());
        assertThat(status).as("%s: %s", c, cli.err()).isIn(ExitStatus.OK, ExitStatus.REFUSED);
    }
}
