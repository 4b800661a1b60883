package dev.witbox.runtime;

/**
 * A snapshot of a {@link PluginPool}'s counters, taken by {@link PluginPool#stats()}. Counters count from
 * the pool's creation.
 *
 * @param idle instances waiting in the pool
 * @param active instances lent out now
 * @param created instances made (including replacements)
 * @param reused leases served by an instance that had served before
 * @param discarded instances dropped (trap, timeout, max uses, idle eviction, not resettable, close)
 * @param notResettable of {@code discarded}, instances whose state could not be reset in place
 * @param calls calls made through the pool
 * @param traps calls that trapped (timeouts included)
 * @param timeouts calls that ran past their deadline
 * @param waits acquisitions that had to wait for an instance
 * @param busy acquisitions that gave up after the acquire timeout
 * @param growRefused {@code memory.grow} requests refused (instance maximum or budget)
 * @param memoryInUseBytes linear memory the plugin's instances hold now
 * @param memoryBudgetBytes the plugin's memory budget
 */
public record PoolStats(
        int idle,
        int active,
        long created,
        long reused,
        long discarded,
        long notResettable,
        long calls,
        long traps,
        long timeouts,
        long waits,
        long busy,
        long growRefused,
        long memoryInUseBytes,
        long memoryBudgetBytes) {}
