package dev.witbox.runtime;

import dev.witbox.api.PluginBusyException;
import dev.witbox.api.PluginLinkException;
import dev.witbox.api.PluginTrapException;
import dev.witbox.api.WitboxException;
import dev.witbox.api.value.WitValue;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * A pool of instances of one plugin, safe to call from any number of threads (platform or virtual): each
 * call borrows an instance for its duration, so calls run in parallel up to {@link PoolOptions#maxSize()}
 * and beyond that wait (at most {@link PoolOptions#acquireTimeout()}, then {@link PluginBusyException}).
 *
 * <pre>
 * try (PluginPool pool = plugin.pool()) {
 *     WitValue hello = pool.call("greet", new WitValue.Str("world"));
 * }
 * </pre>
 *
 * <p>In {@link Isolation#FRESH} mode (the default) an instance given back is reset to the plugin's
 * post-initialisation snapshot before anyone else gets it. An instance that trapped, ran past its deadline
 * or broke a limit is dropped and its memory returned to the plugin's budget; calls on other instances are
 * not affected. Waiting uses {@link ReentrantLock}, never {@code synchronized}, so a waiting virtual
 * thread does not pin its carrier.
 */
public final class PluginPool implements AutoCloseable {

    private final Plugin plugin;
    private final PoolOptions options;
    private final PluginListener listener;
    private final LongSupplier ticker;
    private final InstanceFactory factory;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition freed = lock.newCondition();
    /** Idle instances, most recently used first (warm caches); eviction takes from the other end. */
    private final ArrayDeque<PoolEntry> idle = new ArrayDeque<>();
    /** Instances that exist: idle, lent out, or being made. Guarded by {@link #lock}. */
    private int total;
    private int active;
    private boolean closed;
    private final ScheduledFuture<?> maintenance;

    private final LongAdder created = new LongAdder();
    private final LongAdder reused = new LongAdder();
    private final LongAdder discarded = new LongAdder();
    private final LongAdder notResettable = new LongAdder();
    private final LongAdder waits = new LongAdder();
    private final LongAdder busy = new LongAdder();
    final PoolCounters counters = new PoolCounters();

    PluginPool(Plugin plugin, PoolOptions options) {
        this.plugin = plugin;
        this.options = options;
        this.listener = options.listener() == PluginListener.NONE ? PluginListener.NONE : new SafeListener(options.listener());
        this.ticker = options.ticker();
        this.factory = new InstanceFactory(plugin, options, listener, counters);
        if (options.minIdle() == 0) {
            factory.checkLink();
        }
        List<PoolEntry> warm = new ArrayList<>();
        try {
            for (int i = 0; i < options.minIdle(); i++) {
                warm.add(make());
            }
        } catch (RuntimeException e) {
            warm.forEach(PoolEntry::destroy);
            throw e;
        }
        long now = ticker.getAsLong();
        for (PoolEntry e : warm) {
            e.idleSince = now;
            idle.addLast(e);
        }
        total = warm.size();
        this.maintenance = options.idleTimeout() == null && options.minIdle() == 0 ? null : Maintenance.schedule(this);
    }

    public Plugin plugin() {
        return plugin;
    }

    public PoolOptions options() {
        return options;
    }

    /**
     * Calls export {@code exportName} on an instance of the pool.
     *
     * @return the result, or null when the function has none
     * @throws PluginBusyException when no instance became free within the acquire timeout
     * @throws PluginTrapException when the guest trapped or ran past its deadline ({@code PluginTimeoutException})
     * @throws WitboxException when there is no such export or the arguments do not fit its type
     */
    public WitValue call(String exportName, WitValue... args) {
        int index = indexOf(exportName);
        try (PooledInstance lease = acquire()) {
            return lease.entry().instance().handle(index).call(args);
        }
    }

    /**
     * The export called {@code exportName}, for calling it through the pool without looking it up by name
     * each time.
     *
     * @throws WitboxException when there is no such export
     */
    public PooledFunction function(String exportName) {
        int index = indexOf(exportName);
        return new PooledFunction(this, plugin.exports().get(index), index);
    }

    /**
     * An implementation of the generated export interface {@code type} (witbox-bindgen) whose every call
     * borrows an instance of this pool, as {@link #function} does. The interface is checked against the
     * plugin's exports here, once. Interfaces that pass resource handles are refused: a handle belongs to
     * one instance, so bind those to a lease's instance ({@link PluginInstance#bind(Class)}).
     *
     * @throws PluginLinkException when the plugin lacks an export of the interface or has it with another
     *                             type (both signatures are printed)
     */
    public <T> T bind(Class<T> type) {
        return Bindings.bind(type, plugin, this::function);
    }

    private int indexOf(String exportName) {
        int index = plugin.exportIndex(exportName);
        if (index < 0) {
            throw plugin.noSuchExport(exportName);
        }
        return index;
    }

    /**
     * Borrows an instance for several calls; close the lease to give it back.
     *
     * @throws PluginBusyException when no instance became free within the acquire timeout
     * @throws WitboxException when the pool is closed, or a new instance could not be made
     */
    public PooledInstance acquire() {
        PoolEntry entry = null;
        boolean make = false;
        long waitedSince = 0;
        lock.lock();
        try {
            long remaining = options.acquireTimeout().toNanos();
            while (true) {
                checkOpen();
                entry = idle.pollFirst();
                if (entry != null) {
                    break;
                }
                if (total < options.maxSize()) {
                    total++;
                    make = true;
                    break;
                }
                if (remaining <= 0) {
                    busy.increment();
                    listener.acquireTimedOut(plugin.id(), options.acquireTimeout());
                    throw new PluginBusyException(plugin.id(), options.maxSize(), options.acquireTimeout());
                }
                if (waitedSince == 0) {
                    waitedSince = System.nanoTime() | 1;
                    waits.increment();
                }
                try {
                    remaining = freed.awaitNanos(remaining);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new WitboxException("interrupted while waiting for an instance of plugin '" + plugin.id() + "'", e);
                }
            }
            active++;
        } finally {
            lock.unlock();
        }
        if (waitedSince != 0) {
            listener.poolWaited(plugin.id(), System.nanoTime() - waitedSince);
        }
        if (make) {
            try {
                entry = make();
            } catch (RuntimeException | Error e) {
                lock.lock();
                try {
                    total--;
                    active--;
                    freed.signal();
                } finally {
                    lock.unlock();
                }
                throw e;
            }
        } else {
            reused.increment();
            listener.instanceReused(plugin.id());
        }
        return new PooledInstance(this, entry);
    }

    private PoolEntry make() {
        PoolEntry e = factory.create();
        created.increment();
        listener.instanceCreated(plugin.id());
        return e;
    }

    /** Takes an instance back: resets it for the next lease, or drops it. Runs on the releasing thread. */
    void release(PoolEntry entry) {
        entry.uses++;
        PluginListener.DiscardReason reason = entry.discardReason();
        if (reason == null && entry.uses >= options.maxUses()) {
            reason = PluginListener.DiscardReason.MAX_USES;
        }
        if (reason == null && options.isolation() == Isolation.FRESH && !entry.reset()) {
            reason = PluginListener.DiscardReason.NOT_RESETTABLE;
            notResettable.increment();
        }
        boolean keep;
        lock.lock();
        try {
            active--;
            if (closed && reason == null) {
                reason = PluginListener.DiscardReason.POOL_CLOSED;
            }
            keep = reason == null;
            if (keep) {
                entry.idleSince = ticker.getAsLong();
                idle.addFirst(entry);
            } else {
                total--;
            }
            freed.signal();
        } finally {
            lock.unlock();
        }
        if (!keep) {
            discard(entry, reason);
        }
    }

    private void discard(PoolEntry entry, PluginListener.DiscardReason reason) {
        entry.destroy();
        discarded.increment();
        listener.instanceDiscarded(plugin.id(), reason);
    }

    /**
     * Drops the instances that have been idle longer than the idle timeout (keeping {@code minIdle}), then
     * makes instances up to {@code minIdle}. Runs periodically on a shared maintenance thread; tests call it
     * with their own ticker.
     */
    void maintain() {
        List<PoolEntry> evicted = new ArrayList<>();
        int missing;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            Duration timeout = options.idleTimeout();
            if (timeout != null) {
                long now = ticker.getAsLong();
                while (idle.size() > options.minIdle() && now - idle.peekLast().idleSince >= timeout.toNanos()) {
                    evicted.add(idle.pollLast());
                    total--;
                }
            }
            missing = Math.max(0, options.minIdle() - idle.size() - active);
            missing = Math.min(missing, options.maxSize() - total);
            total += missing;
        } finally {
            lock.unlock();
        }
        evicted.forEach(e -> discard(e, PluginListener.DiscardReason.IDLE));
        for (int i = 0; i < missing; i++) {
            PoolEntry e;
            try {
                e = make();
            } catch (RuntimeException ex) {
                lock.lock();
                try {
                    total -= missing - i;
                } finally {
                    lock.unlock();
                }
                return;
            }
            lock.lock();
            try {
                e.idleSince = ticker.getAsLong();
                idle.addLast(e);
                freed.signal();
            } finally {
                lock.unlock();
            }
        }
    }

    /** The pool's counters now. */
    public PoolStats stats() {
        int idleNow;
        int activeNow;
        lock.lock();
        try {
            idleNow = idle.size();
            activeNow = active;
        } finally {
            lock.unlock();
        }
        return new PoolStats(idleNow, activeNow, created.sum(), reused.sum(), discarded.sum(), notResettable.sum(),
                counters.calls.sum(), counters.traps.sum(), counters.timeouts.sum(), waits.sum(), busy.sum(),
                counters.growRefused.sum(), factory.memoryInUse(), factory.memoryBudget());
    }

    /**
     * Closes the pool: idle instances are dropped now, lent ones when they are given back, and waiting or
     * later acquisitions fail. Idempotent.
     */
    @Override
    public void close() {
        List<PoolEntry> drained;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            drained = new ArrayList<>(idle);
            idle.clear();
            total -= drained.size();
            freed.signalAll();
        } finally {
            lock.unlock();
        }
        if (maintenance != null) {
            maintenance.cancel(false);
        }
        drained.forEach(e -> discard(e, PluginListener.DiscardReason.POOL_CLOSED));
    }

    private void checkOpen() {
        if (closed) {
            throw new WitboxException("the pool of plugin '" + plugin.id() + "' is closed");
        }
    }

    @Override
    public String toString() {
        return "PluginPool[" + plugin.id() + ", " + stats() + "]";
    }

    /** Runs {@link #maintain()} of every open pool now and then, holding pools weakly. */
    private static final class Maintenance {
        private static final java.util.concurrent.ScheduledExecutorService TIMER =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "witbox-pool-maintenance");
                    t.setDaemon(true);
                    return t;
                });

        static ScheduledFuture<?> schedule(PluginPool pool) {
            Duration timeout = pool.options.idleTimeout();
            long period = timeout == null ? TimeUnit.SECONDS.toNanos(30)
                    : Math.max(TimeUnit.MILLISECONDS.toNanos(100), Math.min(timeout.toNanos() / 2, TimeUnit.SECONDS.toNanos(30)));
            WeakReference<PluginPool> ref = new WeakReference<>(pool);
            ScheduledFuture<?>[] self = new ScheduledFuture<?>[1];
            self[0] = TIMER.scheduleWithFixedDelay(() -> {
                PluginPool p = ref.get();
                if (p == null) {
                    self[0].cancel(false);
                    return;
                }
                try {
                    p.maintain();
                } catch (RuntimeException e) {
                    // a failed top-up is retried on the next round; an acquire makes what it needs anyway
                }
            }, period, period, TimeUnit.NANOSECONDS);
            return self[0];
        }
    }
}
