package dev.witbox.runtime;

import java.util.concurrent.atomic.LongAdder;

/** The counters a pool's instances add to while they run calls, read by {@link PluginPool#stats()}. */
final class PoolCounters {
    final LongAdder calls = new LongAdder();
    final LongAdder traps = new LongAdder();
    final LongAdder timeouts = new LongAdder();
    final LongAdder growRefused = new LongAdder();
}
