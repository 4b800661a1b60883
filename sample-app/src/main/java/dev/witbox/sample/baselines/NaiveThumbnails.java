package dev.witbox.sample.baselines;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Function;

/**
 * Baseline (c) of the benchmark: the naive wasm host. The thumbnailer's own C, linked as a plain wasip1 core
 * module with a fixed 256 MB memory ({@code baselines/thumbnailer-256m.core.wasm}), instantiated on bare
 * Chicory for every request: what a host does that provisions each instance for the largest image it might
 * see. Compiled once; the canonical ABI lowered by hand (realloc, copy, call, read the result area).
 */
final class NaiveThumbnails {

    private static final String EXPORT = "witbox:sample/thumbnails@0.1.0#thumbnail";

    private final WasmModule module;
    private final Function<Instance, Machine> machines;

    NaiveThumbnails() {
        try (InputStream in = NaiveThumbnails.class.getResourceAsStream("/baselines/thumbnailer-256m.core.wasm")) {
            module = Parser.parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        machines = MachineFactoryCompiler.compile(module);
    }

    byte[] thumbnail(byte[] data, int box, long maxPixels) {
        try (WasiPreview1 wasi = WasiPreview1.builder().withOptions(WasiOptions.builder().build()).build()) {
            ImportValues imports = ImportValues.builder()
                    .addFunction(wasi.toHostFunctions())
                    .addFunction(new HostFunction("witbox:sample/log@0.1.0", "write",
                            FunctionType.of(List.of(ValType.I32, ValType.I32, ValType.I32), List.of()),
                            (instance, args) -> null))
                    .build();
            Instance instance = Instance.builder(module).withImportValues(imports).withMachineFactory(machines).build();
            instance.export("_initialize").apply();
            Memory memory = instance.memory();
            int pointer = (int) instance.export("cabi_realloc").apply(0, 0, 1, data.length)[0];
            memory.write(pointer, data);
            int area = (int) instance.export(EXPORT).apply(pointer, data.length, box, box, maxPixels, 0, 85)[0];
            if (memory.read(area) != 0) {
                int message = memory.readInt(area + 8);
                throw new IllegalArgumentException(memory.readString(message, memory.readInt(area + 12)));
            }
            return memory.readBytes(memory.readInt(area + 12), memory.readInt(area + 16));
        }
    }
}
