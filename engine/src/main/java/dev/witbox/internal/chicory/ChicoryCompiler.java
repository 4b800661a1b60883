package dev.witbox.internal.chicory;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.internal.ClassLoadingCollector;
import com.dylibso.chicory.compiler.internal.Compiler;
import com.dylibso.chicory.compiler.internal.CompilerResult;
import com.dylibso.chicory.compiler.internal.MachineFactory;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ExternalType;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;
import org.objectweb.asm.MethodTooLargeException;

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
     * @param interpretedBodies the functions that run in Chicory's interpreter, numbered as in the code section
     *                          (function index less the imported functions): the bodies a stored entry keeps
     */
    record Output(ClassLoadingCollector classes, Set<Integer> interpretedBodies) {}

    /**
     * Bodies from this size on (bytes of wasm code) are left to the interpreter without trying to compile them:
     * Chicory emits well over 1.33 bytes of JVM bytecode per byte of real wasm code (on the 12 MB componentize-js
     * guest, the smallest body over the JVM's 64 KB method limit is 38.5 KB of wasm, the largest that fits 37.4 KB),
     * so such a body cannot fit a method. Why predict at all: Chicory finds a body too large only when it writes
     * out the class of up to 12,288 functions holding it, and then compiles all of them again, once per such body;
     * that guest has 9, so its empty-cache load compiled its code ten times over.
     */
    static final int PREDICTED_TOO_LARGE = 48 * 1024;

    /**
     * Compiles {@code module} (whose binary's function bodies are {@code bodySizes} bytes long, in code-section
     * order); a function too large for a JVM method is left to the interpreter (the choice is baked into the classes,
     * so a stored entry keeps it: see {@link CompilerIdentity#OPTIONS}).
     */
    static Output compile(WasmModule module, int[] bodySizes) {
        int imported = module.importSection().count(ExternalType.FUNCTION);
        Set<Integer> interpreted = new HashSet<>();
        for (int body = 0; body < bodySizes.length; body++) {
            if (bodySizes[body] >= PREDICTED_TOO_LARGE) {
                interpreted.add(imported + body);
            }
        }
        while (true) {
            Compiler.Builder builder = Compiler.builder(module).withClassCollectorFactory(ClassLoadingCollector::new);
            if (interpreted.isEmpty()) {
                builder.withInterpreterFallback(InterpreterFallback.SILENT); // Chicory's own retries, if any
            } else {
                builder.withInterpretedFunctions(interpreted).withInterpreterFallback(InterpreterFallback.FAIL);
            }
            try {
                CompilerResult result = builder.build().compile();
                Set<Integer> bodies = new HashSet<>();
                for (int function : result.interpretedFunctions()) {
                    bodies.add(function - imported);
                }
                return new Output((ClassLoadingCollector) result.collector(), bodies);
            } catch (ChicoryException e) {
                // a body under the prediction that still does not fit: interpret it too, and compile again
                if (!(e.getCause() instanceof MethodTooLargeException tooLarge)
                        || !tooLarge.getMethodName().startsWith("func_")
                        || !interpreted.add(Integer.parseInt(tooLarge.getMethodName().substring("func_".length())))) {
                    throw e;
                }
            }
        }
    }

    /**
     * The machine factory of {@code module} (Chicory ties it to this parsed object: instances must be built from
     * it) running {@code classes}.
     */
    static Function<Instance, Machine> machineFactory(WasmModule module, ClassLoadingCollector classes) {
        return new MachineFactory(module, classes.machineFactory());
    }
}
