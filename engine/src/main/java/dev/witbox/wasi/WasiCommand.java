package dev.witbox.wasi;

import dev.witbox.api.PluginTrapException;
import dev.witbox.api.WitboxException;
import dev.witbox.internal.chicory.CoreModuleCode;
import dev.witbox.internal.chicory.CoreTrap;
import dev.witbox.internal.chicory.ExecutionMode;
import dev.witbox.internal.chicory.PreviewOneCommand;
import dev.witbox.runtime.WitboxEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A WASI preview 1 command: a plain core module (clang {@code --target=wasm32-wasi}, Rust
 * {@code wasm32-wasi}, …) importing {@code wasi_snapshot_preview1} and exporting {@code _start}. It
 * runs on Chicory's preview 1 implementation under the same {@link WasiPolicy} as a component on the
 * WASI 0.2 host: witbox resolves every path itself (confined to the preopens, read-only preopens
 * unchanged), and answers the clocks, random and limits from the policy. Loaded (parsed and
 * compiled) once, run any number of times, each run with fresh WASI state.
 *
 * <pre>
 * WasiCommand command = WasiCommand.load(Path.of("tool.wasm"));
 * WasiCommand.Outcome out = command.run(policy);
 * </pre>
 */
public final class WasiCommand {

    /** How a run ended: the exit code (0 when {@code _start} returned) and what the policy captured. */
    public record Outcome(int exitCode, byte[] stdout, byte[] stderr, long deniedCount, long droppedOutputBytes) {
        public String stdoutText() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        public String stderrText() {
            return new String(stderr, StandardCharsets.UTF_8);
        }
    }

    private final String id;
    private final CoreModuleCode code;

    private WasiCommand(String id, CoreModuleCode code) {
        this.id = id;
        this.code = code;
    }

    /** Whether {@code bytes} are a core module (not a component) importing {@code wasi_snapshot_preview1}. */
    public static boolean isPreviewOneModule(byte[] bytes) {
        return bytes.length >= 8 && bytes[0] == 0 && bytes[1] == 'a' && bytes[2] == 's' && bytes[3] == 'm'
                && bytes[4] == 1 && bytes[5] == 0 && bytes[6] == 0 && bytes[7] == 0
                && indexOf(bytes, PreviewOneCommand.MODULE.getBytes(StandardCharsets.US_ASCII)) >= 0;
    }

    public static WasiCommand load(Path path) {
        try {
            String name = path.getFileName().toString();
            return load(name.endsWith(".wasm") ? name.substring(0, name.length() - 5) : name, Files.readAllBytes(path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /**
     * Parses and compiles the module.
     *
     * @throws WitboxException when it is not a valid core module
     */
    public static WasiCommand load(String id, byte[] bytes) {
        Objects.requireNonNull(id, "id");
        return new WasiCommand(id, CoreModuleCode.compile("WASI command '" + id + "'", bytes, ExecutionMode.COMPILED));
    }

    public String id() {
        return id;
    }

    /**
     * Runs {@code _start} with what {@code policy} grants.
     *
     * @throws dev.witbox.api.PluginLinkException when a preopened directory does not exist
     * @throws PluginTrapException when the guest traps
     * @throws WitboxException when the module imports anything but WASI preview 1 functions, or exports no
     *         {@code _start}
     */
    public Outcome run(WasiPolicy policy) {
        PolicyGrants grants = new PolicyGrants(id, policy);
        int code;
        try {
            code = PreviewOneCommand.run(this.code, grants, (int) (WitboxEngine.DEFAULT_MAX_MEMORY_BYTES / 65536));
        } catch (CoreTrap e) {
            throw new PluginTrapException(id, "_start", e.getMessage(), e);
        } finally {
            grants.close();
        }
        return new Outcome(code, grants.stdoutSink().captured(), grants.stderrSink().captured(), grants.deniedCount(),
                grants.stdoutSink().dropped() + grants.stderrSink().dropped());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
