package dev.witbox.component;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** A component-level type definition ({@code deftype}). */
public sealed interface TypeDef extends Definition permits DefinedType, TypeDef.Func, TypeDef.ComponentType,
        TypeDef.InstanceType, TypeDef.Resource {

    /** {@code (func async? (param "l" t)* (result t)?)}; {@code async} is gated (🔀) and unsupported. */
    record Func(boolean async, List<Param> params, Optional<ValType> result) implements TypeDef {
        public Func {
            params = List.copyOf(params);
        }
    }

    record Param(String name, ValType type) {
    }

    /** {@code (component decl*)}: the declarators have their own, initially empty, index spaces. */
    record ComponentType(List<Decl> decls) implements TypeDef {
        public ComponentType {
            decls = List.copyOf(decls);
        }
    }

    /** {@code (instance decl*)}: like a component type without imports. */
    record InstanceType(List<Decl> decls) implements TypeDef {
        public InstanceType {
            decls = List.copyOf(decls);
        }
    }

    /** {@code (resource (rep i32) (dtor f)?)}: a fresh resource type defined by this component. */
    record Resource(CoreValType representation, OptionalInt destructor) implements TypeDef {
    }
}
