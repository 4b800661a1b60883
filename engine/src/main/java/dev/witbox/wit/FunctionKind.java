package dev.witbox.wit;

/** Whether a function is freestanding or belongs to a resource. */
public sealed interface FunctionKind {

    /** A plain function of an interface or world. */
    FunctionKind FREESTANDING = new Freestanding();

    /** A plain function. */
    record Freestanding() implements FunctionKind {
    }

    /** A method: first parameter is {@code self: borrow<resource>}. */
    record Method(TypeDef resource) implements FunctionKind {
    }

    /** A {@code static} function of a resource. */
    record Static(TypeDef resource) implements FunctionKind {
    }

    /** The constructor of a resource. */
    record Constructor(TypeDef resource) implements FunctionKind {
    }
}
