package dev.witbox.internal.chicory;

import java.nio.file.Path;

/**
 * One module's place in the {@link CompileCache}, asked (through {@link CompiledCodeSources}) for its entry before
 * compiling, and handed the new entry after.
 */
final class CompileCacheSlot {

    private final CompileCache cache;
    private final String moduleName;
    private final String key;
    private final Path file;

    CompileCacheSlot(CompileCache cache, String moduleName, String key, Path file) {
        this.cache = cache;
        this.moduleName = moduleName;
        this.key = key;
        this.file = file;
    }

    /** The entry's payload, or null (counted as a miss) when there is no usable one. */
    byte[] get() {
        return cache.read(moduleName, key, file);
    }

    /** Stores a module just compiled: whatever is on disk found nothing usable, and is replaced. */
    void put(byte[] payload) {
        cache.write(moduleName, key, file, payload);
    }

    /** The entry served could not be loaded: counted as rebuilt; the module is compiled and {@link #put} again. */
    void rejectServedEntry(Throwable cause) {
        cache.unloadable(moduleName, file, cause);
    }

    Path file() {
        return file;
    }
}
