package dev.witbox.internal.chicory;

/**
 * A value one core instance provides to another: a function, memory, table or global. Engine objects
 * stay inside; callers only pass these along or call them.
 */
public sealed interface CoreExtern permits CoreFunc, CoreMemory, CoreTable, CoreGlobal {
}
