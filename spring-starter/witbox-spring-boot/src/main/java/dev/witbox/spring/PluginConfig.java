package dev.witbox.spring;

import dev.witbox.runtime.Isolation;
import dev.witbox.runtime.PluginListener;
import dev.witbox.runtime.PoolOptions;
import dev.witbox.wasi.WasiPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.util.unit.DataSize;

/**
 * One plugin's settings after merging: its {@code instances.<name>} entry over {@code defaults} over
 * witbox's safe defaults, turned into what the engine takes ({@link PoolOptions}, {@link WasiPolicy}).
 *
 * @param name the plugin's name
 * @param sha256 the pinned digest (lower-case hex), or null
 */
record PluginConfig(String name, String sha256, long maxInstanceMemoryBytes, long memoryBudgetBytes, Integer maxSize,
        Duration acquireTimeout, Isolation isolation, Duration callTimeout, WasiPolicy wasi, Map<String, String> imports) {

    static final DataSize DEFAULT_MEMORY_MAX = DataSize.ofMegabytes(64);
    static final DataSize DEFAULT_MEMORY_BUDGET = DataSize.ofMegabytes(256);
    static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(5);

    static PluginConfig merge(String name, PluginSettings defaults, PluginSettings instance) {
        PluginSettings own = instance == null ? new PluginSettings() : instance;
        String sha = own.getSha256(); // a digest pins one file: never a default
        if (sha != null) {
            sha = sha.trim().toLowerCase(java.util.Locale.ROOT);
            if (sha.length() != 64 || !sha.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw new WitboxStartupException("Plugin '" + name + "' pins sha256 '" + sha + "', which is not 64 hex digits.",
                        "Set witbox.plugins.instances." + name + ".sha256 to the file's SHA-256 (sha256sum " + name + ".wasm).");
            }
            HexFormat.of().parseHex(sha);
        }
        long max = pick(own, defaults, s -> s.getMemory().getMax(), DEFAULT_MEMORY_MAX).toBytes();
        long budget = pick(own, defaults, s -> s.getPool().getMemoryBudget(), DEFAULT_MEMORY_BUDGET).toBytes();
        PluginSettings.Isolation iso = pick(own, defaults, s -> s.getPool().getIsolation(), PluginSettings.Isolation.FRESH);
        Map<String, String> imports = new java.util.LinkedHashMap<>(defaults.getImports());
        imports.putAll(own.getImports());
        return new PluginConfig(name, sha, max, budget,
                pick(own, defaults, s -> s.getPool().getMaxSize(), null),
                pick(own, defaults, s -> s.getPool().getAcquireTimeout(), PoolOptions.DEFAULT_ACQUIRE_TIMEOUT),
                iso == PluginSettings.Isolation.REUSE ? Isolation.REUSE : Isolation.FRESH,
                pick(own, defaults, PluginSettings::getCallTimeout, DEFAULT_CALL_TIMEOUT),
                policy(name, own.getCapabilities(), defaults.getCapabilities()), Map.copyOf(imports));
    }

    /** The pool options of this plugin, its instances' imports made by {@code imports}. */
    PoolOptions poolOptions(java.util.function.Supplier<dev.witbox.runtime.HostImports> imports, PluginListener listener) {
        PoolOptions.Builder b = PoolOptions.builder()
                .maxInstanceMemoryBytes(maxInstanceMemoryBytes)
                .memoryBudgetBytes(memoryBudgetBytes)
                .acquireTimeout(acquireTimeout)
                .isolation(isolation)
                .callTimeout(callTimeout)
                .imports(imports)
                .listener(listener);
        if (maxSize != null) {
            b.maxSize(maxSize);
        }
        return b.build();
    }

    /** Capabilities: what the instance names wins, then the defaults; what neither names is denied. */
    private static WasiPolicy policy(String name, PluginSettings.Capabilities own, PluginSettings.Capabilities defaults) {
        WasiPolicy.Builder b = WasiPolicy.builder();
        Map<String, String> env = first(own.getEnv(), defaults.getEnv());
        if (env != null) {
            b.env(env);
        }
        List<String> args = first(own.getArgs(), defaults.getArgs());
        if (args != null) {
            b.args(args);
        }
        b.stdout(output(first(own.getStdout(), defaults.getStdout())));
        b.stderr(output(first(own.getStderr(), defaults.getStderr())));
        if (Boolean.FALSE.equals(first(own.getClocks(), defaults.getClocks()))) {
            b.clocks(WasiPolicy.Clocks.fixed(Instant.EPOCH));
        }
        if (Boolean.FALSE.equals(first(own.getRandom(), defaults.getRandom()))) {
            b.random(WasiPolicy.Randomness.seeded(0));
        }
        List<PluginSettings.Preopen> preopens = first(own.getPreopens(), defaults.getPreopens());
        if (preopens != null) {
            for (int i = 0; i < preopens.size(); i++) {
                PluginSettings.Preopen p = preopens.get(i);
                if (p.getHost() == null || p.getGuest() == null) {
                    String key = (own.getPreopens() != null ? "witbox.plugins.instances." + name : "witbox.plugins.defaults")
                            + ".capabilities.preopens[" + i + "]";
                    throw new WitboxStartupException("Plugin '" + name + "': " + key + " names no "
                            + (p.getHost() == null ? "host directory" : "guest path") + " (host=" + p.getHost() + ", guest="
                            + p.getGuest() + ").", "Set both " + key + ".host and " + key + ".guest (and all of a list's"
                            + " entries in one property source: Spring Boot takes a list whole from the first that has it).");
                }
                b.preopen(Path.of(p.getHost()).toAbsolutePath().normalize(), p.getGuest(),
                        p.getMode() == PluginSettings.Mode.READ_WRITE ? WasiPolicy.Access.READ_WRITE : WasiPolicy.Access.READ_ONLY);
            }
        }
        return b.build();
    }

    private static WasiPolicy.Output output(PluginSettings.Output o) {
        if (o == null) {
            return WasiPolicy.Output.discard();
        }
        return switch (o) {
            case LOG -> WasiPolicy.Output.logger();
            case INHERIT -> WasiPolicy.Output.inherit();
            case DISCARD -> WasiPolicy.Output.discard();
        };
    }

    private static <T> T first(T own, T fallback) {
        return own != null ? own : fallback;
    }

    private static <T> T pick(PluginSettings own, PluginSettings defaults, Function<PluginSettings, T> get, T builtIn) {
        T v = get.apply(own);
        if (v == null) {
            v = get.apply(defaults);
        }
        return v != null ? v : builtIn;
    }
}
