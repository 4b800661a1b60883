package dev.witbox.runtime;

/**
 * One instance of a pool with its bookkeeping: the host imports it was linked with, how many leases it
 * served and since when it has been idle. Used by one thread at a time (the pool's lock hands it over).
 */
final class PoolEntry {

    private final PluginInstance instance;
    private final InstanceFactory factory;
    /** The host imports the instance is linked with now (replaced when a FRESH reset relinks it). */
    private HostImports imports;
    long uses;
    long idleSince;

    PoolEntry(PluginInstance instance, InstanceFactory factory, HostImports imports) {
        this.instance = instance;
        this.factory = factory;
        this.imports = imports;
    }

    HostImports imports() {
        return imports;
    }

    void setImports(HostImports imports) {
        this.imports = imports;
    }

    PluginInstance instance() {
        return instance;
    }

    /** Why the instance may not serve again, or null when it may. */
    PluginListener.DiscardReason discardReason() {
        if (instance.timedOut()) {
            return PluginListener.DiscardReason.TIMED_OUT;
        }
        if (instance.isPoisoned()) {
            return PluginListener.DiscardReason.TRAPPED;
        }
        if (instance.isClosed()) {
            return PluginListener.DiscardReason.CLOSED;
        }
        return null;
    }

    /** Resets the instance to the snapshot for {@link Isolation#FRESH}; false when it cannot be. */
    boolean reset() {
        return factory.reset(this);
    }

    /** Releases what the instance holds: its memory (back to the budget) and its host imports. */
    void destroy() {
        factory.destroy(this);
    }
}
