package dev.witbox.runtime;

import dev.witbox.api.PluginBusyException;
import dev.witbox.api.PluginLinkException;
import dev.witbox.api.PluginTrapException;
import dev.witbox.api.WitboxException;
import dev.witbox.api.value.WitValue;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
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
 * not affected.
 *
 * <p>Borrowing and giving back an idle instance takes no lock: each instance has an atomic state (idle, lent,
 * gone), a borrower claims an idle one by compare-and-set, trying first the one its thread gave back last,
 * and writes nothing that other threads' calls write. Only making an instance, waiting for one, dropping
 * one, eviction and close take the pool's {@link ReentrantLock} (never {@code synchronized}, so a waiting
 * virtual thread does not pin its carrier); while a thread waits, the others take the locked path too, so
 * a thread re-taking its own instance cannot starve the waiters.
 */
public final class PluginPool implements AutoCloseable {

    private final Plugin plugin;
    private final PoolOptions options;
    private final PluginListener listener;
    private final LongSupplier ticker;
    private final InstanceFactory factory;

    /** Guards the slow path: making and dropping instances, waiting, eviction, close. Never held by a call. */
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition freed = lock.newCondition();
    /**
     * Every instance the pool holds, idle or lent (each entry's own state says which). Replaced, never
     * changed, under {@link #lock}, so that the fast path reads it without locking.
     */
    private volatile PoolEntry[] entries = new PoolEntry[0];
    /** Instances being made (not yet in {@link #entries}). Guarded by {@link #lock}. */
    private int making;
    /**
     * Threads in the slow path of {@link #acquire()}. Written under {@link #lock}; read by {@link #release}
     * (to know whether to signal) and by the fast path, which stands back while anyone waits so that a thread
     * re-taking its own instance cannot starve the waiters.
     */
    private volatile int waiters;
    private volatile boolean closed;
    /** The instance each thread gave back last: the first it tries to take again (its caches are warm). */
    private final ThreadLocal<WeakReference<PoolEntry>> lastReleased = new ThreadLocal<>();
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
            e.makeIdle();
        }
        entries = warm.toArray(new PoolEntry[0]);
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
        PoolEntry entry = lend();
        try {
            return entry.instance().handle(index).call(args);
        } finally {
            release(entry);
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
     * plugin's exports here, once. Interfaces that pass handles of resources the plugin defines are
     * refused: such a handle belongs to one instance, so bind those to a lease's instance
     * ({@link PluginInstance#bind(Class)}). Resources the host implements (its own Java objects) are fine.
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
        return new PooledInstance(this, lend());
    }

    /**
     * An entry lent to the caller, who gives it back with {@link #release}: what {@link #acquire()} wraps,
     * and what the pool's own calls use without a lease object.
     */
    PoolEntry lend() {
        checkOpen();
        // the fast path: no lock, no shared write, just a compare-and-set on an idle entry (usually the one
        // this thread gave back last, so two threads with an instance each never touch each other's)
        PoolEntry entry = waiters == 0 ? claimIdle() : null;
        if (entry == null) {
            return lendSlowly();
        }
        reused.increment();
        listener.instanceReused(plugin.id());
        return entry;
    }

    /** An idle entry this thread now owns, or null: the one it gave back last first, then any. */
    private PoolEntry claimIdle() {
        WeakReference<PoolEntry> last = lastReleased.get();
        PoolEntry mine = last == null ? null : last.get();
        if (mine != null && mine.tryLend()) {
            return mine;
        }
        PoolEntry[] all = entries;
        int n = all.length;
        if (n == 0) {
            return null;
        }
        int start = n == 1 ? 0 : ThreadLocalRandom.current().nextInt(n); // spread threads that lost theirs
        for (int i = 0; i < n; i++) {
            PoolEntry e = all[(start + i) % n];
            if (e.tryLend()) {
                return e;
            }
        }
        return null;
    }

    /** No idle instance was free: make one if the pool may grow, else wait for one (at most the timeout). */
    private PoolEntry lendSlowly() {
        PoolEntry entry = null;
        long waitedSince = 0;
        lock.lock();
        waiters++;
        try {
            long remaining = options.acquireTimeout().toNanos();
            while (true) {
                checkOpen();
                entry = claimIdle();
                if (entry != null) {
                    break;
                }
                if (entries.length + making < options.maxSize()) {
                    making++;
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
        } finally {
            waiters--;
            lock.unlock();
        }
        if (waitedSince != 0) {
            listener.poolWaited(plugin.id(), System.nanoTime() - waitedSince);
        }
        if (entry != null) {
            reused.increment();
            listener.instanceReused(plugin.id());
            return entry;
        }
        PoolEntry made;
        try {
            made = make();
        } catch (RuntimeException | Error e) {
            lock.lock();
            try {
                making--;
                freed.signal();
            } finally {
                lock.unlock();
            }
            throw e;
        }
        lock.lock();
        try {
            making--;
            add(made); // lent from birth: the entry's state starts as LENT
        } finally {
            lock.unlock();
        }
        return made;
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
        if (reason == null && closed) {
            reason = PluginListener.DiscardReason.POOL_CLOSED;
        }
        if (reason != null) {
            entry.retire();
            drop(entry, reason);
            return;
        }
        entry.idleSince = ticker.getAsLong();
        WeakReference<PoolEntry> mine = entry.affinity;
        if (lastReleased.get() != mine) {
            lastReleased.set(mine);
        }
        entry.makeIdle();
        // a waiter counts itself in before it looks for an idle entry, and this thread made the entry idle
        // before it reads the count: either the waiter sees the entry or this thread sees the waiter
        if (waiters > 0) {
            lock.lock();
            try {
                freed.signal();
            } finally {
                lock.unlock();
            }
        }
        if (closed && entry.tryRetire()) {
            drop(entry, PluginListener.DiscardReason.POOL_CLOSED); // close() ran while it was being given back
        }
    }

    /** Removes a retired entry from the pool, lets a waiter make a replacement, and destroys it. */
    private void drop(PoolEntry entry, PluginListener.DiscardReason reason) {
        lock.lock();
        try {
            remove(List.of(entry));
            freed.signal();
        } finally {
            lock.unlock();
        }
        discard(entry, reason);
    }

    /** Adds an entry to {@link #entries}; the caller holds {@link #lock}. */
    private void add(PoolEntry entry) {
        PoolEntry[] all = Arrays.copyOf(entries, entries.length + 1);
        all[all.length - 1] = entry;
        entries = all;
    }

    /** Removes entries from {@link #entries}; the caller holds {@link #lock}. */
    private void remove(List<PoolEntry> gone) {
        if (!gone.isEmpty()) {
            entries = Arrays.stream(entries).filter(e -> !gone.contains(e)).toArray(PoolEntry[]::new);
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
                List<PoolEntry> idleNow = new ArrayList<>();
                for (PoolEntry e : entries) {
                    if (e.isIdle()) {
                        idleNow.add(e);
                    }
                }
                idleNow.sort(Comparator.comparingLong(e -> e.idleSince)); // longest idle first
                int idleCount = idleNow.size();
                for (PoolEntry e : idleNow) {
                    if (idleCount <= options.minIdle() || now - e.idleSince < timeout.toNanos()) {
                        break;
                    }
                    if (e.tryRetire()) {
                        if (now - e.idleSince < timeout.toNanos()) {
                            e.makeIdle(); // lent and given back since it was looked at: it stays
                            continue;
                        }
                        evicted.add(e);
                        idleCount--;
                    }
                }
                remove(evicted);
            }
            int total = entries.length + making;
            missing = Math.max(0, options.minIdle() - total);
            missing = Math.min(missing, options.maxSize() - total);
            making += missing;
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
                    making -= missing - i;
                } finally {
                    lock.unlock();
                }
                return;
            }
            lock.lock();
            try {
                making--;
                e.idleSince = ticker.getAsLong();
                e.makeIdle();
                add(e);
                freed.signal();
            } finally {
                lock.unlock();
            }
        }
    }

    /** The pool's counters now. */
    public PoolStats stats() {
        int idleNow = 0;
        int activeNow;
        lock.lock();
        try {
            activeNow = making;
            for (PoolEntry e : entries) {
                if (e.isIdle()) {
                    idleNow++;
                } else if (e.isLent()) {
                    activeNow++;
                }
            }
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
            drained = new ArrayList<>();
            for (PoolEntry e : entries) {
                if (e.tryRetire()) {
                    drained.add(e);
                }
            }
            remove(drained);
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
