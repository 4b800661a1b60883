package dev.witbox.spring;

import dev.witbox.api.PluginTrapException;
import dev.witbox.runtime.PluginListener;
import java.time.Duration;
import java.time.Instant;

/** What the health indicator reports beyond the pool's counters: the last trap of a plugin, across reloads. */
final class PluginEvents implements PluginListener {

    /** When and why the plugin last trapped or timed out. */
    record LastTrap(Instant at, String function, String message) {}

    private volatile LastTrap lastTrap;

    LastTrap lastTrap() {
        return lastTrap;
    }

    @Override
    public void callTrapped(String pluginId, String export, long nanos, PluginTrapException trap) {
        lastTrap = new LastTrap(Instant.now(), export, trap.getMessage());
    }

    @Override
    public void callTimedOut(String pluginId, String export, Duration timeout) {
        lastTrap = new LastTrap(Instant.now(), export, "ran past its deadline of " + timeout);
    }
}
