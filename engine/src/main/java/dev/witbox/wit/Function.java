package dev.witbox.wit;

import java.util.List;

/**
 * A function. {@code name} is the name written in WIT ({@code read} for a method
 * {@code read}, {@code constructor} for a constructor); {@link #canonicalName()} is the
 * component-model name ({@code [method]blob.read}, {@code [constructor]blob}, ...).
 *
 * @param result the result type, or null when the function returns nothing
 * @param docs   doc comment text ("" if none)
 * @param externalId the {@code @external-id} annotation, or null
 */
public record Function(String name, FunctionKind kind, boolean async, List<Param> params, Type result,
        String docs, Stability stability, String externalId) {

    public Function {
        params = List.copyOf(params);
        docs = docs == null ? "" : docs;
    }

    /** The import/export name used by the component model. */
    public String canonicalName() {
        if (kind instanceof FunctionKind.Method m) {
            return "[method]" + m.resource().name() + "." + name;
        }
        if (kind instanceof FunctionKind.Static s) {
            return "[static]" + s.resource().name() + "." + name;
        }
        if (kind instanceof FunctionKind.Constructor c) {
            return "[constructor]" + c.resource().name();
        }
        return name;
    }

    Function withName(String newName) {
        return new Function(newName, kind, async, params, result, docs, stability, externalId);
    }
}
