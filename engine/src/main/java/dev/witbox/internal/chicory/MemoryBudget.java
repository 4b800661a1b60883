package dev.witbox.internal.chicory;

import dev.witbox.api.WitboxException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The linear memory all instances of one plugin (one pool) may hold together, in bytes. Memories reserve
 * from it before they grow and give back when they shrink to their snapshot or are freed, so the sum of
 * their sizes never passes the limit. Thread-safe (one atomic counter).
 */
public final class MemoryBudget {

    /** Told what the budget does: for counters and metrics. */
    public interface Listener {
        Listener NONE = new Listener() {};

        /** Memory in use changed. */
        default void inUse(long bytes, long limit) {}

        /** A {@code memory.grow} by {@code bytes} was refused: by the budget, or by the instance's maximum. */
        default void growRefused(long bytes, boolean byBudget) {}
    }

    /** The budget cannot hold a new memory's initial size. */
    public static final class Exhausted extends WitboxException {
        Exhausted(String message) {
            super(message);
        }
    }

    private final long limit;
    private final Listener listener;
    private final AtomicLong used = new AtomicLong();

    public MemoryBudget(long limit, Listener listener) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        this.limit = limit;
        this.listener = listener;
    }

    /** A budget without a limit (instances made outside a pool). */
    public static MemoryBudget unlimited() {
        return new MemoryBudget(Long.MAX_VALUE, Listener.NONE);
    }

    public long limit() {
        return limit;
    }

    public long used() {
        return used.get();
    }

    /** Reserves {@code bytes} for a {@code memory.grow}; false (and the refusal reported) when over the limit. */
    boolean tryReserve(long bytes) {
        if (!reserve(bytes)) {
            listener.growRefused(bytes, true);
            return false;
        }
        return true;
    }

    /** Reserves a new memory's initial size; throws when over the limit, since instantiation cannot go on. */
    void reserveInitial(long bytes) {
        if (!reserve(bytes)) {
            throw new Exhausted("the memory budget of " + limit + " bytes is exhausted: " + used.get()
                    + " bytes in use, and a new instance needs " + bytes + " bytes of memory");
        }
    }

    private boolean reserve(long bytes) {
        long now;
        long next;
        do {
            now = used.get();
            next = now + bytes;
            if (next > limit || next < 0) {
                return false;
            }
        } while (!used.compareAndSet(now, next));
        if (bytes != 0) {
            listener.inUse(next, limit);
        }
        return true;
    }

    void release(long bytes) {
        if (bytes != 0) {
            listener.inUse(used.addAndGet(-bytes), limit);
        }
    }

    /** A grow past an instance's own maximum, reported like a budget refusal. */
    void refused(long bytes, boolean byBudget) {
        listener.growRefused(bytes, byBudget);
    }

    @Override
    public String toString() {
        return "MemoryBudget[" + used.get() + " of " + limit + " bytes]";
    }
}
