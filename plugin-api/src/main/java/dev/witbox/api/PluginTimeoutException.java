package dev.witbox.api;

import java.time.Duration;

/**
 * A call ran past its deadline and was interrupted. It is a trap ({@link PluginTrapException}), so code
 * that handles traps handles timeouts too: the instance that ran the call is not used again.
 */
public class PluginTimeoutException extends PluginTrapException {

    private final Duration timeout;

    public PluginTimeoutException(String pluginId, String exportName, Duration timeout, Throwable cause) {
        super(pluginId, exportName, "the call exceeded its timeout of " + timeout.toMillis() + " ms", cause);
        this.timeout = timeout;
    }

    /** The deadline the call ran past. */
    public Duration timeout() {
        return timeout;
    }
}
