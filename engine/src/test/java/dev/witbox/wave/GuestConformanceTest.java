package dev.witbox.wave;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witbox.abi.FunctionType;
import dev.witbox.abi.ValueType;
import dev.witbox.abi.WitTypes;
import dev.witbox.api.value.WitValue;
import dev.witbox.wit.Function;
import dev.witbox.wit.Interface;
import dev.witbox.wit.Resolve;
import dev.witbox.wit.Wit;
import dev.witbox.wit.World;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case of every guest under tests/guests/, read with our WIT front end, WitTypes, script
 * parser and WAVE codec: each {@code NAME.expected} line's call binds, its arguments survive a
 * print/parse round trip, and its result — written by jco through the oracle — prints back from
 * our parse as exactly the same text. That is the evidence that our printer writes what the
 * reference host wrote. Each {@code NAME.cases} line binds too, and its own expectation (when it
 * is a value) reads with the call's result type.
 */
class GuestConformanceTest {

    static final Path GUESTS = Path.of("../tests/guests");

    private static final AtomicInteger RESULTS_PRINTED_BACK = new AtomicInteger();
    private static final AtomicInteger TRAP_LINES = new AtomicInteger();
    private static final AtomicInteger ARGUMENTS_ROUND_TRIPPED = new AtomicInteger();

    @AfterAll
    static void report() {
        System.out.printf("guest conformance: %d results printed back exactly, %d trap/unsupported lines, "
                + "%d arguments round-tripped%n", RESULTS_PRINTED_BACK.get(), TRAP_LINES.get(),
                ARGUMENTS_ROUND_TRIPPED.get());
    }

    @Test
    void everyGuestHasCasesAndExpectedResults() {
        List<Path> cases = casesFiles();
        assertThat(cases).extracting(p -> p.getFileName().toString()).contains("add-greet.cases", "values.cases",
                "resources.cases", "misbehave.cases", "nested.cases", "multi-module.cases", "strings-utf16.cases",
                "strings-latin1.cases", "js-hello.cases");
        for (Path c : cases) {
            List<String> caseLines = caseLines(c);
            List<String> expected = lines(expectedFile(c));
            assertThat(expected).as(c.toString()).hasSameSizeAs(caseLines);
            for (int i = 0; i < caseLines.size(); i++) {
                String call = caseLines.get(i).contains("=>")
                        ? caseLines.get(i).substring(0, caseLines.get(i).indexOf("=>")).strip() : caseLines.get(i);
                assertThat(expected.get(i)).as(c + " line " + (i + 1)).startsWith(call + " => ");
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> expectedResultsPrintBackExactly() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path c : casesFiles()) {
            FunctionLookup lookup = lookup(c);
            List<String> lines = lines(expectedFile(c));
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                String name = guestName(c) + ".expected:" + (i + 1);
                tests.add(DynamicTest.dynamicTest(name, () -> checkExpectedLine(line, lookup)));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> casesBindAndTheirExpectationsRead() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path c : casesFiles()) {
            FunctionLookup lookup = lookup(c);
            List<String> lines = caseLines(c);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                tests.add(DynamicTest.dynamicTest(guestName(c) + ".cases #" + (i + 1), () -> checkCaseLine(line, lookup)));
            }
        }
        return tests.stream();
    }

    private static void checkExpectedLine(String line, FunctionLookup lookup) {
        int arrow = line.indexOf(" => ");
        String call = line.substring(0, arrow);
        String result = line.substring(arrow + 4);
        BoundScript script = Script.parse(call).bind(lookup);
        roundTripArguments(script);
        Step last = script.steps().get(script.steps().size() - 1);
        if (result.startsWith("<trap>") || result.startsWith("<unsupported>")) {
            assertThat(ResultLine.item(last, new Outcome.Trapped(result))).isEqualTo("<trap>");
            TRAP_LINES.incrementAndGet();
            return;
        }
        ValueType type = last instanceof Step.Call c ? c.function().type().result() : null;
        if (type == null) {
            assertThat(result).isEqualTo("()");
            assertThat(ResultLine.item(last, new Outcome.Returned(null))).isEqualTo("()");
        } else {
            WitValue value = Wave.parse(result, type);
            assertThat(Wave.print(value, type)).isEqualTo(result);
            assertThat(ResultLine.item(last, new Outcome.Returned(value))).isEqualTo(result);
        }
        RESULTS_PRINTED_BACK.incrementAndGet();
    }

    private static void checkCaseLine(String line, FunctionLookup lookup) {
        int arrow = line.indexOf("=>");
        String call = arrow < 0 ? line : line.substring(0, arrow).strip();
        String expectation = arrow < 0 ? "?" : line.substring(arrow + 2).strip();
        BoundScript script = Script.parse(call).bind(lookup);
        Step last = script.steps().get(script.steps().size() - 1);
        if (expectation.equals("?") || expectation.equals("trap")) {
            return;
        }
        ValueType type = last instanceof Step.Call c ? c.function().type().result() : null;
        if (type == null) {
            assertThat(expectation).isEqualTo("()");
            return;
        }
        WitValue value = Wave.parse(expectation, type);
        assertThat(Wave.parse(Wave.print(value, type), type)).isEqualTo(value);
    }

    /** Each WAVE argument prints canonically and reads back as the same value. */
    private static void roundTripArguments(BoundScript script) {
        for (Step step : script.steps()) {
            if (step instanceof Step.Call call) {
                List<FunctionType.Param> params = call.function().type().params();
                for (int i = 0; i < params.size(); i++) {
                    if (call.arguments().get(i) instanceof Step.Value v) {
                        ValueType t = params.get(i).type();
                        String printed = Wave.print(v.value(), t);
                        WitValue again = Wave.parse(printed, t);
                        assertThat(again).as(printed).isEqualTo(v.value());
                        assertThat(Wave.print(again, t)).isEqualTo(printed);
                        ARGUMENTS_ROUND_TRIPPED.incrementAndGet();
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------ the guests' functions

    /**
     * The functions of a guest: the exports of the worlds of its WIT ({@code NAME.wit} or
     * {@code world.wit}), every interface's functions when that WIT has no world (misbehave's
     * interface), and the world read from its WAT ({@code NAME.wat}) if it has one.
     */
    static FunctionLookup lookup(Path casesFile) {
        Path dir = casesFile.getParent();
        String name = guestName(casesFile);
        WitTypes types = new WitTypes();
        List<ScriptFunction> functions = new ArrayList<>();
        for (Path wit : List.of(dir.resolve(name + ".wit"), dir.resolve("world.wit"))) {
            if (Files.exists(wit)) {
                Resolve resolve = Wit.load(wit, null);
                addAll(functions, resolve, types);
                break;
            }
        }
        Path wat = dir.resolve(name + ".wat");
        if (Files.exists(wat)) {
            Resolve resolve = Wit.parse(name + ".wit", WatExports.worldWit(read(wat), name), null);
            addAll(functions, resolve, types);
        }
        assertThat(functions).as("functions of " + name).isNotEmpty();
        return FunctionLookup.of(functions);
    }

    private static void addAll(List<ScriptFunction> functions, Resolve resolve, WitTypes types) {
        List<World> worlds = resolve.root().worlds();
        for (World w : worlds) {
            functions.addAll(FunctionLookup.exportsOf(w, types).functions());
        }
        if (worlds.isEmpty()) {
            for (Interface iface : resolve.root().interfaces()) {
                for (Function f : iface.allFunctions()) {
                    functions.add(new ScriptFunction(iface.qualifiedName(), f.canonicalName(), types.functionType(f)));
                }
            }
        }
    }

    static List<Path> casesFiles() {
        try (Stream<Path> s = Files.walk(GUESTS)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".cases"))
                    .filter(p -> !p.toString().contains("node_modules") && !p.toString().contains("/build/"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String guestName(Path casesFile) {
        String f = casesFile.getFileName().toString();
        return f.substring(0, f.length() - ".cases".length());
    }

    static Path expectedFile(Path casesFile) {
        return casesFile.resolveSibling(guestName(casesFile) + ".expected");
    }

    /** The case lines: blank lines and # comments left out. */
    static List<String> caseLines(Path casesFile) {
        return lines(casesFile).stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    }

    static List<String> lines(Path p) {
        return read(p).lines().toList();
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
