package dev.witbox.runtime;

import dev.witbox.api.WitboxException;

/**
 * An instance lent by a {@link PluginPool} to one caller; {@link #close()} gives it back. Use it from one
 * thread at a time, and not after closing it:
 *
 * <pre>
 * try (PooledInstance lease = pool.acquire()) {
 *     lease.instance().call("open", path);
 *     lease.instance().call("read", handle);
 * }
 * </pre>
 *
 * <p>Within one lease the instance keeps its state from call to call, whatever the pool's isolation; a
 * trap or timeout poisons it, and the pool then drops it instead of taking it back.
 */
public final class PooledInstance implements AutoCloseable {

    private final PluginPool pool;
    private final PoolEntry entry;
    private boolean closed;

    PooledInstance(PluginPool pool, PoolEntry entry) {
        this.pool = pool;
        this.entry = entry;
    }

    /** The lent instance. */
    public PluginInstance instance() {
        if (closed) {
            throw new WitboxException("this lease of plugin '" + pool.plugin().id() + "' was already given back");
        }
        return entry.instance();
    }

    PoolEntry entry() {
        return entry;
    }

    /** Gives the instance back to the pool (which resets it, or drops it when it trapped). Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            pool.release(entry);
        }
    }
}
