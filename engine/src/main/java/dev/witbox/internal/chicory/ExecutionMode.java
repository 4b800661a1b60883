package dev.witbox.internal.chicory;

/** How core functions run. */
public enum ExecutionMode {
    /**
     * Compiled to JVM bytecode once per module (Chicory's {@code MachineFactoryCompiler}); functions too
     * large for one JVM method fall back to the interpreter. The default: it is much faster once compiled.
     */
    COMPILED,
    /** Chicory's interpreter only: no compile time, slow calls. Useful for tiny or one-shot modules. */
    INTERPRETED
}
