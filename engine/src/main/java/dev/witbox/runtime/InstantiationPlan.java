package dev.witbox.runtime;

import dev.witbox.abi.FunctionPlan;
import dev.witbox.abi.FunctionType;
import dev.witbox.abi.ResourceType;
import dev.witbox.abi.StringEncoding;
import dev.witbox.internal.chicory.CoreModuleCode;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to instantiate a component, computed once per plugin by {@link Planner} and replayed
 * by every {@link Instantiation}: the compiled core modules, the core instantiations in order with the
 * source of each of their imports, the trampolines (lowered functions and resource built-ins), the lifted
 * functions, the resources each component instance defines, the host functions the root imports, and the
 * root's exported functions. Immutable, so instances of one plugin may be created concurrently.
 *
 * @param abiInstances one name per component instance in the tree (the root is 0): each gets its own
 *                     canonical ABI state (handle table, reentrance flags)
 */
record InstantiationPlan(
        List<CoreModuleCode> modules,
        List<String> abiInstances,
        List<CoreStep> steps,
        List<TrampolineDef> trampolines,
        List<LiftDef> lifts,
        List<ResourceDef> resources,
        List<HostImport> hostImports,
        List<ExportedFunction> exports,
        Map<String, Item.Func> exportItems) {

    /** Instantiate module {@code module} into core instance {@code slot}; one item per module import. */
    record CoreStep(int slot, int module, List<Item.CoreItem> imports) {}

    /** The canonical options of a lift or lower, with memory and functions still to be resolved per instance. */
    record Options(StringEncoding encoding, Item.CoreItem memory, Item.CoreItem realloc, Item.CoreItem postReturn) {}

    /** A core function the host makes. */
    sealed interface TrampolineDef {}

    /**
     * {@code canon lower} of {@code target} into component instance {@code abi}; {@code plan} is the
     * lowering's codecs, built once here rather than per instance.
     */
    record LowerDef(String name, Item.Func target, Options options, int abi, FunctionPlan plan)
            implements TrampolineDef {
        LowerDef(String name, Item.Func target, Options options, int abi) {
            this(name, target, options, abi, FunctionPlan.of(name, target.type()));
        }
    }

    /** {@code canon resource.new / .rep / .drop} of {@code type} in component instance {@code abi}. */
    record ResourceBuiltin(Kind kind, ResourceType type, int abi) implements TrampolineDef {
        enum Kind { NEW, REP, DROP }
    }

    /**
     * {@code canon lift}: core function {@code core}, lifted with {@code type} by component instance
     * {@code abi}; {@code plan} is the lift's codecs, built once here rather than per instance.
     */
    record LiftDef(String name, Item.CoreItem core, Options options, FunctionType type, int abi, FunctionPlan plan) {
        LiftDef(String name, Item.CoreItem core, Options options, FunctionType type, int abi) {
            this(name, core, options, type, abi, FunctionPlan.of(name, type));
        }
    }

    /** A resource type component instance {@code abi} defines, with its destructor (or null). */
    record ResourceDef(ResourceType type, int abi, Item.CoreItem destructor) {}

    /**
     * A function the root component imports: {@code interfaceName} is null for a world-level function.
     * {@code wasi} tells whether the interface is a WASI one, for messages.
     */
    record HostImport(String interfaceName, String functionName, FunctionType type) {
        String qualifiedName() {
            return interfaceName == null ? functionName : interfaceName + "#" + functionName;
        }
    }
}
