package dev.witbox.component;

import java.util.Map;

/**
 * What validation knows statically about one index-space entry. Only as much as execution-relevant
 * checks need (kinds, exports, value shapes); {@link #UNKNOWN} is used whenever the answer would need
 * full type checking or the contents of a core module, and the dependent checks are then deferred to
 * instantiation.
 */
sealed interface Info {

    Info UNKNOWN = new Unknown();

    final class Unknown implements Info {
        private Unknown() {
        }
    }

    /** A defined value type with its precomputed shape; references inside resolve in {@code scope}. */
    record ValueType(DefinedType def, Shape shape, Scope scope) implements Info {
    }

    /** A function type; for func-space entries, the type of the function. */
    record FuncType(TypeDef.Func def, Scope scope) implements Info {
    }

    /** An instance type, or the type of an instance entry: its exports by name. */
    record InstanceType(Map<String, Exported> exports) implements Info {
    }

    /** A component type, or the type of a component entry. */
    record ComponentType(Map<String, Exported> imports, Map<String, Exported> exports) implements Info {
    }

    /** A resource type; identity matters (each definition or {@code sub resource} is fresh). */
    final class Resource implements Info {
        /** Defined by a resource type definition in this component (so resource.new/rep may use it). */
        final Scope definedIn;

        Resource(Scope definedIn) {
            this.definedIn = definedIn;
        }
    }

    /** A core module type or core module: exports by name with their sort (and core type, if known). */
    record CoreModule(Map<String, Exported> exports) implements Info {
    }

    /** A core instance: exports by name with their sort (and core type, if known). */
    record CoreInstance(Map<String, Exported> exports) implements Info {
    }

    record CoreFuncType(CoreType.Func def) implements Info {
    }

    /** One named export (or import) of an instance or component. */
    record Exported(Sort sort, Info info) {
    }
}
