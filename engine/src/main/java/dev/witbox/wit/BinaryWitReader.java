package dev.witbox.wit;

/**
 * Turns a binary WIT package (a component made only of types, as {@code wasm-tools component wit
 * --wasm} and {@code wkg} write it) into WIT text. The WIT front end knows nothing of binaries, so the
 * engine's component decoder provides the one implementation, found with {@link java.util.ServiceLoader}.
 */
public interface BinaryWitReader {

    /**
     * The WIT text of the package: the encoded package as the last nested {@code package x:y { ... }}
     * block, the parts of other packages it uses in blocks before it.
     *
     * @throws IllegalArgumentException with a message a person can act on, if the bytes are no WIT package
     */
    String witText(byte[] bytes);
}
