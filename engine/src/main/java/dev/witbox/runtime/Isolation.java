package dev.witbox.runtime;

/** What a pooled instance remembers from one lease to the next. */
public enum Isolation {
    /**
     * Every lease starts from the plugin's post-initialisation snapshot: memory, globals, tables, resource
     * handles and host imports are as a brand-new instance would have them, so nothing one caller left in
     * the instance can be seen by the next. The default.
     */
    FRESH,
    /**
     * Instances keep their state between leases (for plugins that cache, e.g. a parsed configuration). Only
     * a trap, timeout, limit breach or {@link PoolOptions#maxUses()} replaces an instance.
     */
    REUSE
}
