package dev.witbox.component;

/** An alias definition or declarator. */
public sealed interface Alias extends Definition {

    /** The sort of the index the alias introduces. */
    Sort sort();

    /** {@code (alias export i "name" (sort))}: an export of a component instance. */
    record InstanceExport(Sort sort, int instance, String name) implements Alias {
    }

    /** {@code (alias core export i "name" (core sort))}: an export of a core instance. */
    record CoreInstanceExport(Sort sort, int coreInstance, String name) implements Alias {
    }

    /** {@code (alias outer ct idx (sort))}: a definition of an enclosing scope, {@code count} scopes out. */
    record Outer(Sort sort, int count, int index) implements Alias {
    }
}
