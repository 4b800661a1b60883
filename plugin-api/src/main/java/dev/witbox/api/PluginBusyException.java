package dev.witbox.api;

import java.time.Duration;

/**
 * A plugin's instance pool had no instance to lend within the acquire timeout: every instance was busy
 * and the pool was at its maximum size. Nothing ran; the caller may retry or shed the request.
 */
public class PluginBusyException extends WitboxException {

    private final String pluginId;
    private final int maxSize;
    private final Duration acquireTimeout;

    public PluginBusyException(String pluginId, int maxSize, Duration acquireTimeout) {
        super("plugin '" + pluginId + "' is busy: all " + maxSize + " instances of its pool stayed in use for the "
                + "acquire timeout of " + acquireTimeout.toMillis() + " ms (raise maxSize or acquireTimeout)");
        this.pluginId = pluginId;
        this.maxSize = maxSize;
        this.acquireTimeout = acquireTimeout;
    }

    /** The id the plugin was loaded under. */
    public String pluginId() {
        return pluginId;
    }

    /** The pool's maximum number of instances, all of which were in use. */
    public int maxSize() {
        return maxSize;
    }

    /** How long the caller waited. */
    public Duration acquireTimeout() {
        return acquireTimeout;
    }
}
