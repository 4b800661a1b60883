package dev.witbox.component;

import java.util.List;
import java.util.Optional;

/** A defined value type ({@code defvaltype}). Type references inside are indices into the defining scope. */
public sealed interface DefinedType extends TypeDef {

    record Primitive(PrimitiveType type) implements DefinedType {
    }

    record Record(List<Field> fields) implements DefinedType {
        public Record {
            fields = List.copyOf(fields);
        }
    }

    record Field(String name, ValType type) {
    }

    record Variant(List<Case> cases) implements DefinedType {
        public Variant {
            cases = List.copyOf(cases);
        }
    }

    record Case(String name, Optional<ValType> type) {
    }

    record ListType(ValType element) implements DefinedType {
    }

    /** {@code (list t len)}: gated (🔧), decoded but unsupported. */
    record FixedList(ValType element, long length) implements DefinedType {
    }

    record Tuple(List<ValType> types) implements DefinedType {
        public Tuple {
            types = List.copyOf(types);
        }
    }

    record Flags(List<String> labels) implements DefinedType {
        public Flags {
            labels = List.copyOf(labels);
        }
    }

    record Enum(List<String> labels) implements DefinedType {
        public Enum {
            labels = List.copyOf(labels);
        }
    }

    record Option(ValType type) implements DefinedType {
    }

    record Result(Optional<ValType> ok, Optional<ValType> error) implements DefinedType {
    }

    /** Owned handle to the resource type at {@code resourceType}. */
    record Own(int resourceType) implements DefinedType {
    }

    /** Borrowed handle to the resource type at {@code resourceType}. */
    record Borrow(int resourceType) implements DefinedType {
    }

    /** Gated (🔀), decoded but unsupported. */
    record Stream(Optional<ValType> element) implements DefinedType {
    }

    /** Gated (🔀), decoded but unsupported. */
    record Future(Optional<ValType> element) implements DefinedType {
    }

    /** {@code (map k v)} (🗺️): {@code k} is a key type (bool, an integer, char or string), checked when decoding. */
    record MapType(ValType key, ValType value) implements DefinedType {
    }
}
