package dev.witbox.sample.gallery;

import org.springframework.http.HttpStatus;

/**
 * A plugin answered with an error value (a WIT {@code result} error): the request gets the
 * plugin's own message with a 4xx status. Never a server error: the plugin did its job, the input
 * was refused.
 */
public final class PluginRefusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String plugin;
    private final String function;
    private final String kind;
    private final HttpStatus status;

    public PluginRefusal(String plugin, String function, String kind, HttpStatus status, String message) {
        super(message);
        this.plugin = plugin;
        this.function = function;
        this.kind = kind;
        this.status = status;
    }

    public String plugin() {
        return plugin;
    }

    public String function() {
        return function;
    }

    /** The WIT error case: {@code too-large}, {@code invalid}, {@code denied}... */
    public String kind() {
        return kind;
    }

    public HttpStatus status() {
        return status;
    }
}
