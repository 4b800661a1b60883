package dev.witbox.bindgen;

/** A WIT world that cannot be turned into Java: an unsupported construct, or a bad option. */
public class BindingsException extends RuntimeException {

    public BindingsException(String message) {
        super(message);
    }

    public BindingsException(String message, Throwable cause) {
        super(message, cause);
    }
}
