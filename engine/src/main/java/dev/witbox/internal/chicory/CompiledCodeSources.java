package dev.witbox.internal.chicory;

import com.dylibso.chicory.compiler.Cache;
import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where an engine's compiled core modules come from: classes compiled at build time and shipped in the
 * application ({@link BuildTimeClasses}), first; then the persistent {@link CompileCache}; else Chicory's
 * compiler, whose output then goes into the cache (and, at build time, into the classes directory). All go
 * through Chicory's own cache hook, so a module served from either source is never compiled: the compiler is
 * only invoked when both miss, which {@link #stats()} counts.
 */
public final class CompiledCodeSources {

    private static final Logger LOG = LoggerFactory.getLogger(CompiledCodeSources.class);

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
     * The machine factory of {@code module}, parsed from {@code compiledBytes} (after the call-depth rewrite,
     * whose limit was {@code callDepthLimit}, 0 for none).
     */
    Function<Instance, Machine> machineFactory(String moduleName, byte[] compiledBytes, WasmModule module,
            int callDepthLimit) {
        if (buildTime == null && cache == null) {
            compiled.increment();
            return compiler(module).compile();
        }
        // Chicory consults its cache hook only for modules it has a digest of (the default: SHA-256)
        if (module.digest() == null) {
            LOG.warn("compiled code: Chicory computes no module digest here (a system property turned it off), so"
                    + " {} is neither read from build-time classes or the compile cache nor stored", moduleName);
            compiled.increment();
            return compiler(module).compile();
        }
        Slot slot = new Slot(moduleName, compiledBytes, callDepthLimit);
        while (true) {
            try {
                Function<Instance, Machine> factory = compiler(module).withCache(slot).compile();
                slot.record();
                return factory;
            } catch (RuntimeException | LinkageError e) {
                // an intact entry Chicory cannot load: never run it; the next source, or the compiler, instead
                if (!slot.rejectServed(e)) {
                    throw e; // the compiler itself failed: not the sources' business
                }
            }
        }
    }

    private static MachineFactoryCompiler.Builder compiler(WasmModule module) {
        // functions over the JVM's 64 KB method limit cannot be compiled: interpret just those (the
        // choice is baked into the generated classes, so a stored entry keeps it; see CompilerIdentity)
        return MachineFactoryCompiler.builder(module).withInterpreterFallback(InterpreterFallback.SILENT);
    }

    /**
     * One module's lookup, handed to Chicory's compiler as its cache hook: it asks for the classes before
     * compiling and hands them over after (only then). Chicory keys its calls by its own digest of the module;
     * the slot ignores it and uses witbox's key, which also names the call-depth limit and the compiler identity.
     */
    private final class Slot implements Cache {
        private final String moduleName;
        private final String key;
        private final CompileCacheSlot cacheSlot;
        // one compile on one thread uses a slot: no synchronisation needed
        private boolean buildTimeRejected;
        private Object servedBy;
        private Path file;

        Slot(String moduleName, byte[] compiledBytes, int callDepthLimit) {
            this.moduleName = moduleName;
            this.key = buildTime == null ? null : buildTime.key(compiledBytes, callDepthLimit);
            this.cacheSlot = cache == null ? null : cache.slot(moduleName, compiledBytes, callDepthLimit);
        }

        @Override
        public byte[] get(String chicoryKey) {
            servedBy = null;
            if (buildTime != null && !buildTimeRejected) {
                byte[] payload = buildTime.read(moduleName, key);
                if (payload != null) {
                    servedBy = buildTime;
                    fromBuildTime.increment();
                    return payload;
                }
            }
            if (cacheSlot != null) {
                byte[] payload = cacheSlot.get(chicoryKey);
                if (payload != null) {
                    servedBy = cacheSlot;
                    fromCache.increment();
                    return payload;
                }
            }
            return null;
        }

        @Override
        public void putIfAbsent(String chicoryKey, byte[] payload) {
            // the compiler only stores after get() found nothing usable: it has just compiled
            compiled.increment();
            if (cacheSlot != null) {
                cacheSlot.putIfAbsent(chicoryKey, payload);
            }
            if (recording) {
                file = buildTime.write(key, payload);
            }
        }

        /** The source that served the last {@link #get} could not be loaded: skip it from now on. */
        boolean rejectServed(Throwable cause) {
            if (servedBy == buildTime && buildTime != null) {
                fromBuildTime.decrement();
                buildTime.unloadable(moduleName, key, cause);
                buildTimeRejected = true;
            } else if (servedBy == cacheSlot && cacheSlot != null) {
                fromCache.decrement();
                cacheSlot.rejectServedEntry(cause);
            } else {
                return false;
            }
            servedBy = null;
            return true;
        }

        /** At build time: lists the module's entry, whether written now or found intact. */
        void record() {
            if (recording) {
                recorded.add(file != null ? file : buildTime.file(key));
            }
        }
    }
}
