package dev.witbox.bindgen;

import dev.witbox.api.WitboxException;

/**
 * A WIT world that cannot be turned into Java: an unsupported construct, or a bad option. A refusal of
 * the input, like a WIT error, so callers that report {@link WitboxException}s report this one too.
 */
public class BindingsException extends WitboxException {

    private static final long serialVersionUID = 1L;

    public BindingsException(String message) {
        super(message);
    }

    public BindingsException(String message, Throwable cause) {
        super(message, cause);
    }
}
