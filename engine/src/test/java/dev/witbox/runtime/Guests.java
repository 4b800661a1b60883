package dev.witbox.runtime;

import dev.witbox.api.PluginTrapException;
import dev.witbox.api.value.WitValue;
import dev.witbox.wave.BoundScript;
import dev.witbox.wave.FunctionLookup;
import dev.witbox.wave.Outcome;
import dev.witbox.wave.Script;
import dev.witbox.wave.ScriptFunction;
import dev.witbox.wave.Step;
import dev.witbox.wave.ResultLine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** The guests of tests/guests/, loaded once per test run, and a runner for their case lines. */
final class Guests {

    static final Path ROOT = Path.of("../tests/guests");
    static final Path OUT = ROOT.resolve("out");

    /** Deadline for the infinite-loop case; memory cap so the memory bomb fails fast. */
    static final WitboxEngine ENGINE = WitboxEngine.builder()
            .callTimeout(Duration.ofSeconds(3))
            .maxMemoryBytes(128L << 20)
            .build();

    private static final Map<String, Plugin> PLUGINS = new ConcurrentHashMap<>();

    private Guests() {}

    /**
     * Every component guest with a cases file (add-greet.core.wasm is a plain core module; the
     * {@code .embed.wasm} core modules with an embedded world run through {@code EmbeddedModuleTest}).
     */
    static List<String> names() {
        try (Stream<Path> s = Files.list(OUT)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".wasm") && !n.endsWith(".core.wasm") && !n.endsWith(".embed.wasm"))
                    .map(n -> n.substring(0, n.length() - 5))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Plugin plugin(String name) {
        return PLUGINS.computeIfAbsent(name, n -> ENGINE.load(OUT.resolve(n + ".wasm")));
    }

    /** {@code NAME.cases} / {@code NAME.expected} live in the guest's source folder (wat/ for WAT guests). */
    static Path guestFile(String name, String extension) {
        try (Stream<Path> s = Files.list(ROOT)) {
            return s.map(d -> d.resolve(name + extension)).filter(Files::exists).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + name + extension));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FunctionLookup lookup(Plugin plugin) {
        List<ScriptFunction> functions = new ArrayList<>();
        for (ExportedFunction f : plugin.exports()) {
            functions.add(new ScriptFunction(f.interfaceName(), f.functionName(), f.type()));
        }
        return FunctionLookup.of(functions);
    }

    /** What running one case line gave: the last statement's printed result, or the trap. */
    record Run(String printed, PluginTrapException trap) {}

    /** Runs every statement of {@code call} on a fresh instance. */
    /**
     * Runs every case line of {@code guest}'s {@code .expected} file on {@code plugin} and on the guest as this
     * test run compiles it, and checks both print the same and trap alike (for plugins had another way: from a
     * compile cache, from build-time classes).
     */
    static void assertEveryCaseAnswersAsCompiledHere(String guest, Plugin plugin) {
        Plugin compiledHere = plugin(guest);
        List<String> cases = lines(guestFile(guest, ".expected"));
        org.assertj.core.api.Assertions.assertThat(cases).hasSizeGreaterThan(20);
        for (String line : cases) {
            String call = line.substring(0, line.indexOf(" => "));
            Run other = run(plugin, call);
            Run reference = run(compiledHere, call);
            org.assertj.core.api.Assertions.assertThat(other.printed()).as(call).isEqualTo(reference.printed());
            org.assertj.core.api.Assertions.assertThat(other.trap() == null).as(call)
                    .isEqualTo(reference.trap() == null);
        }
    }

    static Run run(Plugin plugin, String call) {
        BoundScript script = Script.parse(call).bind(lookup(plugin));
        Map<String, WitValue> variables = new HashMap<>();
        List<Outcome> outcomes = new ArrayList<>();
        try (PluginInstance instance = plugin.instantiate()) {
            for (Step step : script.steps()) {
                try {
                    if (step instanceof Step.Drop d) {
                        instance.drop((WitValue.Handle) variables.get(d.variable()));
                        outcomes.add(new Outcome.Returned(null));
                    } else {
                        Step.Call c = (Step.Call) step;
                        WitValue[] args = new WitValue[c.arguments().size()];
                        for (int i = 0; i < args.length; i++) {
                            args[i] = c.arguments().get(i).value(variables);
                        }
                        WitValue result = instance.call(c.function().qualifiedName(), args);
                        if (c.variable() != null) {
                            variables.put(c.variable(), result);
                        }
                        outcomes.add(new Outcome.Returned(result));
                    }
                } catch (PluginTrapException e) {
                    return new Run(null, e);
                }
            }
        }
        Step last = script.steps().get(script.steps().size() - 1);
        List<Step> onlyLast = List.of(last);
        return new Run(ResultLine.format(new BoundScript(onlyLast), List.of(outcomes.get(outcomes.size() - 1))), null);
    }
}
