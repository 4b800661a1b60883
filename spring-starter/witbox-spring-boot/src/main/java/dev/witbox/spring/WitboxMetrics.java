package dev.witbox.spring;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToDoubleFunction;

/**
 * Gauges of each plugin's pool, tagged {@code plugin}: {@code witbox.pool.idle}, {@code witbox.pool.active},
 * {@code witbox.pool.max}, {@code witbox.memory.used} and {@code witbox.memory.budget} (bytes). They read the
 * version serving now, so they follow reloads. Call timers come from the {@code witbox.plugin.call} observation.
 */
final class WitboxMetrics implements MeterBinder {

    private final WitboxPlugins plugins;

    WitboxMetrics(WitboxPlugins plugins) {
        this.plugins = plugins;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (ManagedPlugin p : plugins.all()) {
            Tags tags = Tags.of("plugin", p.name());
            gauge(registry, "witbox.pool.idle", "instances waiting in the pool", p, x -> x.stats().idle(), tags, null);
            gauge(registry, "witbox.pool.active", "instances serving a call", p, x -> x.stats().active(), tags, null);
            gauge(registry, "witbox.pool.max", "the most instances the pool makes", p, ManagedPlugin::maxSize, tags, null);
            gauge(registry, "witbox.memory.used", "linear memory the plugin's instances hold", p,
                    x -> x.stats().memoryInUseBytes(), tags, "bytes");
            gauge(registry, "witbox.memory.budget", "the plugin's memory budget", p,
                    x -> x.stats().memoryBudgetBytes(), tags, "bytes");
        }
    }

    private static void gauge(MeterRegistry registry, String name, String description, ManagedPlugin p,
            ToDoubleFunction<ManagedPlugin> value, Tags tags, String unit) {
        Gauge.builder(name, p, value).description(description).tags(tags).baseUnit(unit).register(registry);
    }
}
