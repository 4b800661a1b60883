package dev.witbox.runtime;

/** Makes, resets and destroys the instances of one pool. */
final class InstanceFactory {

    private final Plugin plugin;
    private final PoolOptions options;
    private final PluginListener listener;
    private final PoolCounters counters;

    InstanceFactory(Plugin plugin, PoolOptions options, PluginListener listener, PoolCounters counters) {
        this.plugin = plugin;
        this.options = options;
        this.listener = listener;
        this.counters = counters;
    }

    PoolEntry create() {
        HostImports imports = options.imports().get();
        PluginInstance instance = plugin.instantiate(imports);
        return new PoolEntry(instance, this);
    }

    boolean reset(PoolEntry entry) {
        return false;
    }

    void destroy(PoolEntry entry) {
        entry.instance().close();
    }

    long memoryInUse() {
        return 0;
    }

    long memoryBudget() {
        return options.memoryBudgetBytes();
    }

    void close() {}
}
