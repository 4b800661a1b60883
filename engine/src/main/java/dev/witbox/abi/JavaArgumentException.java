package dev.witbox.abi;

/**
 * A Java argument of a typed call that does not fit its parameter's type (null, out of range...),
 * found while {@link LiftedFunction#callJava} lowered it: the host's mistake, named by function and
 * parameter. The export was not called; of the guest, at most its {@code realloc} ran, to completion,
 * for the arguments lowered before this one: the blocks it gave stay allocated (the guest never learns
 * of them), and the instance is otherwise as it was, so it stays usable.
 */
public final class JavaArgumentException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    JavaArgumentException(String message, Throwable cause) {
        super(message, cause);
    }
}
