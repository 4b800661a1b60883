package dev.witbox.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every line of every guest's {@code NAME.cases}, run on a fresh instance, must give exactly what the
 * reference host (jco) gave, as recorded in {@code NAME.expected}: the same WAVE text, or a trap.
 *
 * <p>Where jco disagrees with the spec ({@code NAME.disagreements}), the spec wins and the case's own
 * expectation (written from the spec) is pinned instead. {@code <unsupported>} lines (jco cannot run
 * {@code latin1+utf16}) are checked against {@code runtime/NAME.spec-expected}, results derived from
 * the Canonical ABI spec.
 */
class GuestCasesTest {

    /**
     * Lines where both jco and the case's author expected what the spec does not say. Pinned to the spec.
     *
     * <p>misbehave {@code take-list([])}: the spec's {@code store_list_into_range} calls
     * {@code cx.allocate} (realloc) even for an empty list and traps when the pointer is misaligned; this
     * export's realloc returns a pointer off by one. jco passes {@code ptr=1} without calling realloc.
     */
    private static final java.util.Map<String, String> SPEC_OVERRIDES = java.util.Map.of(
            "misbehave:take-list([])", "trap");

    private static final Pattern DISAGREEMENT = Pattern.compile("^\\S+\\.cases:(\\d+): ");

    @TestFactory
    Stream<DynamicContainer> everyCaseOfEveryGuest() {
        List<DynamicContainer> guests = new ArrayList<>();
        for (String name : Guests.names()) {
            guests.add(DynamicContainer.dynamicContainer(name, cases(name)));
        }
        return guests.stream();
    }

    private static Stream<DynamicTest> cases(String name) {
        Path casesFile = Guests.guestFile(name, ".cases");
        List<String> expected = Guests.lines(Guests.guestFile(name, ".expected"));
        Set<Integer> specWins = disagreeingLines(casesFile);
        List<DynamicTest> tests = new ArrayList<>();
        List<String> raw = readAll(casesFile);
        int caseIndex = 0;
        for (int lineNo = 1; lineNo <= raw.size(); lineNo++) {
            String line = raw.get(lineNo - 1).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String jco = expected.get(caseIndex++);
            int arrow = jco.indexOf(" => ");
            String call = jco.substring(0, arrow);
            String want = jco.substring(arrow + 4);
            String why = "jco";
            if (want.startsWith("<unsupported>")) {
                want = specExpected(name, call);
                why = "spec (jco cannot run this component)";
            } else if (specWins.contains(lineNo)) {
                // jco disagrees with the spec here (see NAME.disagreements): follow the spec
                int a = line.indexOf("=>");
                want = line.substring(a + 2).strip();
                why = "spec (jco disagrees: " + jco.substring(arrow + 4, Math.min(jco.length(), arrow + 60)) + ")";
            }
            String override = SPEC_OVERRIDES.get(name + ":" + call);
            if (override != null) {
                want = override;
                why = "spec (jco and the case both say " + jco.substring(arrow + 4) + ", see SPEC_OVERRIDES)";
            }
            String expectation = want;
            String source = why;
            tests.add(DynamicTest.dynamicTest(name + ":" + lineNo + " " + abbreviate(call),
                    () -> check(name, call, expectation, source)));
        }
        return tests.stream();
    }

    private static void check(String name, String call, String want, String source) {
        Guests.Run run = Guests.run(Guests.plugin(name), call);
        if (want.startsWith("<trap>") || want.equals("trap")) {
            assertThat(run.trap()).as("%s should trap (%s), gave %s", call, source, run.printed()).isNotNull();
            assertThat(run.trap().getMessage()).contains("plugin '" + name + "' trapped in '");
            assertThat(run.trap().getCause()).as("trap cause").isNotNull();
            return;
        }
        if (run.trap() != null) {
            throw new AssertionError(call + " trapped, expected " + want + " (" + source + ")", run.trap());
        }
        assertThat(run.printed()).as("%s (expected per %s)", call, source).isEqualTo(want);
    }

    private static Set<Integer> disagreeingLines(Path casesFile) {
        Path d = casesFile.resolveSibling(casesFile.getFileName().toString().replace(".cases", ".disagreements"));
        Set<Integer> lines = new HashSet<>();
        if (Files.exists(d)) {
            for (String l : readAll(d)) {
                Matcher m = DISAGREEMENT.matcher(l);
                if (m.find()) {
                    lines.add(Integer.parseInt(m.group(1)));
                }
            }
        }
        return lines;
    }

    private static String specExpected(String name, String call) {
        Path file = Path.of("src/test/resources/runtime/" + name + ".spec-expected");
        for (String l : Guests.lines(file)) {
            if (l.startsWith(call + " => ")) {
                return l.substring(call.length() + 4);
            }
        }
        throw new AssertionError("no spec-derived expectation for " + call + " in " + file);
    }

    private static List<String> readAll(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
