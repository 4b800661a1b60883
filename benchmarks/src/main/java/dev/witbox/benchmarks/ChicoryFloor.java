package dev.witbox.benchmarks;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * The floor every call-overhead figure is a ratio against: the add-greet guest as a plain core
 * module on Chicory's compiler, called directly with hand-written canonical-ABI lowering — what a
 * perfect host could do at best on the same engine.
 */
final class ChicoryFloor {

    final WasmModule module;
    final Function<Instance, Machine> machineFactory;

    ChicoryFloor() {
        module = Parser.parse(Guests.bytes("add-greet.core.wasm"));
        machineFactory = MachineFactoryCompiler.compile(module);
    }

    /** A new instance of the core module, as bare as Chicory makes it. */
    Instance newInstance() {
        return Instance.builder(module).withMachineFactory(machineFactory).build();
    }

    /** One instance and its exports, held for the calls. */
    static final class Held {
        private final Memory memory;
        private final ExportFunction add;
        private final ExportFunction greet;
        private final ExportFunction realloc;
        private final ExportFunction postGreet;

        Held(Instance instance) {
            memory = instance.memory();
            add = instance.export("add");
            greet = instance.export("greet");
            realloc = instance.export("cabi_realloc");
            postGreet = instance.export("cabi_post_greet");
        }

        long add(long a, long b) {
            return add.apply(a, b)[0];
        }

        /** greet(string) -> string, lowered by hand: realloc, copy in, call, read the (ptr, len) pair, post-return. */
        String greet(String name) {
            byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
            int pointer = (int) realloc.apply(0, 0, 1, utf8.length)[0];
            memory.write(pointer, utf8);
            long[] result = greet.apply(pointer, utf8.length);
            int returned = (int) result[0];
            int resultPointer = memory.readInt(returned);
            int resultLength = memory.readInt(returned + 4);
            byte[] bytes = memory.readBytes(resultPointer, resultLength);
            postGreet.apply(result);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
