package dev.witbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witbox.cli.WitboxJarTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code witbox call} through the real jar, for a sample of every guest's cases (every n-th line of its
 * {@code .expected}, about four per guest) against the reference host's results. The whole case list is the
 * runtime's own conformance test; this proves the command-line path end to end: argument passing, the
 * script, the result line, the exit status of a trap.
 *
 * <p>Left out: cases in {@code NAME.disagreements} (where jco is wrong and witbox follows the spec), and jco's
 * {@code <unsupported>} results; strings-latin1, which jco cannot run, is checked against the spec-derived
 * results in {@code engine/src/test/resources/runtime/strings-latin1.spec-expected}. Where the spec and jco
 * differ without a recorded disagreement, {@link #SPEC} holds the spec's result (as the runtime's
 * {@code GuestCasesTest} does).
 */
class WitboxCallJarTest {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Path GUESTS = REPOSITORY.resolve("tests/guests");
    private static final int PER_GUEST = 4;
    private static final Pattern DISAGREEMENT = Pattern.compile("^\\S+\\.cases:\\d+: (.*)$");

    /** misbehave {@code take-list([])}: the spec calls realloc even for an empty list; jco does not. */
    private static final java.util.Map<String, String> SPEC = java.util.Map.of("misbehave:take-list([])", "<trap>");

    record Case(String component, String script, String expected) {
        @Override
        public String toString() {
            return component + ": " + (script.length() > 80 ? script.substring(0, 77) + "..." : script);
        }
    }

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        sample(out, "add-greet", GUESTS.resolve("add-greet/add-greet.expected"));
        sample(out, "values", GUESTS.resolve("values/values.expected"));
        sample(out, "resources", GUESTS.resolve("resources/resources.expected"));
        sample(out, "misbehave", GUESTS.resolve("misbehave/misbehave.expected"));
        sample(out, "multi-module", GUESTS.resolve("wat/multi-module.expected"));
        sample(out, "nested", GUESTS.resolve("wat/nested.expected"));
        sample(out, "strings-utf16", GUESTS.resolve("wat/strings-utf16.expected"));
        sample(out, "strings-latin1", REPOSITORY.resolve("engine/src/test/resources/runtime/strings-latin1.spec-expected"));
        return out.stream();
    }

    private static void sample(List<Arguments> out, String component, Path expectedFile) throws IOException {
        Set<String> disagreements = new HashSet<>();
        Path dis = expectedFile.resolveSibling(component + ".disagreements");
        if (Files.exists(dis)) {
            for (String line : Files.readAllLines(dis)) {
                Matcher m = DISAGREEMENT.matcher(line);
                if (m.matches()) {
                    disagreements.add(m.group(1).strip());
                }
            }
        }
        List<Case> usable = new ArrayList<>();
        for (String line : Files.readAllLines(expectedFile)) {
            int arrow = line.lastIndexOf(" => ");
            if (line.isBlank() || line.startsWith("#") || arrow < 0) {
                continue;
            }
            String script = line.substring(0, arrow).strip();
            String result = SPEC.getOrDefault(component + ":" + script, line.substring(arrow + 4).strip());
            if (!result.startsWith("<unsupported>") && !disagreements.contains(script)) {
                usable.add(new Case(component, script, result));
            }
        }
        assertThat(usable).as("usable cases of %s", component).isNotEmpty();
        int step = Math.max(1, usable.size() / PER_GUEST);
        for (int i = 0; i < usable.size(); i += step) {
            out.add(Arguments.of(usable.get(i)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void witboxCallGivesTheReferenceResult(Case c) throws Exception {
        Run run = WitboxJarTest.witbox("call", "--timeout", "3", "tests/guests/out/" + c.component() + ".wasm", c.script());

        String line = run.out().strip();
        if (c.expected().startsWith("<trap>")) {
            assertThat(run.status()).as("exit status; stderr: %s", run.err()).isEqualTo(1);
            assertThat(line).satisfiesAnyOf(l -> assertThat(l).isEqualTo("<trap>"), l -> assertThat(l).endsWith("; <trap>"));
            assertThat(run.err()).contains("trapped").doesNotContain("\tat ");
        } else {
            assertThat(run.status()).as("exit status; stderr: %s", run.err()).isZero();
            assertThat(run.err()).isEmpty();
            assertThat(line).satisfiesAnyOf(l -> assertThat(l).isEqualTo(c.expected()),
                    l -> assertThat(l).endsWith("; " + c.expected()));
        }
    }
}
