package dev.witbox.internal.chicory;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * Where an engine's compiled core modules come from: classes compiled at build time and shipped in the
 * application ({@link BuildTimeClasses}), first; then the persistent {@link CompileCache}; else Chicory's
 * compiler, whose output then goes into the cache (and, at build time, into the classes directory). A module
 * served from either source is never compiled, nor is its code parsed: the entry holds the module with the bodies
 * of compiled functions removed ({@link CompiledEntry}). The compiler is only invoked when both miss, which
 * {@link #stats()} counts.
 */
public final class CompiledCodeSources {

    /** Null: none looked up. */
    private final BuildTimeClasses buildTime;
    /** Null: no persistent cache. */
    private final CompileCache cache;
    /** Build time: what is compiled is written into {@link #buildTime}'s classes directory. */
    private final boolean recording;
    private final LongAdder compiled = new LongAdder();
    private final LongAdder fromBuildTime = new LongAdder();
    private final LongAdder fromCache = new LongAdder();
    private final List<Path> recorded = Collections.synchronizedList(new ArrayList<>());

    private CompiledCodeSources(BuildTimeClasses buildTime, CompileCache cache, boolean recording) {
        this.buildTime = buildTime;
        this.cache = cache;
        this.recording = recording;
    }

    /**
     * The sources of a running engine.
     *
     * @param buildTimeClasses where to look for classes compiled at build time; null to not look
     * @param cache            the persistent compile cache; null for none
     */
    public static CompiledCodeSources of(ClassLoader buildTimeClasses, CompileCache cache) {
        return new CompiledCodeSources(buildTimeClasses == null ? null : BuildTimeClasses.on(buildTimeClasses), cache,
                false);
    }

    static CompiledCodeSources of(BuildTimeClasses buildTime, CompileCache cache) {
        return new CompiledCodeSources(buildTime, cache, false);
    }

    /**
     * The sources of the build-time compiler: every module is compiled into {@code classesDirectory} unless its
     * entry there is already intact, and {@link #recordedFiles()} lists the entries of the modules asked for.
     */
    public static CompiledCodeSources recordingInto(Path classesDirectory) {
        return new CompiledCodeSources(BuildTimeClasses.in(classesDirectory), null, true);
    }

    /**
     * How an engine's modules were had since it was built.
     *
     * @param compiled           modules Chicory's compiler compiled
     * @param fromBuildTime      modules loaded from classes compiled at build time
     * @param fromCompileCache   modules loaded from the compile cache
     * @param buildTimeIgnored   build-time entries found but not usable for the module (another key, damaged,
     *                           unloadable): the module was then taken from the cache or compiled
     */
    public record Stats(long compiled, long fromBuildTime, long fromCompileCache, long buildTimeIgnored) {}

    public Stats stats() {
        return new Stats(compiled.sum(), fromBuildTime.sum(), fromCache.sum(),
                buildTime == null ? 0 : buildTime.ignored());
    }

    /** At build time: the entry files of the modules compiled or found up to date, in load order. */
    public List<Path> recordedFiles() {
        synchronized (recorded) {
            return List.copyOf(recorded);
        }
    }

    /**
     * Where {@code moduleName}'s compiled code is found and stored: keyed by the module as given
     * ({@code originalBytes}, before the call-depth rewrite) and the call-depth limit asked for.
     */
    Slot slot(String moduleName, byte[] originalBytes, int maxCallDepth) {
        return new Slot(moduleName, originalBytes, maxCallDepth);
    }

    /**
     * A module served by {@link Slot#find}.
     *
     * @param module         the stubbed module as Chicory parsed it (instances are built from this object)
     * @param machineFactory its compiled code
     * @param depthLimit     the call-depth limit it was rewritten for; null when it was not rewritten
     */
    record Hit(WasmModule module, Function<Instance, Machine> machineFactory, CallDepthLimit depthLimit) {}

    /** One module's lookup and store; one load on one thread uses a slot. */
    final class Slot {
        private final String moduleName;
        /** Null without build-time classes. */
        private final String key;
        /** Null without a compile cache. */
        private final CompileCacheSlot cacheSlot;

        private Slot(String moduleName, byte[] originalBytes, int maxCallDepth) {
            this.moduleName = moduleName;
            // hashed once for both sources: on a 12 MB module, early in a JVM, each hash is a noticeable part of a hit
            String sha256 = buildTime == null && cache == null ? null : CacheEntry.sha256Hex(originalBytes);
            this.key = buildTime == null ? null : buildTime.key(sha256, maxCallDepth);
            this.cacheSlot = cache == null ? null : cache.slot(moduleName, sha256, maxCallDepth);
        }

        /**
         * The module's compiled code from build-time classes or the compile cache: the stubbed module parsed and
         * the classes defined, so nothing of the module's code is decoded, rewritten, validated or compiled. Null
         * when neither source holds a usable entry; an entry that cannot be read or loaded is never run: it is
         * counted, and the cache's is replaced by {@link #compile}.
         */
        Hit find() {
            if (buildTime != null) {
                byte[] payload = buildTime.read(moduleName, key);
                if (payload != null) {
                    try {
                        Hit hit = load(payload);
                        fromBuildTime.increment();
                        if (recording) {
                            recorded.add(buildTime.file(key));
                        }
                        return hit;
                    } catch (IOException | RuntimeException | LinkageError e) {
                        buildTime.unloadable(moduleName, key, e);
                    }
                }
            }
            if (cacheSlot != null) {
                byte[] payload = cacheSlot.get();
                if (payload != null) {
                    try {
                        Hit hit = load(payload);
                        fromCache.increment();
                        return hit;
                    } catch (IOException | RuntimeException | LinkageError e) {
                        cacheSlot.rejectServedEntry(e);
                    }
                }
            }
            return null;
        }

        private Hit load(byte[] payload) throws IOException {
            CompiledEntry entry = CompiledEntry.decode(payload);
            WasmModule module = CoreModuleCode.parseStored(moduleName, entry.stubbedModule());
            ValidatorHints.apply(module, entry.validatorHints());
            return new Hit(module, ChicoryCompiler.machineFactory(module, entry.defineClasses()), entry.depthLimit());
        }

        /**
         * Compiles {@code module} (parsed from {@code compiledBytes}: the module after the call-depth rewrite for
         * {@code depthLimit}, or as given when that is null) and stores it where {@link #find} looks next time: the
         * compile cache, and at build time the classes directory.
         */
        Function<Instance, Machine> compile(byte[] compiledBytes, WasmModule module, CallDepthLimit depthLimit) {
            ChicoryCompiler.Output output = ChicoryCompiler.compile(module, StubbedModule.bodySizes(compiledBytes));
            compiled.increment();
            if (cacheSlot != null || recording) {
                Set<Integer> kept = output.interpretedBodies();
                byte[] stubbed = StubbedModule.of(compiledBytes, kept);
                // hints live only in kept bodies: with none kept (a module compiled whole), no second parse
                List<ValidatorHints.Hint> hints = kept.isEmpty() ? List.of()
                        : ValidatorHints.between(module, CoreModuleCode.parseStored(moduleName, stubbed), kept);
                byte[] payload = CompiledEntry.encode(stubbed, depthLimit, hints, output.classes());
                if (cacheSlot != null) {
                    cacheSlot.put(payload);
                }
                if (recording) {
                    recorded.add(buildTime.write(key, payload));
                }
            }
            return ChicoryCompiler.machineFactory(module, output.classes());
        }
    }
}
