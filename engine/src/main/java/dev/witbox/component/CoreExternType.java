package dev.witbox.component;

import java.util.OptionalLong;

/** The type of a core import or export as declared inside a core module type. */
public sealed interface CoreExternType {

    Sort sort();

    record Func(int typeIndex) implements CoreExternType {
        public Sort sort() {
            return Sort.CORE_FUNC;
        }
    }

    record Table(CoreValType element, Limits limits) implements CoreExternType {
        public Sort sort() {
            return Sort.CORE_TABLE;
        }
    }

    record Memory(Limits limits) implements CoreExternType {
        public Sort sort() {
            return Sort.CORE_MEMORY;
        }
    }

    record Global(CoreValType type, boolean mutable) implements CoreExternType {
        public Sort sort() {
            return Sort.CORE_GLOBAL;
        }
    }

    record Tag(int typeIndex) implements CoreExternType {
        public Sort sort() {
            return Sort.CORE_TAG;
        }
    }

    /** Table or memory limits (32-bit only; memory64 and shared memories are rejected as unsupported). */
    record Limits(long min, OptionalLong max) {
    }
}
