package dev.witbox.component;

/**
 * 🪙 A value definition: kept as its type and the raw encoded value bytes (decoded, reported as unsupported).
 */
public record Value(ValType type, byte[] bytes, int offset) implements Definition {
    public Value {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Value v && v.type.equals(type) && v.offset == offset && java.util.Arrays.equals(v.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + java.util.Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Value[" + type + ", " + bytes.length + " bytes at offset " + offset + "]";
    }
}
