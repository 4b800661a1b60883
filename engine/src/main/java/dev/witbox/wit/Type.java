package dev.witbox.wit;

import java.util.List;

/**
 * A WIT type as it appears in a field, parameter, result or alias.
 *
 * <p>References to named types ({@link Named}, {@link Own}, {@link Borrow}) point at the
 * {@link TypeDef} object; their equality compares the definition's identity
 * ({@link TypeDef#key()}), never its contents, so comparing types is cheap and acyclic.
 * A bare resource name (or an alias of a resource) is an owned handle and is represented as
 * {@link Own}; {@code own<r>} is the same thing.
 *
 * <p>A reference may also record {@code via}: the local name it was written with when that
 * name is not the definition's own name (a {@code use ... as} rename, or one type used under
 * two names). WIT.md: a {@code use} "retains that it's a reference", each used name being its
 * own type export; the printer prints the name the source used. {@code via} is null for a
 * reference by the definition's own name, and is ignored by equality.
 */
public sealed interface Type {

    /** Primitive types. */
    enum Primitive implements Type {
        BOOL("bool"), S8("s8"), S16("s16"), S32("s32"), S64("s64"), U8("u8"), U16("u16"), U32("u32"),
        U64("u64"), F32("f32"), F64("f64"), CHAR("char"), STRING("string"), ERROR_CONTEXT("error-context");

        private final String witName;

        Primitive(String witName) {
            this.witName = witName;
        }

        /** The WIT keyword of this type. */
        public String witName() {
            return witName;
        }

        /** Whether this type may be a {@code map} key. */
        public boolean isMapKey() {
            return this != F32 && this != F64 && this != ERROR_CONTEXT;
        }
    }

    /** {@code list<T>}. */
    record ListType(Type element) implements Type {
    }

    /** {@code list<T, N>} with {@code 0 < N < 2^32}. */
    record FixedListType(Type element, long length) implements Type {
    }

    /** {@code option<T>}. */
    record OptionType(Type element) implements Type {
    }

    /** {@code result}, {@code result<T>}, {@code result<_, E>}, {@code result<T, E>}; absent parts are null. */
    record ResultType(Type ok, Type err) implements Type {
    }

    /** {@code tuple<T...>}, at least one element. */
    record TupleType(List<Type> elements) implements Type {
        public TupleType {
            elements = List.copyOf(elements);
        }
    }

    /** {@code map<K, V>}. */
    record MapType(Type key, Type value) implements Type {
    }

    /** {@code future} (element null) or {@code future<T>}. */
    record FutureType(Type element) implements Type {
    }

    /** {@code stream} (element null) or {@code stream<T>}. */
    record StreamType(Type element) implements Type {
    }

    /** An owned handle to the resource {@code resource} (a resource definition or an alias of one). */
    record Own(TypeDef resource, String via) implements Type {
        public Own(TypeDef resource) {
            this(resource, null);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Own other && resource.key().equals(other.resource.key());
        }

        @Override
        public int hashCode() {
            return 31 * resource.key().hashCode() + 1;
        }

        @Override
        public String toString() {
            return "Own[" + resource.key() + "]";
        }
    }

    /** {@code borrow<r>}. */
    record Borrow(TypeDef resource, String via) implements Type {
        public Borrow(TypeDef resource) {
            this(resource, null);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Borrow other && resource.key().equals(other.resource.key());
        }

        @Override
        public int hashCode() {
            return 31 * resource.key().hashCode() + 2;
        }

        @Override
        public String toString() {
            return "Borrow[" + resource.key() + "]";
        }
    }

    /** A reference to a named (non-resource) type definition. */
    record Named(TypeDef def, String via) implements Type {
        public Named(TypeDef def) {
            this(def, null);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Named other && def.key().equals(other.def.key());
        }

        @Override
        public int hashCode() {
            return 31 * def.key().hashCode() + 3;
        }

        @Override
        public String toString() {
            return "Named[" + def.key() + "]";
        }
    }
}
