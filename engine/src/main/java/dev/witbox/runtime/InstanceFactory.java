package dev.witbox.runtime;

import dev.witbox.abi.HostFunction;
import dev.witbox.api.PluginTimeoutException;
import dev.witbox.api.PluginTrapException;
import dev.witbox.internal.chicory.MemoryBudget;
import java.time.Duration;

/**
 * Makes, resets and destroys the instances of one pool, and turns what they report (calls, memory) into the
 * pool's counters and listener events. Thread-safe: each instance is handled by one thread at a time.
 */
final class InstanceFactory implements MemoryBudget.Listener, PluginInstance.CallObserver {

    private final Plugin plugin;
    private final PoolOptions options;
    private final PluginListener listener;
    private final PoolCounters counters;
    private final MemoryBudget budget;
    private final int maxMemoryPages;
    private final Duration callTimeout;

    InstanceFactory(Plugin plugin, PoolOptions options, PluginListener listener, PoolCounters counters) {
        this.plugin = plugin;
        this.options = options;
        this.listener = listener;
        this.counters = counters;
        this.budget = new MemoryBudget(options.memoryBudgetBytes(), this);
        int engineMax = plugin.engine().maxMemoryPages();
        this.maxMemoryPages = options.maxInstanceMemoryBytes() < 0 ? engineMax
                : (int) Math.max(1, Math.min(engineMax, options.maxInstanceMemoryBytes() / 65536));
        this.callTimeout = options.callTimeout() != null ? options.callTimeout() : plugin.engine().callTimeout();
    }

    /** Links the imports the options supply without making an instance, so that a pool fails fast. */
    void checkLink() {
        HostImports imports = options.imports().get();
        try {
            plugin.link(imports);
        } finally {
            imports.close();
        }
    }

    /** A new instance, sealed: its state now is what every reset returns to. */
    PoolEntry create() {
        HostImports imports = options.imports().get();
        try {
            Instantiation instantiation = plugin.instantiation(plugin.link(imports), imports, maxMemoryPages, budget);
            // handles the start functions took stand for state of these imports: kept only when the imports
            // can hand that state on to the next lease's (a WASI context re-creates its stdio streams)
            Object hostState = options.isolation() == Isolation.FRESH ? imports.sealHostState() : null;
            instantiation.seal(hostState != null);
            PoolEntry entry = new PoolEntry(new PluginInstance(plugin, instantiation, callTimeout, this), this, imports);
            entry.sealedHostState = instantiation.keptHandles() ? hostState : null;
            return entry;
        } catch (RuntimeException | Error e) {
            imports.close();
            throw e;
        }
    }

    /**
     * Returns the instance to its snapshot, and its host imports to their state at the seal: in place when they
     * can reset themselves (a WASI context, {@link HostImports.Sealable#resetInPlace}), else made afresh by the
     * supplier (unless it hands out the same stateless imports again); false when the instance cannot be reset
     * in place.
     */
    boolean reset(PoolEntry entry) {
        Instantiation instantiation = entry.instance().instantiation();
        if (!instantiation.reset()) {
            return false;
        }
        if (options.imports() == PoolOptions.NO_IMPORTS) {
            return true;
        }
        try {
            if (entry.imports().resetHostStateInPlace()) {
                return true; // the same host functions, their state back at the seal: no supplier, no relink
            }
        } catch (RuntimeException e) {
            return false; // the host state is in no known shape: the instance goes, with its imports
        }
        entry.imports().close();
        HostImports next;
        try {
            next = options.imports().get();
            if (entry.sealedHostState != null && !next.adoptHostState(entry.sealedHostState)) {
                next.close();
                return false; // the handles kept at the seal would name nothing in the new imports
            }
            if (next != entry.imports() || next.needsClosing()) {
                instantiation.relink(plugin.link(next), next.dropHook());
            }
        } catch (RuntimeException e) {
            return false;
        }
        entry.setImports(next);
        return true;
    }

    /** Releases what the instance holds: its memory goes back to the budget, its imports are closed. */
    void destroy(PoolEntry entry) {
        entry.instance().close();
        entry.instance().instantiation().free();
        entry.imports().close();
    }

    long memoryInUse() {
        return budget.used();
    }

    long memoryBudget() {
        return budget.limit();
    }

    // ------------------------------------------------------------------ what instances report

    @Override
    public void inUse(long bytes, long limit) {
        listener.memoryInUse(plugin.id(), bytes, limit);
    }

    @Override
    public void growRefused(long bytes, boolean byBudget) {
        counters.growRefused.increment();
        listener.memoryGrowRefused(plugin.id(), bytes,
                byBudget ? PluginListener.GrowRefusal.PLUGIN_BUDGET : PluginListener.GrowRefusal.INSTANCE_MAXIMUM);
    }

    @Override
    public boolean timed() {
        return listener != PluginListener.NONE; // the pool's own counters need no clock
    }

    @Override
    public void completed(String export, long nanos) {
        counters.calls.increment();
        listener.callCompleted(plugin.id(), export, nanos);
    }

    @Override
    public void trapped(String export, long nanos, PluginTrapException trap) {
        counters.calls.increment();
        counters.traps.increment();
        if (trap instanceof PluginTimeoutException timeout) {
            counters.timeouts.increment();
            listener.callTimedOut(plugin.id(), export, timeout.timeout());
        } else {
            listener.callTrapped(plugin.id(), export, nanos, trap);
        }
    }
}
