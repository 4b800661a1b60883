package dev.witbox.component;

/**
 * A core module embedded in a component, kept as raw bytes: Chicory parses and validates it later.
 *
 * @param offset absolute offset of the module's first byte (its magic) in the decoded input
 */
public record CoreModule(byte[] bytes, int offset) implements Definition {
    public CoreModule {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** A read-only view of the module bytes, without copying. */
    public java.nio.ByteBuffer buffer() {
        return java.nio.ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }

    public int size() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CoreModule m && m.offset == offset && java.util.Arrays.equals(m.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return 31 * offset + java.util.Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "CoreModule[" + bytes.length + " bytes at offset " + offset + "]";
    }
}
