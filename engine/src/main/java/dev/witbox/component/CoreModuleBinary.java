package dev.witbox.component;

/** A layer-0 binary: a core module, not a component. Kept as bytes; Chicory parses it. */
public record CoreModuleBinary(byte[] bytes) implements WasmBinary {
    public CoreModuleBinary {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CoreModuleBinary b && java.util.Arrays.equals(b.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "CoreModuleBinary[" + bytes.length + " bytes]";
    }
}
