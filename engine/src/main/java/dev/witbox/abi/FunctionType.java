package dev.witbox.abi;

import java.util.List;
import java.util.Objects;

/** A component function's type: named parameters and at most one result ({@code result} is null for none). */
public record FunctionType(List<Param> params, ValueType result) {

    public FunctionType {
        params = List.copyOf(params);
    }

    /** A named parameter. */
    public record Param(String name, ValueType type) {
        public Param {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }
    }
}
