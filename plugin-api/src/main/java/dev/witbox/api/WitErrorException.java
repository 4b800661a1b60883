package dev.witbox.api;

/**
 * Thrown by a host implementation of a generated import interface to answer with the {@code err} case
 * of a WIT function that returns {@code result<T, E>}: the guest gets {@code err(error)}, where
 * {@code error} is the Java value of {@code E} ({@code null} when the result has no error type).
 *
 * <p>Returning {@link Result#err(Object)} does the same; this exception lets code deep in the
 * implementation give up without threading a {@link Result} back. Any other exception, or this one
 * from a function that does not return a {@code result}, traps the guest's call instead.
 */
public class WitErrorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The error value; not serialised (it is an arbitrary generated type). */
    private final transient Object error;

    public WitErrorException(Object error) {
        super("WIT error: " + error);
        this.error = error;
    }

    public WitErrorException(Object error, Throwable cause) {
        super("WIT error: " + error, cause);
        this.error = error;
    }

    /** The value of the {@code err} case, of the Java type of the WIT error type (or null). */
    public Object error() {
        return error;
    }
}
