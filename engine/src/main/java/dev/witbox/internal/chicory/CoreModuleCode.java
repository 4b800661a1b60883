package dev.witbox.internal.chicory;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.ImportGlobal;
import com.dylibso.chicory.runtime.ImportMemory;
import com.dylibso.chicory.runtime.ImportTable;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExportSection;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.SectionId;
import dev.witbox.api.WitboxException;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A core module parsed and (by default) compiled once, instantiated any number of times. Thread-safe:
 * instances share nothing but the compiled code.
 */
public final class CoreModuleCode {

    private final String name;
    private final WasmModule module;
    /** Null when interpreted. Chicory ties the compiled factory to this parsed module object. */
    private final Function<Instance, Machine> machineFactory;
    private final List<CoreImport> imports;
    private final List<String> exports;
    /**
     * The memory image after data segments, shared by every instance's memory; only for a module that
     * defines its one memory (an imported memory is initialised by its owner).
     */
    private final DataImage.Slot dataImage;
    /** How deep calls may nest in an instance; null when not limited. */
    private final CallDepthLimit depthLimit;

    private CoreModuleCode(String name, WasmModule module, Function<Instance, Machine> machineFactory,
            CallDepthLimit depthLimit) {
        this.name = name;
        this.module = module;
        this.machineFactory = machineFactory;
        this.depthLimit = depthLimit;
        this.imports = readImports(module);
        List<String> names = new ArrayList<>();
        ExportSection section = module.exportSection();
        for (int i = 0; i < section.exportCount(); i++) {
            names.add(section.getExport(i).name());
        }
        this.exports = List.copyOf(names);
        boolean ownsOneMemory = module.memorySection().map(m -> m.memoryCount() == 1).orElse(false)
                && imports.stream().noneMatch(i -> i.kind() == CoreImport.Kind.MEMORY);
        this.dataImage = ownsOneMemory ? new DataImage.Slot(module) : null;
    }

    /**
     * Parses, validates and compiles a core module.
     *
     * @param name a name for messages, e.g. {@code "core module 0"}
     * @throws WitboxException when the bytes are not a valid core module
     */
    public static CoreModuleCode compile(String name, byte[] bytes, ExecutionMode mode) {
        return compile(name, bytes, mode, null);
    }

    /** The call depth a module gets unless the engine says otherwise (see {@link CallDepthLimit}). */
    public static final int DEFAULT_MAX_CALL_DEPTH = 2_000;

    /**
     * Parses, validates and compiles a core module, reading the compiled code from {@code cache} when it
     * holds it and storing it there when not.
     *
     * @param cache where compiled code persists across restarts; null for none (ignored when interpreted)
     * @throws WitboxException when the bytes are not a valid core module
     */
    public static CoreModuleCode compile(String name, byte[] bytes, ExecutionMode mode, CompileCache cache) {
        return compile(name, bytes, mode, cache, DEFAULT_MAX_CALL_DEPTH);
    }

    /**
     * As {@link #compile(String, byte[], ExecutionMode, CompileCache)}, with calls nesting at most
     * {@code maxCallDepth} deep in each instance ({@code 0}: no limit but the calling thread's stack).
     */
    public static CoreModuleCode compile(String name, byte[] bytes, ExecutionMode mode, CompileCache cache,
            int maxCallDepth) {
        return compile(name, bytes, mode, CompiledCodeSources.of((ClassLoader) null, cache), maxCallDepth);
    }

    /**
     * Parses and validates a core module and has its compiled code from {@code sources} (build-time classes, the
     * compile cache, or the compiler), with calls nesting at most {@code maxCallDepth} deep in each instance
     * ({@code 0}: no limit but the calling thread's stack). When a source holds the module, only its stored stubbed
     * form is parsed ({@link StubbedModule}): the same bytes were validated, rewritten and compiled when the entry
     * was written, and the entry's key is their SHA-256.
     *
     * @throws WitboxException when the bytes are not a valid core module
     */
    public static CoreModuleCode compile(String name, byte[] bytes, ExecutionMode mode, CompiledCodeSources sources,
            int maxCallDepth) {
        CompiledCodeSources.Slot slot = null;
        if (mode == ExecutionMode.COMPILED) {
            slot = sources.slot(name, bytes, maxCallDepth);
            CompiledCodeSources.Hit hit = slot.find();
            if (hit != null) {
                return new CoreModuleCode(name, hit.module(), hit.machineFactory(), hit.depthLimit());
            }
        }
        CoreModuleBounds.check(name, bytes); // before Chicory sizes anything by what the module declares
        CallDepthLimit depthLimit = null;
        byte[] compiledBytes = bytes;
        if (maxCallDepth > 0) {
            try {
                WasmModule calls = scanCalls(name, bytes);
                CallDepthLimit.Instrumented instrumented = CallDepthLimit.instrument(bytes, calls, maxCallDepth);
                if (instrumented != null) {
                    compiledBytes = instrumented.bytes();
                    depthLimit = instrumented.limit();
                }
            } catch (RuntimeException e) {
                parse(name, bytes); // a module the scan could not take: the full parse says why
                throw e; // a valid module the rewrite failed on: a bug
            }
        }
        // the one full parse (with validation) of the module that runs, rewritten or not
        WasmModule module = parse(name, compiledBytes);
        Function<Instance, Machine> factory = slot == null ? null : slot.compile(compiledBytes, module, depthLimit);
        return new CoreModuleCode(name, module, factory, depthLimit);
    }

    /** The sections the call-depth rewrite reads: where the calls are, and how many globals precede its own. */
    private static final Parser CALL_SCAN = Parser.builder().withValidation(false)
            .includeSectionId(SectionId.TYPE).includeSectionId(SectionId.IMPORT)
            .includeSectionId(SectionId.FUNCTION).includeSectionId(SectionId.GLOBAL).includeSectionId(SectionId.CODE)
            .build();

    /**
     * Decodes just what the call-depth rewrite needs, without validating: the module that runs is the rewritten
     * one, parsed and validated in full afterwards (the rewrite wraps calls in stack-neutral code, so it makes no
     * invalid module valid). Validating the original too cost a second validation of every function: a third of a
     * large module's load (measured on the 12 MB componentize-js guest, benchmarks/README.md).
     */
    private static WasmModule scanCalls(String name, byte[] bytes) {
        return decode(CALL_SCAN, bytes, name + " is not a valid core module");
    }

    private static final Parser WITHOUT_VALIDATION = Parser.builder().withValidation(false).build();

    /**
     * Parses a module validated before, when it was compiled (a stored entry's stubbed module), without validating it
     * again; see {@link ValidatorHints} for what the validator's absence leaves to put back.
     */
    static WasmModule parseStored(String name, byte[] bytes) {
        return decode(WITHOUT_VALIDATION, bytes, name + " could not be parsed again");
    }

    /** Decodes {@code bytes} with a parser that does not validate; any failure of it is {@code failure}. */
    private static WasmModule decode(Parser parser, byte[] bytes, String failure) {
        try {
            return parser.parse(() -> new ByteArrayInputStream(bytes));
        } catch (RuntimeException | StackOverflowError | AssertionError e) {
            throw new WitboxException(failure + " (the parser failed on it: " + e + ")", e);
        }
    }

    static WasmModule parse(String name, byte[] bytes) {
        try {
            return Parser.parse(bytes);
        } catch (ChicoryException | IllegalArgumentException e) {
            throw new WitboxException(name + " is not a valid core module: " + e.getMessage(), e);
        } catch (RuntimeException | StackOverflowError | AssertionError e) {
            // Chicory 1.7.5's parser is not hardened against every malformed body: fuzzing found it throwing
            // NullPointerException on an `end` with no block open, and failing its own assertions (with -ea) on
            // branch labels (fuzz/component regression inputs)
            throw new WitboxException(name + " is not a valid core module (the parser failed on it: " + e + ")", e);
        }
    }

    public String name() {
        return name;
    }

    /** The module as Chicory parsed it (with the stubbed bodies of a module served by compiled-code sources). */
    WasmModule module() {
        return module;
    }

    /** The module's imports, in declaration order. */
    public List<CoreImport> imports() {
        return imports;
    }

    /** The names the module exports. */
    public List<String> exports() {
        return exports;
    }

    /** The kind of the export {@code exportName}, or empty if there is none. */
    public Optional<CoreImport.Kind> exportKind(String exportName) {
        ExportSection section = module.exportSection();
        for (int i = 0; i < section.exportCount(); i++) {
            Export e = section.getExport(i);
            if (e.name().equals(exportName)) {
                return Optional.of(kindOf(e.exportType()));
            }
        }
        return Optional.empty();
    }

    /**
     * Instantiates the module, running its start function.
     *
     * @param resolved one value per {@link #imports()} entry, in the same order
     * @param maxMemoryPages the most pages the module's own memory may grow to (clamped to what it declares)
     * @throws CoreTrap when the start function or a segment initialisation traps
     * @throws WitboxException when an import does not fit (wrong kind or type)
     */
    public CoreInstanceRef instantiate(List<CoreExtern> resolved, int maxMemoryPages) {
        return instantiate(resolved, maxMemoryPages, MemoryBudget.unlimited());
    }

    /**
     * Instantiates the module, running its start function, with memories that charge {@code budget} for their
     * size (and fail to grow past it).
     *
     * @param resolved one value per {@link #imports()} entry, in the same order
     * @param maxMemoryPages the most pages the module's own memory may grow to (clamped to what it declares)
     * @throws CoreTrap when the start function or a segment initialisation traps
     * @throws WitboxException when an import does not fit (wrong kind or type), or the budget cannot hold the
     *                         memory's initial size
     */
    public CoreInstanceRef instantiate(List<CoreExtern> resolved, int maxMemoryPages, MemoryBudget budget) {
        if (resolved.size() != imports.size()) {
            throw new IllegalArgumentException(resolved.size() + " imports for " + imports.size());
        }
        ImportValues.Builder values = ImportValues.builder();
        for (int i = 0; i < imports.size(); i++) {
            CoreImport imp = imports.get(i);
            CoreExtern value = resolved.get(i);
            switch (imp.kind()) {
                case FUNC -> {
                    if (!(value instanceof CoreFunc f)) {
                        throw mismatch(imp, value);
                    }
                    values.addFunction(importFunction(imp, f));
                }
                case MEMORY -> {
                    if (!(value instanceof CoreMemory m)) {
                        throw mismatch(imp, value);
                    }
                    values.addMemory(new ImportMemory(imp.module(), imp.name(), m.memory));
                }
                case TABLE -> {
                    if (!(value instanceof CoreTable t)) {
                        throw mismatch(imp, value);
                    }
                    values.addTable(new ImportTable(imp.module(), imp.name(), t.table));
                }
                case GLOBAL -> {
                    if (!(value instanceof CoreGlobal g)) {
                        throw mismatch(imp, value);
                    }
                    values.addGlobal(new ImportGlobal(imp.module(), imp.name(), g.global));
                }
                case TAG -> throw new WitboxException(name + " imports tag " + imp + ": exceptions are not supported");
            }
        }
        return build(values.build(), maxMemoryPages, budget);
    }

    /** Instantiates the module with Chicory host functions as its imports (the WASI preview 1 adapter's). */
    Instance instantiateWith(List<HostFunction> functions, int maxMemoryPages) {
        ImportValues.Builder values = ImportValues.builder();
        functions.forEach(values::addFunction);
        return build(values.build(), maxMemoryPages, MemoryBudget.unlimited()).instance();
    }

    private CoreInstanceRef build(ImportValues values, int maxMemoryPages, MemoryBudget budget) {
        // withStart(false): Chicory would otherwise call an exported `_start` (a WASI command's entry
        // point) while instantiating; the component model only runs the start section, and a command's
        // `_start` is reached through wasi:cli/run.
        Instance.Builder builder = Instance.builder(module).withImportValues(values).withStart(false);
        if (machineFactory != null) {
            builder.withMachineFactory(machineFactory);
        }
        List<TrackedMemory> memories = new ArrayList<>(1);
        List<TrackedTable> tables = new ArrayList<>(1);
        builder.withMemoryFactory(limits -> {
            TrackedMemory m = new TrackedMemory(limits.initialPages(), Math.min(limits.maximumPages(), maxMemoryPages),
                    budget, memories.isEmpty() ? dataImage : null);
            memories.add(m);
            return m;
        });
        builder.withTableFactory((table, initialRef) -> {
            TrackedTable t = new TrackedTable(table, initialRef);
            tables.add(t);
            return t;
        });
        module.memorySection().ifPresent(section -> {
            if (section.memoryCount() > 0) {
                MemoryLimits declared = section.getMemory(0).limits();
                int max = Math.min(declared.maximumPages(), maxMemoryPages);
                if (declared.initialPages() > max) {
                    throw new WitboxException(name + " needs " + declared.initialPages()
                            + " pages of memory initially, more than the limit of " + maxMemoryPages + " pages");
                }
                builder.withMemoryLimits(new MemoryLimits(declared.initialPages(), max));
            }
        });
        try {
            return new CoreInstanceRef(builder.build(), name, memories, tables, depthLimit);
        } catch (WitboxException e) {
            memories.forEach(TrackedMemory::free);
            throw e;
        } catch (StackOverflowError e) {
            memories.forEach(TrackedMemory::free);
            throw new CoreTrap("call stack exhausted while instantiating " + name, e);
        } catch (com.dylibso.chicory.runtime.TrapException | com.dylibso.chicory.runtime.ChicoryInterruptedException e) {
            memories.forEach(TrackedMemory::free);
            throw new CoreTrap(name + " trapped while being instantiated: " + e.getMessage(), e);
        } catch (ChicoryException e) {
            memories.forEach(TrackedMemory::free);
            throw new WitboxException("cannot instantiate " + name + ": " + e.getMessage(), e);
        }
    }

    private ImportFunction importFunction(CoreImport imp, CoreFunc f) {
        if (f.host == null) {
            // another instance's export: Chicory calls it directly, keeping its identity for tables
            return ImportFunction.exportAsImport(imp.module(), imp.name(), f.instance, f.exportName);
        }
        // the type is the importer's declaration: host functions adapt to whatever the guest declared,
        // and the canonical ABI checks the argument count itself
        FunctionType type = declaredType(imp);
        var host = f.host;
        return new HostFunction(imp.module(), imp.name(), type, (instance, args) -> host.call(args));
    }

    private FunctionType declaredType(CoreImport imp) {
        for (int i = 0; i < module.importSection().importCount(); i++) {
            Import candidate = module.importSection().getImport(i);
            if (candidate instanceof FunctionImport fi && candidate.module().equals(imp.module())
                    && candidate.name().equals(imp.name())) {
                return module.typeSection().getType(fi.typeIndex());
            }
        }
        throw new IllegalStateException("no function import " + imp);
    }

    private WitboxException mismatch(CoreImport imp, CoreExtern value) {
        return new WitboxException(name + " imports " + imp + " but is given a "
                + value.getClass().getSimpleName().replace("Core", "").toLowerCase(java.util.Locale.ROOT));
    }

    private static List<CoreImport> readImports(WasmModule module) {
        List<CoreImport> out = new ArrayList<>();
        for (int i = 0; i < module.importSection().importCount(); i++) {
            Import imp = module.importSection().getImport(i);
            CoreImport.Kind kind = kindOf(imp.importType());
            String signature = kind.name().toLowerCase(java.util.Locale.ROOT);
            if (imp instanceof FunctionImport fi) {
                signature = "func " + module.typeSection().getType(fi.typeIndex());
            }
            out.add(new CoreImport(imp.module(), imp.name(), kind, signature));
        }
        return List.copyOf(out);
    }

    private static CoreImport.Kind kindOf(com.dylibso.chicory.wasm.types.ExternalType type) {
        return switch (type) {
            case FUNCTION -> CoreImport.Kind.FUNC;
            case TABLE -> CoreImport.Kind.TABLE;
            case MEMORY -> CoreImport.Kind.MEMORY;
            case GLOBAL -> CoreImport.Kind.GLOBAL;
            case TAG -> CoreImport.Kind.TAG;
        };
    }

    @Override
    public String toString() {
        return "CoreModuleCode[" + name + ", " + imports.size() + " imports, " + exports.size() + " exports]";
    }
}
