package dev.witbox.runtime;

import dev.witbox.internal.CacheLinePadding;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The fields of a {@link PoolEntry} that every lease writes: whether the entry is idle, lent or gone, how many
 * leases it served and since when it has been idle. They sit between {@link CacheLinePadding} and the padding
 * {@link PoolEntry} declares first, so they have their cache lines to themselves: two threads each calling
 * their own entry write no common line, however the garbage collector placed the two entries (it copies them
 * next to each other, both being in the pool's array). The state was an {@code AtomicInteger}, an object of
 * 16 bytes of its own that the collector could place anywhere.
 */
abstract class PoolEntryState extends CacheLinePadding {

    static final int IDLE = 0;
    static final int LENT = 1;
    /** Discarded or being discarded: never lent again. */
    static final int GONE = 2;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(PoolEntryState.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The only field two threads race on: whoever moves it from IDLE to LENT owns the entry until it sets it back. */
    @SuppressWarnings("unused") // through STATE
    private volatile int state = LENT;
    /** Leases served; written by the owner only. */
    long uses;
    /** When the entry last became idle ({@link PoolOptions#ticker()}); written by the owner only. */
    long idleSince;

    /** Takes the entry if it is idle; true when this thread now owns it. */
    final boolean tryLend() {
        return (int) STATE.getVolatile(this) == IDLE && STATE.compareAndSet(this, IDLE, LENT);
    }

    /** Marks an idle entry gone (eviction, close); true when this thread won it. */
    final boolean tryRetire() {
        return STATE.compareAndSet(this, IDLE, GONE);
    }

    /** Gives the entry back as idle; only its owner calls this, after writing {@link #idleSince}. */
    final void makeIdle() {
        STATE.setVolatile(this, IDLE);
    }

    /** Marks an entry its owner is dropping. */
    final void retire() {
        STATE.setVolatile(this, GONE);
    }

    final boolean isIdle() {
        return (int) STATE.getVolatile(this) == IDLE;
    }

    final boolean isLent() {
        return (int) STATE.getVolatile(this) == LENT;
    }
}
