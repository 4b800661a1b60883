package dev.witbox.spring.actuate;

import dev.witbox.runtime.PoolStats;
import dev.witbox.spring.ManagedPlugin;
import dev.witbox.spring.WitboxPlugins;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code witbox} health: up while every plugin is loaded and has a pool that is not exhausted (a pool whose
 * instances are all busy and that turned callers away since the last check reports {@code OUT_OF_SERVICE});
 * details per plugin: pool sizes, busy rejections and the last trap.
 */
public class WitboxHealthIndicator extends AbstractHealthIndicator {

    private final WitboxPlugins plugins;
    private final Map<String, Long> busySeen = new java.util.concurrent.ConcurrentHashMap<>();

    public WitboxHealthIndicator(WitboxPlugins plugins) {
        super("witbox health check failed");
        this.plugins = plugins;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean exhausted = false;
        for (ManagedPlugin p : plugins.all()) {
            PoolStats s = p.stats();
            long before = busySeen.getOrDefault(p.name(), 0L);
            busySeen.put(p.name(), s.busy());
            boolean full = s.active() >= p.maxSize() && s.busy() > before;
            exhausted |= full;
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("loaded", true);
            d.put("idle", s.idle());
            d.put("busy", s.active());
            d.put("max", p.maxSize());
            d.put("exhausted", full);
            d.put("rejected", s.busy());
            d.put("lastTrap", p.lastTrap() == null ? "none" : p.lastTrap());
            builder.withDetail(p.name(), d);
        }
        if (exhausted) {
            builder.outOfService();
        } else {
            builder.up();
        }
    }
}
