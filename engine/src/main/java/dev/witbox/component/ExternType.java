package dev.witbox.component;

/** The declared type of an import or export ({@code externtype}). */
public sealed interface ExternType {

    /** The index space an import or export of this type appends to. */
    Sort sort();

    record Module(int coreTypeIndex) implements ExternType {
        public Sort sort() {
            return Sort.CORE_MODULE;
        }
    }

    record Func(int typeIndex) implements ExternType {
        public Sort sort() {
            return Sort.FUNC;
        }
    }

    /** Gated (🪙) and unsupported. */
    record Value(ValueBound bound) implements ExternType {
        public Sort sort() {
            return Sort.VALUE;
        }
    }

    record Type(TypeBound bound) implements ExternType {
        public Sort sort() {
            return Sort.TYPE;
        }
    }

    record Component(int typeIndex) implements ExternType {
        public Sort sort() {
            return Sort.COMPONENT;
        }
    }

    record Instance(int typeIndex) implements ExternType {
        public Sort sort() {
            return Sort.INSTANCE;
        }
    }

    /** {@code (eq i)} or {@code (sub resource)}. */
    sealed interface TypeBound {
    }

    record Eq(int typeIndex) implements TypeBound {
    }

    /** A fresh abstract resource type. */
    record SubResource() implements TypeBound {
    }

    sealed interface ValueBound {
    }

    record ValueEq(int valueIndex) implements ValueBound {
    }

    record ValueOfType(ValType type) implements ValueBound {
    }
}
