package dev.witbox.benchmarks;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import java.util.function.Function;

/**
 * The naive host of the image-resize scenario: a new Chicory instance for every call, of the resize code
 * linked with a fixed 256 MB memory ({@code image-resize-256m.core.wasm}) — what a host does that
 * provisions every instance for the largest image it might see. The module is compiled once; the list is
 * lowered by hand as the canonical ABI says (realloc, copy, call, read the (ptr, len) pair, post-return).
 */
final class NaiveHost {

    private final WasmModule module;
    private final Function<Instance, Machine> machineFactory;

    NaiveHost() {
        module = Parser.parse(Guests.bytes("image-resize-256m.core.wasm"));
        machineFactory = MachineFactoryCompiler.compile(module);
    }

    byte[] resize(byte[] rgba, int width, int height, int newWidth, int newHeight) {
        Instance instance = Instance.builder(module).withMachineFactory(machineFactory).build();
        Memory memory = instance.memory();
        int pointer = (int) instance.export("cabi_realloc").apply(0, 0, 1, rgba.length)[0];
        memory.write(pointer, rgba);
        long[] result = instance.export("resize").apply(pointer, rgba.length, width, height, newWidth, newHeight);
        int pair = (int) result[0];
        byte[] out = memory.readBytes(memory.readInt(pair), memory.readInt(pair + 4));
        instance.export("cabi_post_resize").apply(result);
        return out;
    }
}
