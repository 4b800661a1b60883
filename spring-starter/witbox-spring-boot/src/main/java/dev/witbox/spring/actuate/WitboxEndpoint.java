package dev.witbox.spring.actuate;

import dev.witbox.runtime.ExportedFunction;
import dev.witbox.runtime.PoolStats;
import dev.witbox.spring.ManagedPlugin;
import dev.witbox.spring.WitboxPlugins;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * {@code /actuator/witbox}: every plugin with where it came from, its digest, its WIT world (what it imports and
 * exports), its pool and memory against their limits, and its call counters; {@code /actuator/witbox/{name}}
 * for one.
 */
@Endpoint(id = "witbox")
public class WitboxEndpoint {

    private final WitboxPlugins plugins;

    public WitboxEndpoint(WitboxPlugins plugins) {
        this.plugins = plugins;
    }

    @ReadOperation
    public PluginsDescriptor plugins() {
        return new PluginsDescriptor(plugins.all().stream()
                .collect(Collectors.toMap(ManagedPlugin::name, WitboxEndpoint::describe, (a, b) -> a, java.util.LinkedHashMap::new)));
    }

    @ReadOperation
    public PluginDescriptor plugin(@Selector String name) {
        ManagedPlugin p = plugins.get(name);
        return p == null ? null : describe(p);
    }

    private static PluginDescriptor describe(ManagedPlugin p) {
        PoolStats s = p.stats();
        List<String> exports = p.plugin().exports().stream().map(ExportedFunction::signature).toList();
        List<String> imports = List.copyOf(new TreeSet<>(p.plugin().imports().stream()
                .map(f -> f.interfaceName() == null ? f.name() : f.interfaceName()).toList()));
        return new PluginDescriptor(p.source(), p.sha256(), new World(imports, exports),
                new Pool(s.idle(), s.active(), p.maxSize()),
                new Memory(s.memoryInUseBytes(), s.memoryBudgetBytes()),
                new Calls(s.calls(), s.traps(), s.timeouts(), s.busy()), p.lastTrap(), p.loadedAt(), p.reloads());
    }

    /** Every plugin, by name. */
    public record PluginsDescriptor(Map<String, PluginDescriptor> plugins) {}

    /** One plugin. */
    public record PluginDescriptor(String source, String sha256, World world, Pool pool, Memory memory, Calls calls,
            String lastTrap, Instant loadedAt, long reloads) {}

    /** The WIT interfaces (or world-level functions) it imports, and its exports with their signatures. */
    public record World(List<String> imports, List<String> exports) {}

    /** Instances idle, busy (lent to a call), and the most the pool makes. */
    public record Pool(int idle, int busy, int max) {}

    /** Linear memory held by its instances, against its budget (bytes). */
    public record Memory(long inUseBytes, long budgetBytes) {}

    /** Calls through the pool now serving, those that trapped (timeouts included), timed out, found it busy. */
    public record Calls(long calls, long traps, long timeouts, long busy) {}
}
