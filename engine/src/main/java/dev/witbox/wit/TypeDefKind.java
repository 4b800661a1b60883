package dev.witbox.wit;

import java.util.List;

/** The body of a named type definition. */
public sealed interface TypeDefKind {

    /** {@code record}: at least one field. */
    record Record(List<Field> fields) implements TypeDefKind {
        public Record {
            fields = List.copyOf(fields);
        }
    }

    /** {@code variant}: at least one case. */
    record Variant(List<Case> cases) implements TypeDefKind {
        public Variant {
            cases = List.copyOf(cases);
        }
    }

    /** {@code enum}: at least one case. */
    record Enum(List<EnumCase> cases) implements TypeDefKind {
        public Enum {
            cases = List.copyOf(cases);
        }
    }

    /** {@code flags}: any number in WIT; a component may hold 1 to 32 (Binary.md). */
    record Flags(List<Flag> flags) implements TypeDefKind {
        public Flags {
            flags = List.copyOf(flags);
        }
    }

    /**
     * {@code resource}: its constructor, methods and static functions in source order (each a
     * {@link Function} whose kind names this resource; methods include the implicit
     * {@code self: borrow<r>} first parameter, constructors have their result type).
     */
    record Resource(List<Function> functions) implements TypeDefKind {
        public Resource {
            functions = List.copyOf(functions);
        }
    }

    /** {@code type name = target;} */
    record Alias(Type target) implements TypeDefKind {
    }

    /** A record field. */
    record Field(String name, Type type, String docs) {
    }

    /** A variant case; {@code type} is null when the case has no payload. */
    record Case(String name, Type type, String docs) {
    }

    /** An enum case. */
    record EnumCase(String name, String docs) {
    }

    /** A flag. */
    record Flag(String name, String docs) {
    }
}
