package dev.witbox.component;

/**
 * Anything that appends an entry to an index space: what {@link IndexSpaces} reports as the origin of
 * an index, so later stages can resolve e.g. {@code canon lift (core func 3)} to the alias, lowering or
 * instance export it comes from.
 */
public sealed interface Definition
        permits CoreModule, CoreInstance, CoreType, Component, Instance, Alias, TypeDef, Canon, Import,
                Export, Start.Result, Value {
}
