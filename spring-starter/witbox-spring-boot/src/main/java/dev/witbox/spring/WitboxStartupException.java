package dev.witbox.spring;

import dev.witbox.api.WitboxException;

/**
 * A plugin could not be set up at startup (or a dependency on one could not be met). Carries what went wrong
 * and how to fix it separately, so that {@link WitboxFailureAnalyzer} prints them as Spring Boot's
 * "APPLICATION FAILED TO START" report does.
 */
public final class WitboxStartupException extends WitboxException {

    private final String description;
    private final String action;

    WitboxStartupException(String description, String action) {
        this(description, action, null);
    }

    WitboxStartupException(String description, String action, Throwable cause) {
        super(description + " " + action, cause);
        this.description = description;
        this.action = action;
    }

    /** What went wrong, naming the plugin and the file or bean. */
    public String description() {
        return description;
    }

    /** How to fix it. */
    public String action() {
        return action;
    }
}
