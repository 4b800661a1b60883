package dev.witbox.runtime;

import java.lang.ref.WeakReference;

/**
 * One instance of a pool with its bookkeeping: whether it is idle, lent or gone, the host imports it was
 * linked with, how many leases it served and since when it has been idle. The state is the only field two
 * threads race on: whoever moves it from {@link #IDLE} to {@link #LENT} owns the entry until it sets it back.
 * What every lease writes is in {@link PoolEntryState}, on cache lines of its own (the padding below).
 */
final class PoolEntry extends PoolEntryState {

    // first of this class's fields, so right after PoolEntryState's: keeps the next object off their cache line
    @SuppressWarnings("unused")
    private long pad0, pad1, pad2, pad3, pad4, pad5, pad6, pad7;

    /** What a thread remembers of the entry it gave back last (weakly: a dropped entry is not kept alive). */
    final WeakReference<PoolEntry> affinity = new WeakReference<>(this);

    private final PluginInstance instance;
    private final InstanceFactory factory;
    /** The host imports the instance is linked with now (replaced when a FRESH reset relinks it). */
    private HostImports imports;
    /**
     * What the imports' {@link HostImports.Sealable} said of the host state the start functions took handles
     * to, handed to each next lease's imports; null when the instance held no handles at its seal.
     */
    Object sealedHostState;

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
