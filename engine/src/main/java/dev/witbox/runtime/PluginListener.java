package dev.witbox.runtime;

import dev.witbox.api.PluginTrapException;
import java.time.Duration;

/**
 * Told what a {@link PluginPool} does, for metrics and logs (a Micrometer binding, say). Every method has
 * a no-op default, so an implementation overrides only what it records. Methods are called on the thread
 * that caused the event, often while a call is in progress: they must be quick and must not throw (what
 * they throw is ignored).
 */
public interface PluginListener {

    /** A listener that records nothing. */
    PluginListener NONE = new PluginListener() {};

    /** A call returned normally after {@code nanos}. */
    default void callCompleted(String pluginId, String export, long nanos) {}

    /** A call trapped after {@code nanos} (timeouts are reported by {@link #callTimedOut} instead). */
    default void callTrapped(String pluginId, String export, long nanos, PluginTrapException trap) {}

    /** A call ran past its deadline and was interrupted. */
    default void callTimedOut(String pluginId, String export, Duration timeout) {}

    /** A caller waited {@code nanos} for an instance (only reported when it had to wait). */
    default void poolWaited(String pluginId, long nanos) {}

    /** A caller gave up waiting for an instance after the acquire timeout. */
    default void acquireTimedOut(String pluginId, Duration timeout) {}

    /** The pool made a new instance. */
    default void instanceCreated(String pluginId) {}

    /** The pool lent an instance that served an earlier lease (reset to the snapshot in FRESH mode). */
    default void instanceReused(String pluginId) {}

    /** The pool dropped an instance, for {@code reason}. */
    default void instanceDiscarded(String pluginId, DiscardReason reason) {}

    /** The memory the plugin's instances hold changed: {@code inUseBytes} of {@code budgetBytes}. */
    default void memoryInUse(String pluginId, long inUseBytes, long budgetBytes) {}

    /**
     * A {@code memory.grow} was refused (the guest got -1): it asked for {@code requestedBytes} more and
     * {@code reason} said no.
     */
    default void memoryGrowRefused(String pluginId, long requestedBytes, GrowRefusal reason) {}

    /** Why an instance left its pool. */
    enum DiscardReason {
        /** The guest trapped (including a stack-depth breach); its state cannot be trusted. */
        TRAPPED,
        /** A call ran past its deadline. */
        TIMED_OUT,
        /** It served {@link PoolOptions#maxUses()} leases. */
        MAX_USES,
        /** It sat idle longer than {@link PoolOptions#idleTimeout()}. */
        IDLE,
        /** Its state could not be reset to the snapshot in place (a table grew, say); a new one replaces it. */
        NOT_RESETTABLE,
        /** The caller closed the lent instance itself. */
        CLOSED,
        /** The pool was closed. */
        POOL_CLOSED
    }

    /** Why a {@code memory.grow} was refused. */
    enum GrowRefusal {
        /** The instance would exceed {@link PoolOptions#maxInstanceMemoryBytes()} (or the module's own maximum). */
        INSTANCE_MAXIMUM,
        /** The plugin's instances together would exceed {@link PoolOptions#memoryBudgetBytes()}. */
        PLUGIN_BUDGET
    }
}
