package dev.witbox.internal.chicory;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.internal.ClassLoadingCollector;
import com.dylibso.chicory.compiler.internal.Compiler;
import com.dylibso.chicory.compiler.internal.CompilerResult;
import com.dylibso.chicory.compiler.internal.MachineFactory;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import java.util.Set;
import java.util.function.Function;

/**
 * Chicory's compiler, called through its internal API (the classes {@code MachineFactoryCompiler} itself uses) for
 * what the public builder keeps to itself: which functions it left to the interpreter. A stored entry needs that
 * set, because it keeps only those functions' bodies ({@link StubbedModule}). The Chicory version is part of every
 * entry's key ({@link CompilerIdentity}), and a Chicory upgrade that moves these classes fails this package's
 * tests, not a user's load.
 */
final class ChicoryCompiler {

    private ChicoryCompiler() {}

    /**
     * One module's generated classes, already defined in their own class loader.
     *
     * @param interpretedFunctions function indices (imports included) that run in Chicory's interpreter
     */
    record Output(ClassLoadingCollector classes, Set<Integer> interpretedFunctions) {}

    /**
     * Compiles {@code module}; a function too large for a JVM method is left to the interpreter (the choice is baked
     * into the classes, so a stored entry keeps it: see {@link CompilerIdentity#OPTIONS}).
     */
    static Output compile(WasmModule module) {
        CompilerResult result = Compiler.builder(module)
                .withInterpreterFallback(InterpreterFallback.SILENT)
                .withClassCollectorFactory(ClassLoadingCollector::new)
                .build()
                .compile();
        return new Output((ClassLoadingCollector) result.collector(), result.interpretedFunctions());
    }

    /**
     * The machine factory of {@code module} (Chicory ties it to this parsed object: instances must be built from
     * it) running {@code classes}.
     */
    static Function<Instance, Machine> machineFactory(WasmModule module, ClassLoadingCollector classes) {
        return new MachineFactory(module, classes.machineFactory());
    }
}
