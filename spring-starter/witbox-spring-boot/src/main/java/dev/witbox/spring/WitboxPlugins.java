package dev.witbox.spring;

import dev.witbox.api.PluginLinkException;
import dev.witbox.api.WitInterface;
import dev.witbox.api.WitboxException;
import dev.witbox.runtime.Plugin;
import dev.witbox.runtime.PluginPool;
import dev.witbox.runtime.WitboxEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * Every plugin of the application, by name: found and loaded at startup (a plugin that cannot be set up fails
 * startup), injected by {@code @WasmPlugin}, closed with the context after the calls in flight (at most
 * {@code witbox.plugins.shutdown-grace-period}).
 */
public final class WitboxPlugins implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(WitboxPlugins.class);

    private final Map<String, ManagedPlugin> plugins;
    private final Duration grace;

    WitboxPlugins(WitboxEngine engine, WitboxProperties properties, ResourcePatternResolver resolver,
            HostImportLinker linker, CallObserver observer) {
        WitboxProperties.Plugins props = properties.getPlugins();
        this.grace = props.getShutdownGracePeriod();
        Map<String, ManagedPlugin> loaded = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Resource> e : PluginDiscovery.discover(resolver, props).entrySet()) {
                String name = e.getKey();
                PluginConfig config = PluginConfig.merge(name, props.getDefaults(), props.getInstances().get(name));
                loaded.put(name, new ManagedPlugin(name, e.getValue(), config, engine, linker, observer));
            }
        } catch (RuntimeException e) {
            loaded.values().forEach(p -> p.pool().close());
            throw e;
        }
        this.plugins = Collections.unmodifiableMap(loaded);
        if (!plugins.isEmpty()) {
            LOG.info("witbox: {} plugin(s): {}", plugins.size(), plugins.values().stream()
                    .map(p -> p.name() + " (" + p.source() + ")").collect(Collectors.joining(", ")));
        }
    }

    /** The plugins, in discovery order. */
    public Collection<ManagedPlugin> all() {
        return plugins.values();
    }

    /** The plugin called {@code name}, or null. */
    public ManagedPlugin get(String name) {
        return plugins.get(name);
    }

    /**
     * Reads the plugin's file again and, if it changed, swaps the new version in (see
     * {@code witbox.plugins.reload.enabled}): the pinned sha256 and every interface the plugin was injected as
     * are checked first. Calls in flight finish on the old version.
     *
     * @return true when a new version now serves, false when the file did not change
     * @throws WitboxException when the new version is refused (the old one keeps serving)
     */
    public boolean reload(String name) {
        ManagedPlugin p = plugins.get(name);
        if (p == null) {
            throw new WitboxException("no plugin '" + name + "'; plugins: " + plugins.keySet());
        }
        return p.swapIn(p.read());
    }

    /**
     * What {@code @WasmPlugin(name)} on an injection point of type {@code type} gets: a pool-backed
     * implementation of a generated interface, the {@link Plugin}, or its {@link PluginPool}.
     *
     * @param where the injection point, for messages
     */
    Object inject(String name, Class<?> type, String where) {
        ManagedPlugin p = name.isEmpty() ? only(type, where) : plugins.get(name);
        if (p == null) {
            throw new WitboxStartupException(where + " asks for plugin '" + name + "', and there is none; plugins: "
                    + (plugins.isEmpty() ? "none" : String.join(", ", plugins.keySet())) + ".",
                    "Put " + name + ".wasm in one of witbox.plugins.locations, or set witbox.plugins.instances." + name
                            + ".source.");
        }
        if (type == Plugin.class) {
            return p.plugin();
        }
        if (type == PluginPool.class) {
            return p.pool();
        }
        checkGenerated(type, where);
        try {
            return p.proxy(type);
        } catch (PluginLinkException e) {
            throw new WitboxStartupException(where + ": plugin '" + p.name() + "' (" + p.source() + ") does not implement "
                    + type.getName() + ": " + e.getMessage(),
                    "Regenerate " + type.getSimpleName() + " from the plugin's WIT, or inject the plugin that exports it.", e);
        }
    }

    private ManagedPlugin only(Class<?> type, String where) {
        if (type == Plugin.class || type == PluginPool.class) {
            if (plugins.size() == 1) {
                return plugins.values().iterator().next();
            }
            throw new WitboxStartupException(where + " asks for a " + type.getSimpleName() + " without naming it, and there are "
                    + plugins.size() + " plugins: " + plugins.keySet() + ".",
                    "Name one: @WasmPlugin(\"" + (plugins.isEmpty() ? "name" : plugins.keySet().iterator().next()) + "\").");
        }
        checkGenerated(type, where);
        List<ManagedPlugin> fits = new ArrayList<>();
        for (ManagedPlugin p : plugins.values()) {
            try {
                p.current().binding(type);
                fits.add(p);
            } catch (PluginLinkException e) {
                // not this one
            }
        }
        if (fits.size() != 1) {
            throw new WitboxStartupException(where + " asks for the plugin implementing " + type.getName() + ", and "
                    + (fits.isEmpty() ? "none does" : fits.size() + " do: " + fits.stream().map(ManagedPlugin::name)
                            .collect(Collectors.joining(", "))) + " (plugins: " + plugins.keySet() + ").",
                    fits.isEmpty() ? "Add a plugin exporting " + type.getAnnotation(WitInterface.class).value() + "."
                            : "Name one: @WasmPlugin(\"" + fits.get(0).name() + "\").");
        }
        return fits.get(0);
    }

    private static void checkGenerated(Class<?> type, String where) {
        if (!type.isInterface() || !type.isAnnotationPresent(WitInterface.class)) {
            throw new WitboxStartupException(where + " is annotated @WasmPlugin but its type " + type.getName()
                    + " is neither an interface generated from WIT, nor Plugin, nor PluginPool.",
                    "Inject the interface witbox-maven-plugin generated from the plugin's WIT (annotated @WitInterface).");
        }
    }

    /** Closes every pool, after its calls in flight or the grace period, whichever comes first. */
    @Override
    public void destroy() throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        List<String> cut = new ArrayList<>();
        for (ManagedPlugin p : plugins.values()) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            if (!p.close(left)) {
                cut.add(p.name());
            }
        }
        if (!cut.isEmpty()) {
            LOG.warn("witbox: closed plugin(s) {} with calls still in flight after the grace period of {}", cut, grace);
        }
    }

    @Override
    public String toString() {
        return "WitboxPlugins" + Arrays.toString(plugins.keySet().toArray());
    }
}
