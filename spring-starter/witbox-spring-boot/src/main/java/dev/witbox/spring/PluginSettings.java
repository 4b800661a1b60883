package dev.witbox.spring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.util.unit.DataSize;

/**
 * One plugin's settings, as written under {@code witbox.plugins.defaults} or
 * {@code witbox.plugins.instances.<name>}. A setting left out of an instance is taken from the defaults, and
 * one left out of both from witbox's safe default (named in each setting's documentation): a memory
 * limit and a call deadline for every plugin; no files, no environment, no arguments, output discarded.
 */
public class PluginSettings {

    /**
     * Where the plugin's {@code .wasm} file is, as a Spring resource location ({@code file:./plugins/x.wasm},
     * {@code classpath:/plugins/x.wasm}). Only for instances; without it, {@code <name>.wasm} is looked for in
     * {@code witbox.plugins.locations}.
     */
    private String source;

    /**
     * The SHA-256 the plugin file must have (64 hex digits): another file fails startup (or, on reload, is
     * refused) naming both digests. Only for instances.
     */
    private String sha256;

    /** Linear memory limits. */
    private final Memory memory = new Memory();

    /** The plugin's instance pool. */
    private final Pool pool = new Pool();

    /**
     * How long one call may run before it is interrupted and fails with PluginTimeoutException. Default 5s.
     */
    private Duration callTimeout;

    /** What the plugin may reach through WASI; anything not granted here is denied. */
    private final Capabilities capabilities = new Capabilities();

    /**
     * Which bean implements an imported WIT interface, by WIT interface name
     * ({@code host:app/catalog@0.1.0}) to bean name, when more than one bean could.
     */
    private Map<String, String> imports = new LinkedHashMap<>();

    public String getSource() {
        return source;
    }

    public void setSource(String source) {
        this.source = source;
    }

    public String getSha256() {
        return sha256;
    }

    public void setSha256(String sha256) {
        this.sha256 = sha256;
    }

    public Memory getMemory() {
        return memory;
    }

    public Pool getPool() {
        return pool;
    }

    public Duration getCallTimeout() {
        return callTimeout;
    }

    public void setCallTimeout(Duration callTimeout) {
        this.callTimeout = callTimeout;
    }

    public Capabilities getCapabilities() {
        return capabilities;
    }

    public Map<String, String> getImports() {
        return imports;
    }

    public void setImports(Map<String, String> imports) {
        this.imports = imports;
    }

    /** Linear memory limits. */
    public static class Memory {

        /** The most linear memory one instance may grow to (the module's own maximum may be lower). Default 64MB. */
        private DataSize max;

        public DataSize getMax() {
            return max;
        }

        public void setMax(DataSize max) {
            this.max = max;
        }
    }

    /** The plugin's instance pool. */
    public static class Pool {

        /** The most instances at once, so the most calls in parallel. Default: 2 per processor, at least 4. */
        private Integer maxSize;

        /** How long a call waits for a free instance before failing with PluginBusyException. Default 10s. */
        private Duration acquireTimeout;

        /**
         * {@code fresh}: every call starts from the plugin's state right after instantiation (nothing one
         * caller left reaches the next); {@code reuse}: instances keep their state between calls. Default fresh.
         */
        private Isolation isolation;

        /** The linear memory all the plugin's instances may hold together. Default 256MB. */
        private DataSize memoryBudget;

        public Integer getMaxSize() {
            return maxSize;
        }

        public void setMaxSize(Integer maxSize) {
            this.maxSize = maxSize;
        }

        public Duration getAcquireTimeout() {
            return acquireTimeout;
        }

        public void setAcquireTimeout(Duration acquireTimeout) {
            this.acquireTimeout = acquireTimeout;
        }

        public Isolation getIsolation() {
            return isolation;
        }

        public void setIsolation(Isolation isolation) {
            this.isolation = isolation;
        }

        public DataSize getMemoryBudget() {
            return memoryBudget;
        }

        public void setMemoryBudget(DataSize memoryBudget) {
            this.memoryBudget = memoryBudget;
        }
    }

    /** How a pooled instance is handed from one call to the next. */
    public enum Isolation {
        /** Reset to the post-initialisation state before every call. */
        FRESH,
        /** Kept as the last call left it. */
        REUSE
    }

    /** WASI capabilities: only what is listed is granted. */
    public static class Capabilities {

        /** Host directories the plugin sees, each under a guest path, read-only or read-write. Default: none. */
        private List<Preopen> preopens;

        /** Environment variables the plugin sees, by name. Default: none. */
        private Map<String, String> env;

        /** The plugin's command-line arguments. Default: none. */
        private List<String> args;

        /**
         * Where the plugin's stdout goes: {@code log} (the SLF4J logger {@code witbox.plugin.<name>.stdout}),
         * {@code discard} or {@code inherit} (the application's own stdout). Default discard.
         */
        private Output stdout;

        /** Where the plugin's stderr goes, as for {@code stdout}. Default discard. */
        private Output stderr;

        /**
         * Whether the plugin reads the host's clocks; off, it sees a wall clock fixed at 1970-01-01 and a
         * monotonic clock that only its own sleeps advance. Default on.
         */
        private Boolean clocks;

        /** Whether the plugin gets secure random bytes; off, a fixed-seed sequence. Default on. */
        private Boolean random;

        public List<Preopen> getPreopens() {
            return preopens;
        }

        public void setPreopens(List<Preopen> preopens) {
            this.preopens = preopens;
        }

        public Map<String, String> getEnv() {
            return env;
        }

        public void setEnv(Map<String, String> env) {
            this.env = env;
        }

        public List<String> getArgs() {
            return args;
        }

        public void setArgs(List<String> args) {
            this.args = args;
        }

        public Output getStdout() {
            return stdout;
        }

        public void setStdout(Output stdout) {
            this.stdout = stdout;
        }

        public Output getStderr() {
            return stderr;
        }

        public void setStderr(Output stderr) {
            this.stderr = stderr;
        }

        public Boolean getClocks() {
            return clocks;
        }

        public void setClocks(Boolean clocks) {
            this.clocks = clocks;
        }

        public Boolean getRandom() {
            return random;
        }

        public void setRandom(Boolean random) {
            this.random = random;
        }
    }

    /** A host directory the plugin sees. */
    public static class Preopen {

        /** The directory on the host (relative paths start at the working directory). */
        private String host;

        /** Where the plugin sees it, such as {@code /data}. */
        private String guest;

        /** {@code read-only} or {@code read-write}. Default read-only. */
        private Mode mode = Mode.READ_ONLY;

        public String getHost() {
            return host;
        }

        public void setHost(String host) {
            this.host = host;
        }

        public String getGuest() {
            return guest;
        }

        public void setGuest(String guest) {
            this.guest = guest;
        }

        public Mode getMode() {
            return mode;
        }

        public void setMode(Mode mode) {
            this.mode = mode;
        }
    }

    /** Whether a preopened directory may be changed. */
    public enum Mode {
        READ_ONLY,
        READ_WRITE
    }

    /** Where a plugin's output stream goes. */
    public enum Output {
        /** Line by line to the SLF4J logger named after the plugin. */
        LOG,
        /** Dropped. */
        DISCARD,
        /** To the application's own stream. */
        INHERIT
    }
}
