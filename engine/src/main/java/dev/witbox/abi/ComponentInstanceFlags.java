package dev.witbox.abi;

import dev.witbox.internal.CacheLinePadding;

/**
 * The fields of a {@link ComponentInstance} that every call writes (entering and leaving sets
 * {@code may_enter}), on cache lines of their own between {@link CacheLinePadding} and the padding
 * {@code ComponentInstance} declares first: two threads each calling their own instance of the same plugin
 * write no common line, wherever the garbage collector placed the two instances' objects.
 */
abstract class ComponentInstanceFlags extends CacheLinePadding {

    /** False while a call into the instance is running: it may not be entered again. */
    boolean mayEnter = true;
    /** False while realloc or post-return runs: the guest may not call out. */
    boolean mayLeave = true;
    /** Borrow handles lent into the current call that the guest has not dropped yet. */
    int outstandingBorrows;
    /**
     * How often the instance was {@link ComponentInstance#reset()}: a handle the host holds from before a reset
     * names a resource of a state that is gone, and is refused.
     */
    int epoch;
}
