package dev.witbox.wit;

/** What a {@link TypeDef} belongs to: an interface or a world. */
public sealed interface TypeOwner permits Interface, World {

    /** A string identifying this owner uniquely within a {@link Resolve}. */
    String key();
}
