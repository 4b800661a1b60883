package dev.witbox.internal.chicory;

import com.dylibso.chicory.compiler.Cache;
import java.nio.file.Path;

/**
 * One module's place in the {@link CompileCache}, asked (through {@link CompiledCodeSources}, which Chicory's
 * compiler calls as its cache hook) for the classes before compiling, and handed the classes after.
 *
 * <p>Chicory keys its calls by its own digest of the module; the slot ignores that key and uses witbox's,
 * which also names the compiler identity (Chicory's digest alone would let another Chicory version's
 * classes be loaded).
 */
final class CompileCacheSlot implements Cache {

    private final CompileCache cache;
    private final String moduleName;
    private final String key;
    private final Path file;
    // one compile on one thread uses a slot: no synchronisation needed
    private boolean bypassed;

    CompileCacheSlot(CompileCache cache, String moduleName, String key, Path file) {
        this.cache = cache;
        this.moduleName = moduleName;
        this.key = key;
        this.file = file;
    }

    @Override
    public byte[] get(String chicoryKey) {
        if (bypassed) {
            return null;
        }
        return cache.read(moduleName, key, file);
    }

    @Override
    public void putIfAbsent(String chicoryKey, byte[] payload) {
        // the compiler only stores after get() found nothing usable: whatever is on disk is to be replaced
        cache.write(moduleName, key, file, payload);
    }

    /** The entry served could not be loaded: from now on the slot only lets the compiler compile and store. */
    void rejectServedEntry(Throwable cause) {
        cache.unloadable(moduleName, file, cause);
        bypassed = true;
    }

    Path file() {
        return file;
    }
}
