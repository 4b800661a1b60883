package dev.witbox.cli;

import dev.witbox.api.PluginTrapException;
import dev.witbox.api.value.WitValue;
import dev.witbox.runtime.ExportedFunction;
import dev.witbox.runtime.Plugin;
import dev.witbox.runtime.PluginInstance;
import dev.witbox.runtime.WitboxEngine;
import dev.witbox.wasi.Wasi;
import dev.witbox.wasi.WasiContext;
import dev.witbox.wasi.WasiPolicy;
import dev.witbox.wave.BoundScript;
import dev.witbox.wave.FunctionLookup;
import dev.witbox.wave.Outcome;
import dev.witbox.wave.ResultLine;
import dev.witbox.wave.Script;
import dev.witbox.wave.ScriptFunction;
import dev.witbox.wave.Step;
import dev.witbox.wave.WaveException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code witbox call FILE SCRIPT}: runs a script of calls on one fresh instance of a component. */
@Command(
        name = "call",
        mixinStandardHelpOptions = true,
        description = {
            "Call a component's exports: run SCRIPT's statements in order on one fresh instance, then print one"
                    + " line with each statement's result (WAVE), joined by '; '.",
            "SCRIPT: statements separated by ';', each NAME(ARG, ...), $VAR = NAME(ARG, ...) or drop($VAR);"
                    + " arguments are WAVE values or $VAR. NAME is an export's name (add, demo:res/api@0.1.0#get,"
                    + " api#[method]counter.get, or just get when unambiguous).",
            "A trap prints <trap> for its statement, ends the script, explains on stderr and exits 1."
        })
final class CallCommand implements Callable<Integer> {

    enum Output { wave, json }

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "a .wasm component")
    private Path file;

    @Parameters(index = "1", paramLabel = "SCRIPT", description = "the calls to make, e.g. 'add(1, 2); greet(\"x\")'")
    private String scriptText;

    @Option(names = "--output", paramLabel = "FORMAT", description = "wave (default): one line of WAVE results;"
            + " json: one JSON document, an array of per-statement results")
    private Output output = Output.wave;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "deadline of each call (default 10;"
            + " 0: none); a call that runs longer traps")
    private double timeoutSeconds = 10;

    @Mixin
    private WasiFlags wasiFlags = new WasiFlags();

    @Option(names = "--arg", paramLabel = "ARG", description = "a program argument the component sees through"
            + " wasi:cli/environment (repeatable)")
    private List<String> programArgs = new ArrayList<>();

    @Option(names = "--verbose", description = "show the stack trace of a trap")
    private boolean verbose;

    @Override
    public Integer call() throws IOException {
        byte[] bytes = InspectCommand.readFile(file);
        Script script;
        try {
            script = Script.parse(scriptText);
        } catch (WaveException e) {
            throw new UsageException("cannot read the script: " + e.getMessage());
        }
        if (!(timeoutSeconds >= 0) || Double.isInfinite(timeoutSeconds)) {
            throw new UsageException("--timeout must be a number of seconds >= 0, not " + timeoutSeconds);
        }
        WitboxEngine.Builder engine = WitboxEngine.builder();
        if (timeoutSeconds > 0) {
            engine.callTimeout(Duration.ofNanos((long) (timeoutSeconds * 1e9)));
        }
        Plugin plugin = RefusedFile.reading(file, () -> engine.build().load(pluginId(file), bytes));
        List<ScriptFunction> functions = new ArrayList<>();
        for (ExportedFunction f : plugin.exports()) {
            String name = f.interfaceName() == null ? f.name() : f.name().substring(f.name().indexOf('#') + 1);
            functions.add(new ScriptFunction(f.interfaceName(), name, f.type()));
        }
        BoundScript bound;
        try {
            bound = script.bind(FunctionLookup.of(functions));
        } catch (WaveException e) {
            throw new UsageException("cannot run the script: " + e.getMessage());
        }

        List<Outcome> outcomes = new ArrayList<>();
        PluginTrapException trap = null;
        int trappedAt = -1;
        PrintWriter guestOut = spec.commandLine().getOut();
        WasiPolicy policy = wasiFlags.policy(programArgs, guestOut, spec.commandLine().getErr());
        try (WasiContext wasi = Wasi.context(plugin, policy);
                PluginInstance instance = plugin.instantiate(wasi.imports())) {
            Map<String, WitValue> variables = new HashMap<>();
            for (Step step : bound.steps()) {
                try {
                    outcomes.add(new Outcome.Returned(run(instance, step, variables)));
                } catch (PluginTrapException e) {
                    trap = e;
                    trappedAt = outcomes.size();
                    outcomes.add(new Outcome.Trapped(e.getMessage()));
                    break;
                }
            }
        }

        PrintWriter out = spec.commandLine().getOut();
        out.println(output == Output.json ? JsonResults.format(bound, outcomes) : ResultLine.format(bound, outcomes));
        out.flush();
        if (trap == null) {
            return ExitStatus.OK;
        }
        PrintWriter err = spec.commandLine().getErr();
        int skipped = bound.steps().size() - trappedAt - 1;
        err.println("witbox: statement " + (trappedAt + 1) + " of " + bound.steps().size() + " trapped: "
                + stripPeriod(trap.getMessage()) + ". A trap means the guest broke a rule of WebAssembly or of the canonical"
                + " ABI (or hit a limit), so witbox stopped it; the instance cannot be used after a trap, so "
                + (skipped == 0 ? "the script ends here." : skipped == 1 ? "the last statement did not run."
                        : "the last " + skipped + " statements did not run.")
                + (verbose ? "" : " (--verbose shows the stack trace)"));
        if (verbose) {
            trap.printStackTrace(err);
        }
        err.flush();
        return ExitStatus.REFUSED;
    }

    private static WitValue run(PluginInstance instance, Step step, Map<String, WitValue> variables) {
        if (step instanceof Step.Drop d) {
            instance.drop((WitValue.Handle) variables.get(d.variable()));
            return null;
        }
        Step.Call call = (Step.Call) step;
        WitValue[] args = new WitValue[call.arguments().size()];
        for (int i = 0; i < args.length; i++) {
            Step.Argument a = call.arguments().get(i);
            args[i] = a.value(variables);
        }
        WitValue result = instance.call(call.function().qualifiedName(), args);
        if (call.variable() != null) {
            variables.put(call.variable(), result);
        }
        return result;
    }

    private static String stripPeriod(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static String pluginId(Path file) {
        String id = file.getFileName().toString();
        return id.endsWith(".wasm") ? id.substring(0, id.length() - 5) : id;
    }
}
