package dev.witbox.abi;

import java.util.List;
import java.util.Objects;

/**
 * The type of a value crossing the component boundary, as the canonical ABI sees it: a tree with
 * every name and index already resolved.
 *
 * <p>Both the WIT model (for bindings and for WAVE text) and a decoded component's type index
 * space (for lifting and lowering) are turned into this one shape, so that there is exactly one
 * implementation of the canonical ABI. Structural equality is meaningful except for handles, whose
 * {@link ResourceType} compares by identity, as resource types do in the component model.
 */
public sealed interface ValueType {

    /** The types without structure. */
    enum Scalar implements ValueType {
        BOOL("bool"),
        S8("s8"),
        U8("u8"),
        S16("s16"),
        U16("u16"),
        S32("s32"),
        U32("u32"),
        S64("s64"),
        U64("u64"),
        F32("f32"),
        F64("f64"),
        CHAR("char"),
        STRING("string");

        private final String witName;

        Scalar(String witName) {
            this.witName = witName;
        }

        /** The type's name in WIT. */
        public String witName() {
            return witName;
        }
    }

    /** {@code list<T>}. */
    record ListOf(ValueType element) implements ValueType {
        public ListOf {
            Objects.requireNonNull(element, "element");
        }
    }

    /**
     * {@code map<K, V>}: to the canonical ABI exactly {@code list<tuple<K, V>>} (the spec's
     * {@code despecialize}), every pair kept in order, duplicate keys included. {@code key} must be a
     * key type: {@code bool}, an integer, {@code char} or {@code string}.
     */
    record MapOf(ValueType key, ValueType value) implements ValueType {
        public MapOf {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            if (!(key instanceof Scalar s) || s == Scalar.F32 || s == Scalar.F64) {
                throw new IllegalArgumentException("a map key must be bool, an integer, char or string, not " + key);
            }
        }

        /** The list of key-value tuples the ABI passes a map as. */
        public ListOf entries() {
            return new ListOf(new TupleOf(List.of(key, value)));
        }
    }

    /** {@code list<T, N>}: a list of exactly {@code length} elements, laid out inline. */
    record FixedListOf(ValueType element, int length) implements ValueType {
        public FixedListOf {
            Objects.requireNonNull(element, "element");
            if (length <= 0) {
                throw new IllegalArgumentException("fixed list length must be positive: " + length);
            }
        }
    }

    /** {@code record}: named fields in declaration order. */
    record RecordOf(List<Field> fields) implements ValueType {
        public RecordOf {
            fields = List.copyOf(fields);
        }
    }

    /** A field of a {@link RecordOf}. */
    record Field(String name, ValueType type) {
        public Field {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }
    }

    /** {@code tuple<...>}. */
    record TupleOf(List<ValueType> elements) implements ValueType {
        public TupleOf {
            elements = List.copyOf(elements);
        }
    }

    /** {@code variant}: cases in declaration order; the index of a case is its discriminant. */
    record VariantOf(List<Case> cases) implements ValueType {
        public VariantOf {
            cases = List.copyOf(cases);
        }
    }

    /** A case of a {@link VariantOf}; {@code payload} is null for a case without one. */
    record Case(String name, ValueType payload) {
        public Case {
            Objects.requireNonNull(name, "name");
        }
    }

    /** {@code enum}: case names in declaration order. */
    record EnumOf(List<String> cases) implements ValueType {
        public EnumOf {
            cases = List.copyOf(cases);
        }
    }

    /** {@code option<T>}. */
    record OptionOf(ValueType element) implements ValueType {
        public OptionOf {
            Objects.requireNonNull(element, "element");
        }
    }

    /** {@code result<T, E>}; {@code ok} and {@code err} are null where the WIT type leaves them out. */
    record ResultOf(ValueType ok, ValueType err) implements ValueType {}

    /** {@code flags}: flag names in declaration order (bit i is flag i). */
    record FlagsOf(List<String> flags) implements ValueType {
        public FlagsOf {
            flags = List.copyOf(flags);
        }
    }

    /** {@code own<R>}. */
    record OwnOf(ResourceType resource) implements ValueType {
        public OwnOf {
            Objects.requireNonNull(resource, "resource");
        }
    }

    /** {@code borrow<R>}. */
    record BorrowOf(ResourceType resource) implements ValueType {
        public BorrowOf {
            Objects.requireNonNull(resource, "resource");
        }
    }
}
