package dev.witbox.api.value;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A WIT value as the dynamic API hands it to and from a plugin: one case per kind of WIT type.
 *
 * <p>Values carry no type: the WIT type of the parameter or result they are passed as says how to
 * read them. Unsigned integers are held in the next wider signed Java type ({@code u8} and
 * {@code u16} in an {@code int}, {@code u32} in a {@code long}); {@code u64} is held in a
 * {@code long} whose bits are the unsigned value. {@code list<u8>} is a {@link Bytes}, so that
 * byte buffers cross the boundary without per-element work.
 */
public sealed interface WitValue {

    /** {@code bool}. */
    record Bool(boolean value) implements WitValue {}

    /** {@code s8}. */
    record S8(byte value) implements WitValue {}

    /** {@code s16}. */
    record S16(short value) implements WitValue {}

    /** {@code s32}. */
    record S32(int value) implements WitValue {}

    /** {@code s64}. */
    record S64(long value) implements WitValue {}

    /** {@code u8}, 0 to 255. */
    record U8(int value) implements WitValue {
        public U8 {
            if (value < 0 || value > 0xFF) {
                throw new IllegalArgumentException("u8 out of range: " + value);
            }
        }
    }

    /** {@code u16}, 0 to 65535. */
    record U16(int value) implements WitValue {
        public U16 {
            if (value < 0 || value > 0xFFFF) {
                throw new IllegalArgumentException("u16 out of range: " + value);
            }
        }
    }

    /** {@code u32}, 0 to 4294967295. */
    record U32(long value) implements WitValue {
        public U32 {
            if (value < 0 || value > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("u32 out of range: " + value);
            }
        }
    }

    /** {@code u64}: the long's 64 bits, read as unsigned ({@link Long#toUnsignedString(long)}). */
    record U64(long value) implements WitValue {
        @Override
        public String toString() {
            return "U64[value=" + Long.toUnsignedString(value) + "]";
        }
    }

    /** {@code f32}. */
    record F32(float value) implements WitValue {}

    /** {@code f64}. */
    record F64(double value) implements WitValue {}

    /** {@code char}: a Unicode scalar value (a code point that is not a surrogate). */
    record Char(int codePoint) implements WitValue {
        public Char {
            if (codePoint < 0 || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
                throw new IllegalArgumentException("not a Unicode scalar value: " + codePoint);
            }
        }
    }

    /** {@code string}. */
    record Str(String value) implements WitValue {
        public Str {
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code list<u8>}, held as bytes. The array is not copied: do not change it after handing it over. */
    record Bytes(byte[] value) implements WitValue {
        public Bytes {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Bytes bytes && Arrays.equals(value, bytes.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Bytes[length=" + value.length + "]";
        }
    }

    /** {@code list<T>} for any T but {@code u8}, and {@code list<T, N>}. */
    record ListOf(List<WitValue> elements) implements WitValue {
        public ListOf {
            elements = List.copyOf(elements);
        }
    }

    /** {@code tuple<...>}. */
    record Tuple(List<WitValue> elements) implements WitValue {
        public Tuple {
            elements = List.copyOf(elements);
        }
    }

    /** A record, its fields in declaration order. */
    record Record(List<Field> fields) implements WitValue {
        public Record {
            fields = List.copyOf(fields);
        }

        /** The value of the field named {@code name}, or null when the record has no such field. */
        public WitValue get(String name) {
            for (Field field : fields) {
                if (field.name().equals(name)) {
                    return field.value();
                }
            }
            return null;
        }
    }

    /** One field of a {@link Record}. */
    record Field(String name, WitValue value) {
        public Field {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    /** A variant case, with its payload or null for a case without one. */
    record Variant(String caseName, WitValue payload) implements WitValue {
        public Variant {
            Objects.requireNonNull(caseName, "caseName");
        }
    }

    /** An enum case. */
    record Enum(String caseName) implements WitValue {
        public Enum {
            Objects.requireNonNull(caseName, "caseName");
        }
    }

    /** {@code option<T>}: {@code some(value)}, or {@code none} when value is null. */
    record Option(WitValue value) implements WitValue {
        /** {@code none}. */
        public static final Option NONE = new Option(null);

        public boolean isSome() {
            return value != null;
        }
    }

    /** {@code result<T, E>}: ok or err, with a payload or null where the type has none. */
    record Result(boolean isOk, WitValue payload) implements WitValue {}

    /** {@code flags}: the names of the flags that are set, in declaration order. */
    record Flags(List<String> set) implements WitValue {
        public Flags {
            set = List.copyOf(set);
        }
    }

    /** {@code own<R>} or {@code borrow<R>}: a handle to a resource living in one plugin instance. */
    record Handle(ResourceHandle handle) implements WitValue {
        public Handle {
            Objects.requireNonNull(handle, "handle");
        }
    }
}
