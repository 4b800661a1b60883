package dev.witbox.cli;

import dev.witbox.api.PluginTrapException;
import dev.witbox.api.value.WitValue;
import dev.witbox.runtime.ExportedFunction;
import dev.witbox.runtime.Plugin;
import dev.witbox.runtime.PluginInstance;
import dev.witbox.runtime.WitboxEngine;
import dev.witbox.wasi.Wasi;
import dev.witbox.wasi.WasiCommand;
import dev.witbox.wasi.WasiContext;
import dev.witbox.wasi.WasiPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code witbox run FILE [-- ARGS...]}: runs a command component's {@code wasi:cli/run}, or a WASI
 * preview 1 core module's {@code _start}.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Run a WASI command component (one that exports wasi:cli/run, e.g. a C program built with the preview1"
                    + " command adapter), or a WASI preview 1 core module's _start (clang --target=wasm32-wasi), with"
                    + " exactly the capabilities given here and nothing else: no environment, no directories, empty"
                    + " stdin unless granted. stdout and stderr are the terminal's.",
            "Exits with the guest's exit status: 0 when run returns ok, 1 when it returns err or exits with a failure"
                    + " (WASI 0.2 carries no other code), the code given to exit-with-code; a core module's proc_exit"
                    + " code; 134 when the guest traps."
        })
final class RunCommand implements Callable<Integer> {

    /** What a trapped guest exits with (as wasmtime: 128 + SIGABRT). */
    static final int TRAPPED = 134;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "a .wasm command component or WASI preview 1 core module")
    private Path file;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "the program's arguments (after --); the"
            + " program sees FILE's name as its first argument")
    private List<String> args = new ArrayList<>();

    @Mixin
    private WasiFlags flags = new WasiFlags();

    @Override
    public Integer call() throws IOException {
        byte[] bytes = InspectCommand.readFile(file);
        List<String> argv = new ArrayList<>();
        argv.add(file.getFileName().toString());
        argv.addAll(args);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        WasiPolicy policy = flags.policy(argv, out, err);

        if (WasiCommand.isPreviewOneModule(bytes)) {
            return runCoreModule(bytes, policy, out, err);
        }
        Plugin plugin = RefusedFile.reading(file, () -> WitboxEngine.create().load(file.getFileName().toString(), bytes));
        ExportedFunction run = plugin.exports().stream()
                .filter(f -> f.name().startsWith("wasi:cli/run@0.2.") && f.name().endsWith("#run"))
                .findFirst()
                .orElseThrow(() -> new dev.witbox.api.WitboxException(file + " is not a command: it does not export"
                        + " wasi:cli/run@0.2.x (witbox call runs the exports of other components)"));
        try (WasiContext wasi = Wasi.context(plugin, policy);
                PluginInstance instance = plugin.instantiate(wasi.imports())) {
            try {
                WitValue result = instance.call(run.name());
                return result instanceof WitValue.Result r && r.isOk() ? 0 : 1;
            } catch (PluginTrapException e) {
                if (wasi.exitCode() != null) {
                    return wasi.exitCode();
                }
                out.flush();
                err.println("witbox: " + plugin.id() + " trapped: " + e.getMessage());
                return TRAPPED;
            } finally {
                out.flush();
                err.flush();
            }
        }
    }

    private int runCoreModule(byte[] bytes, WasiPolicy policy, PrintWriter out, PrintWriter err) {
        WasiCommand command = RefusedFile.reading(file, () -> WasiCommand.load(file.getFileName().toString(), bytes));
        try {
            return command.run(policy).exitCode();
        } catch (PluginTrapException e) {
            out.flush();
            err.println("witbox: " + command.id() + " trapped: " + e.getMessage());
            return TRAPPED;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Bytes the guest writes, decoded as UTF-8 (a sequence split across writes kept whole) onto a writer. */
    static final class WriterStream extends OutputStream {
        private final PrintWriter writer;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        WriterStream(PrintWriter writer) {
            this.writer = writer;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            pending.write(b, off, len);
            ByteBuffer in = ByteBuffer.wrap(pending.toByteArray());
            CharBuffer chars = CharBuffer.allocate(in.remaining() + 1);
            decoder.decode(in, chars, false);
            chars.flip();
            writer.append(chars);
            byte[] rest = new byte[in.remaining()];
            in.get(rest);
            pending.reset();
            pending.writeBytes(rest);
        }

        @Override
        public void flush() {
            writer.flush();
        }
    }
}
