package dev.witbox.runtime;

import dev.witbox.api.WitboxException;
import dev.witbox.component.Component;
import dev.witbox.component.ComponentDecoder;
import dev.witbox.internal.chicory.CoreModuleCode;
import dev.witbox.component.CoreModuleBinary;
import dev.witbox.component.WasmBinary;
import dev.witbox.internal.chicory.CompileCache;
import dev.witbox.internal.chicory.CompiledCodeSources;
import dev.witbox.internal.chicory.ExecutionMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Loads plugins. One engine may load any number of plugins and is safe to share between threads.
 *
 * <pre>
 * Plugin plugin = WitboxEngine.create().load(Path.of("add-greet.wasm"));
 * try (PluginInstance instance = plugin.instantiate()) {
 *     WitValue hello = instance.call("greet", new WitValue.Str("world"));
 * }
 * </pre>
 */
public final class WitboxEngine {

    /** Linear memories may not grow past this by default: 1 GiB. */
    public static final long DEFAULT_MAX_MEMORY_BYTES = 1L << 30;

    private final ExecutionMode mode;
    private final Duration callTimeout;
    private final int maxMemoryPages;
    private final CompileCache compileCache;
    private final CompiledCodeSources compiledCode;
    private final int maxCallDepth;

    private WitboxEngine(Builder b) {
        this(b, null);
    }

    /** {@code compiledCode}: where compiled modules come from and go; null: the builder's choice. */
    private WitboxEngine(Builder b, CompiledCodeSources compiledCode) {
        this.maxCallDepth = b.maxCallDepth >= 0 ? b.maxCallDepth
                : b.interpreted ? DEFAULT_MAX_CALL_DEPTH_INTERPRETED : DEFAULT_MAX_CALL_DEPTH;
        this.mode = b.interpreted ? ExecutionMode.INTERPRETED : ExecutionMode.COMPILED;
        this.callTimeout = b.callTimeout;
        this.maxMemoryPages = (int) Math.min(65536, Math.max(1, b.maxMemoryBytes / 65536));
        this.compileCache = b.compileCache == null || b.interpreted ? null : CompileCache.open(b.compileCache, b.compileCacheMaxBytes);
        this.compiledCode = compiledCode != null ? compiledCode
                : CompiledCodeSources.of(b.interpreted ? null : b.buildTimeClasses(), compileCache);
    }

    /** An engine for the build-time compiler: {@code b}'s options, its modules had from {@code compiledCode}. */
    static WitboxEngine forBuildTime(Builder b, CompiledCodeSources compiledCode) {
        return new WitboxEngine(b, compiledCode);
    }

    /**
     * The most calls a guest's compiled code may nest by default. Measured: 5,298 nested calls of a one-argument
     * function fill the JVM's default 1 MiB thread stack before the JIT has compiled anything (1,392 in 256
     * KiB), so this leaves more than half of such a stack to the host code a deep guest calls (see
     * {@link Builder#maxCallDepth(int)}).
     */
    public static final int DEFAULT_MAX_CALL_DEPTH = CoreModuleCode.DEFAULT_MAX_CALL_DEPTH;

    /** The same for {@link Builder#interpreted(boolean) interpreted} code, whose frames are larger (981 fill 1 MiB). */
    public static final int DEFAULT_MAX_CALL_DEPTH_INTERPRETED = 400;

    /**
     * An engine with the defaults: compiled code, no call timeout, memories up to 1 GiB, calls nested at most
     * {@value #DEFAULT_MAX_CALL_DEPTH} deep.
     */
    public static WitboxEngine create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Decodes, validates and plans a component, compiling its core modules once.
     *
     * <p>A plain core module is loaded too when it carries its WIT world in a {@code component-type} custom
     * section (what {@code wasm-tools component embed} produces): its exports and imports are then found by
     * the canonical ABI's naming conventions, as {@code wasm-tools component new} would wire them.
     *
     * @param pluginId the name used in every message about this plugin
     * @throws WitboxException when the bytes are not a valid component, or use features witbox does not run,
     *                         or are a core module without an embedded world (or whose imports and exports
     *                         do not follow the conventions)
     */
    public Plugin load(String pluginId, byte[] bytes) {
        Objects.requireNonNull(pluginId, "pluginId");
        WasmBinary binary = ComponentDecoder.strict().decode(bytes);
        if (binary instanceof CoreModuleBinary core) {
            EmbeddedPlanner.Embedded embedded = EmbeddedPlanner.plan(pluginId, core.bytes(), mode, compiledCode, maxCallDepth);
            return new Plugin(pluginId, embedded.world(), embedded.plan(), this);
        }
        Component component = (Component) binary;
        InstantiationPlan plan = Planner.plan(pluginId, component, mode, compiledCode, maxCallDepth);
        return new Plugin(pluginId, component, plan, this);
    }

    /** Loads a plugin from a file; its id is the file name without {@code .wasm}. */
    public Plugin load(Path path) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new WitboxException("cannot read plugin " + path + ": " + e.getMessage(), e);
        }
        String id = path.getFileName().toString();
        if (id.endsWith(".wasm")) {
            id = id.substring(0, id.length() - 5);
        }
        return load(id, bytes);
    }

    int maxMemoryPages() {
        return maxMemoryPages;
    }

    Duration callTimeout() {
        return callTimeout;
    }

    /**
     * How this engine had the core modules it loaded: how many it compiled, and how many it read instead from
     * classes compiled at build time ({@link Builder#buildTimeClasses(ClassLoader)}) or from the compile cache.
     *
     * @param compiled         modules compiled by this engine
     * @param fromBuildTime    modules loaded from classes compiled at build time
     * @param fromCompileCache modules loaded from the compile cache
     * @param buildTimeIgnored build-time entries found that did not belong to the module (changed after the build,
     *                         damaged, or not loadable); the module was compiled (or read from the cache) instead
     */
    public record CompileStats(long compiled, long fromBuildTime, long fromCompileCache, long buildTimeIgnored) {}

    public CompileStats compileStats() {
        CompiledCodeSources.Stats s = compiledCode.stats();
        return new CompileStats(s.compiled(), s.fromBuildTime(), s.fromCompileCache(), s.buildTimeIgnored());
    }

    /** The persistent compile cache, or null when there is none. */
    CompileCache compileCache() {
        return compileCache;
    }

    /** Engine options. */
    public static final class Builder {
        private boolean interpreted;
        private Duration callTimeout;
        private long maxMemoryBytes = DEFAULT_MAX_MEMORY_BYTES;
        private Path compileCache;
        private long compileCacheMaxBytes = CompileCache.DEFAULT_MAX_BYTES;
        /** Negative: the default of the execution mode. */
        private int maxCallDepth = -1;
        private boolean buildTimeClassesSet;
        private ClassLoader buildTimeClasses;

        private Builder() {}

        /**
         * Where to look for core modules compiled when the application was built ({@code witbox-maven-plugin}'s
         * {@code precompile} goal writes them into the application's classes, under
         * {@code META-INF/witbox/compiled/}). A module found there is loaded without compiling it (nor reading
         * the compile cache); one that is not, or whose entry belongs to another module, witbox or Chicory
         * version or call-depth limit, is compiled as usual. Default: the thread's context class loader when
         * {@link #build()} runs (the application's), else this library's. Null: never look.
         */
        public Builder buildTimeClasses(ClassLoader loader) {
            this.buildTimeClasses = loader;
            this.buildTimeClassesSet = true;
            return this;
        }

        ClassLoader buildTimeClasses() {
            if (buildTimeClassesSet) {
                return buildTimeClasses;
            }
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            return context != null ? context : WitboxEngine.class.getClassLoader();
        }

        /**
         * How deep a guest's calls may nest in one core module before the call traps with "call depth exceeded"
         * (a {@code PluginTrapException} naming plugin and export; the instance is poisoned, the thread and the
         * host are unharmed). Default: {@value #DEFAULT_MAX_CALL_DEPTH}, or
         * {@value #DEFAULT_MAX_CALL_DEPTH_INTERPRETED} when interpreted. Counted by instrumenting the module's calls at load. {@code 0} turns the count off:
         * the depth is then what the calling thread's stack holds, and running out of it is still reported as a
         * trap ("call stack exhausted"), but may strike inside host code the guest called. Raise it together
         * with the calling threads' stack size ({@code -Xss}, {@code Thread} constructor).
         *
         * @throws IllegalArgumentException when negative
         */
        public Builder maxCallDepth(int depth) {
            if (depth < 0) {
                throw new IllegalArgumentException("the call depth limit must not be negative: " + depth);
            }
            this.maxCallDepth = depth;
            return this;
        }

        /** Runs core code in Chicory's interpreter instead of compiling it (no compile time, slower calls). */
        public Builder interpreted(boolean interpreted) {
            this.interpreted = interpreted;
            return this;
        }

        /** Traps every call still running after {@code timeout} (null: no limit). */
        public Builder callTimeout(Duration timeout) {
            this.callTimeout = timeout;
            return this;
        }

        /** The most bytes one linear memory may grow to; {@code memory.grow} past it fails (returns -1). */
        public Builder maxMemoryBytes(long bytes) {
            if (bytes < 65536) {
                throw new IllegalArgumentException("at least one 64 KiB page: " + bytes);
            }
            this.maxMemoryBytes = bytes;
            return this;
        }

        /**
         * Keeps compiled core modules in {@code directory} (created if missing), so that loading a plugin
         * whose modules were compiled before — by this process or another one, also after a restart —
         * reads the compiled code instead of compiling it again. Entries are keyed by the module's SHA-256,
         * the witbox version and the Chicory version; processes may share the directory. Null (the
         * default): no persistent cache. Unused with {@link #interpreted(boolean) interpreted(true)}. The
         * entries take at most 1 GiB together; the least recently used go first (see
         * {@link #compileCache(Path, long)}).
         */
        public Builder compileCache(Path directory) {
            return compileCache(directory, CompileCache.DEFAULT_MAX_BYTES);
        }

        /**
         * {@link #compileCache(Path)} with entries taking at most {@code maxBytes} together: after each write,
         * the least recently loaded or written entries are deleted until the rest fit (the one just written
         * always stays). Entries of older witbox or Chicory versions go that way too.
         *
         * @throws IllegalArgumentException when {@code maxBytes} is not positive
         */
        public Builder compileCache(Path directory, long maxBytes) {
            if (maxBytes <= 0) {
                throw new IllegalArgumentException("the compile cache limit must be positive: " + maxBytes);
            }
            this.compileCache = directory;
            this.compileCacheMaxBytes = maxBytes;
            return this;
        }

        /**
         * @throws WitboxException when the compile cache directory cannot be created
         */
        public WitboxEngine build() {
            return new WitboxEngine(this);
        }
    }
}
