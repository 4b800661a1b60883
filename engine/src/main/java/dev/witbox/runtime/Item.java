package dev.witbox.runtime;

import dev.witbox.abi.FunctionType;
import dev.witbox.abi.ResourceType;
import dev.witbox.abi.ValueType;
import dev.witbox.component.Component;
import dev.witbox.component.Sort;
import java.util.Map;

/**
 * What an index-space entry of a component is once the component tree has been walked at plan time: the
 * static description every instance replays. Component-level structure (aliases, re-exports, nested
 * instances, types) is fully resolved here; only core instances, trampolines and lifted functions exist at
 * run time, addressed by their slot in the plan.
 */
sealed interface Item {

    /** A core module: index into {@link InstantiationPlan#modules()}. */
    record Module(int module) implements Item {}

    /** A core instance produced by instantiating a module: slot in the per-instance core instance array. */
    record CoreInstance(int slot, int module) implements Item {}

    /** A core instance made of other core definitions ({@code core instance (export ...)}). */
    record CoreBag(Map<String, CoreItem> exports) implements Item {}

    /** A core function, memory, table or global. */
    sealed interface CoreItem extends Item {}

    /** An export of an instantiated core module. */
    record CoreExport(int slot, String name, Sort sort) implements CoreItem {}

    /** A core function the host makes: a lowered function or a resource built-in. */
    record Trampoline(int index) implements CoreItem {}

    /** A component function, callable with WIT values. */
    sealed interface Func extends Item {
        FunctionType type();
    }

    /** A {@code canon lift}ed core function: index into {@link InstantiationPlan#lifts()}. */
    record Lifted(int lift, FunctionType type) implements Func {}

    /** A function of the root component's imports, implemented by the host. */
    record HostFunc(int host, FunctionType type) implements Func {}

    /** A value type. */
    record ValueTypeItem(ValueType type) implements Item {}

    /** A resource type (the type itself; handles to it are value types). */
    record Resource(ResourceType type) implements Item {}

    /** A function type. */
    record FuncType(FunctionType type) implements Item {}

    /** An instance type, or the type of an instance import: what it exports, by name. */
    record InstanceType(Map<String, Item> exports) implements Item {}

    /** A function declared inside an instance or component type. */
    record DeclaredFunc(FunctionType type) implements Item {}

    /** A component type: only carried, never inspected. */
    record ComponentType() implements Item {}

    /** A component definition, with the scope its outer aliases refer to. */
    record ComponentDef(Component component, Frame outer) implements Item {}

    /** A component instance: its exports, by name. */
    record Instance(Map<String, Item> exports) implements Item {}

    /** A definition witbox does not run (core types, values...): kept so indices stay aligned. */
    record Opaque(String what) implements Item {}
}
