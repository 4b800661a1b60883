package dev.witbox.component;

import dev.witbox.api.WitboxException;

/** A component whose imports or exports cannot be described as a WIT world. */
public final class ComponentWorldException extends WitboxException {

    public ComponentWorldException(String message) {
        super(message);
    }

    public ComponentWorldException(String message, Throwable cause) {
        super(message, cause);
    }
}
