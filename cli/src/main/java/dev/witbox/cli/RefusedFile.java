package dev.witbox.cli;

import dev.witbox.api.WitboxException;
import dev.witbox.component.ComponentDecodeException;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * A file named on the command line whose content was refused: the refusal's message, prefixed with the file, so
 * that every error a user sees says which of their files it is about (the engine's messages name the plugin or
 * the byte offset, not the path).
 */
final class RefusedFile extends WitboxException {

    private RefusedFile(Path file, WitboxException refusal) {
        super(file + ": " + refusal.getMessage() + fix(refusal), refusal);
    }

    /** Runs {@code reading} (decoding or loading {@code file}'s bytes), naming the file in any refusal. */
    static <T> T reading(Path file, Supplier<T> reading) {
        try {
            return reading.get();
        } catch (WitboxException e) {
            throw new RefusedFile(file, e);
        }
    }

    /** {@code refusal} of {@code file}'s content, naming the file. */
    static WitboxException naming(Path file, WitboxException refusal) {
        return new RefusedFile(file, refusal);
    }

    private static String fix(WitboxException refusal) {
        if (refusal instanceof ComponentDecodeException) {
            return " (not a complete WebAssembly binary: rebuild the file, or check it with `wasm-tools validate`)";
        }
        return "";
    }
}
