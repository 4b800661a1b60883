package dev.witbox.spring;

import dev.witbox.api.PluginLinkException;
import dev.witbox.api.WitboxException;
import dev.witbox.runtime.Plugin;
import dev.witbox.runtime.PluginPool;
import dev.witbox.runtime.PoolStats;
import dev.witbox.runtime.WitboxEngine;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.io.Resource;

/**
 * A plugin the application runs: its name, file and settings, and its current {@link Generation} (the loaded
 * {@link Plugin} and its {@link PluginPool}), which a reload replaces. What Actuator and metrics read.
 */
public final class ManagedPlugin {

    private final String name;
    private final Resource resource;
    private final PluginConfig config;
    private final WitboxEngine engine;
    private final HostImportLinker linker;
    private final CallObserver observer;
    private final PluginEvents events = new PluginEvents();
    private final Set<Class<?>> boundInterfaces = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<Class<?>, Object> proxies = new ConcurrentHashMap<>();
    private final AtomicLong reloads = new AtomicLong();
    private volatile Generation current;
    /** Set by {@link #close}: no swap after it (its new pool would never be closed). Guarded by this. */
    private boolean closed;

    ManagedPlugin(String name, Resource resource, PluginConfig config, WitboxEngine engine, HostImportLinker linker,
            CallObserver observer) {
        this.name = name;
        this.resource = resource;
        this.config = config;
        this.engine = engine;
        this.linker = linker;
        this.observer = observer;
        this.current = load(read());
    }

    /** The plugin's name: its file name without {@code .wasm}, or its key under {@code witbox.plugins.instances}. */
    public String name() {
        return name;
    }

    /** Where the plugin's file is (a URL). */
    public String source() {
        return current.source;
    }

    /** The SHA-256 of the file now loaded, lower-case hex. */
    public String sha256() {
        return current.sha256;
    }

    /** The plugin now loaded (a reload replaces it). */
    public Plugin plugin() {
        return current.plugin;
    }

    /** The pool now serving calls (a reload replaces it; injected interfaces follow, a held pool does not). */
    public PluginPool pool() {
        return current.pool;
    }

    /** The counters of the pool now serving calls. */
    public PoolStats stats() {
        return current.pool.stats();
    }

    /** The most instances the pool makes. */
    public int maxSize() {
        return current.pool.options().maxSize();
    }

    /** When the version now serving was loaded. */
    public Instant loadedAt() {
        return current.loadedAt;
    }

    /** How many times a changed file was swapped in. */
    public long reloads() {
        return reloads.get();
    }

    /** When and in which function the plugin last trapped or timed out, and why; null if it never did. */
    public String lastTrap() {
        PluginEvents.LastTrap t = events.lastTrap();
        return t == null ? null : t.at() + " " + t.function() + ": " + t.message();
    }

    Resource resource() {
        return resource;
    }

    PluginConfig config() {
        return config;
    }

    /** The current generation, counted in; the caller must {@link Generation#exit()} it. */
    Generation enter() {
        for (;;) {
            Generation g = current;
            if (g.enter()) {
                return g;
            }
            // retired between the read and the enter: the swap already published its successor
        }
    }

    Generation current() {
        return current;
    }

    /**
     * The implementation of generated export interface {@code type} that calls the current generation's pool,
     * checked against the plugin's exports now.
     *
     * @throws PluginLinkException when the plugin does not export the interface (both signatures printed)
     */
    <T> T proxy(Class<T> type) {
        current.binding(type); // checks now, so that a mismatch fails startup
        boundInterfaces.add(type);
        return type.cast(proxies.computeIfAbsent(type, t -> Proxy.newProxyInstance(t.getClassLoader(),
                new Class<?>[] {t}, new PluginCallHandler(this, t, observer))));
    }

    /**
     * Loads {@code bytes} as the plugin's new version and swaps it in: checked against the pinned sha256 and
     * every interface it was injected as, before any call sees it. Calls in flight finish on the old version,
     * whose pool closes when they are done. One swap at a time (the watcher and a caller may both ask).
     *
     * @return false when {@code bytes} are the version serving now
     *
     * @throws WitboxException (the old version keeps serving) when the new one is refused
     */
    synchronized boolean swapIn(byte[] bytes) {
        if (closed) {
            throw new WitboxException("plugin '" + name + "' is closed");
        }
        if (sha256(bytes).equals(current.sha256)) {
            return false;
        }
        Generation next = load(bytes);
        try {
            for (Class<?> type : boundInterfaces) {
                next.binding(type);
            }
        } catch (RuntimeException e) {
            next.pool.close();
            throw e;
        }
        Generation old = current;
        current = next;
        reloads.incrementAndGet();
        old.retire();
        return true;
    }

    /** Retires the current generation and waits for its calls in flight, at most {@code grace}. */
    boolean close(java.time.Duration grace) throws InterruptedException {
        Generation g;
        synchronized (this) {
            closed = true;
            g = current;
        }
        g.retire();
        boolean drained = g.awaitDrained(grace);
        g.pool.close();
        return drained;
    }

    byte[] read() {
        try (InputStream in = resource.getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new WitboxStartupException("Plugin '" + name + "': " + PluginDiscovery.describe(resource)
                    + " cannot be read: " + e.getMessage(), "Make the file readable, or correct its location.", e);
        }
    }

    private Generation load(byte[] bytes) {
        String where = PluginDiscovery.describe(resource);
        String sha = sha256(bytes);
        if (config.sha256() != null && !config.sha256().equals(sha)) {
            throw new WitboxStartupException("Plugin '" + name + "': " + where + " has sha256 " + sha
                    + ", but witbox.plugins.instances." + name + ".sha256 pins " + config.sha256() + ".",
                    "Deploy the file that was pinned, or pin the new one's digest if it is trusted.");
        }
        Plugin plugin;
        try {
            plugin = engine.load(name, bytes);
        } catch (WitboxException e) {
            throw new WitboxStartupException("Plugin '" + name + "': " + where + " is not a WebAssembly component"
                    + " witbox can load: " + e.getMessage(),
                    "Build it as a component (wasm-tools component new; check it with witbox inspect), or remove it"
                            + " from the plugin locations.", e);
        }
        PluginPool pool;
        try {
            pool = plugin.pool(config.poolOptions(linker.importsFor(plugin, config), events));
        } catch (WitboxStartupException e) {
            throw e;
        } catch (WitboxException | IllegalArgumentException e) {
            throw new WitboxStartupException("Plugin '" + name + "' (" + where + ") cannot be linked: " + e.getMessage(),
                    "Provide what it imports (a bean implementing each imported interface; WASI capabilities under"
                            + " witbox.plugins.instances." + name + ".capabilities), or correct its settings.", e);
        }
        return new Generation(plugin, pool, where, sha);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "ManagedPlugin[" + name + ", " + source() + "]";
    }
}
