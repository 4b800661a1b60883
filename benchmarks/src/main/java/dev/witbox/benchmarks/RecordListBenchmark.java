package dev.witbox.benchmarks;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import dev.witbox.api.Result;
import dev.witbox.api.value.WitValue;
import dev.witbox.benchmarks.typed.catalog.Catalog;
import dev.witbox.benchmarks.typed.catalog.Shop;
import dev.witbox.runtime.ExportHandle;
import dev.witbox.runtime.HostImports;
import dev.witbox.runtime.PluginInstance;
import dev.witbox.runtime.WitboxEngine;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One call passing a record that holds a list of 100 records ({@code shop.tally(order)} of the catalog
 * guest): through the generated interface, through the dynamic API with the {@code WitValue} tree
 * built once, and on the same C code as a plain core module on Chicory, lowered by hand (the floor).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RecordListBenchmark {

    static final int LINES = 100;
    static final String CUSTOMER = "customer";

    private PluginInstance witbox;
    private Shop typed;
    private ExportHandle tally;
    private Shop.Order order;
    private WitValue orderValue;
    private Floor floor;

    /** The catalog the guest imports; tally never calls it. */
    static final class NoCatalog implements Catalog {
        @Override
        public Optional<Catalog.Item> lookup(long id) {
            return Optional.empty();
        }

        @Override
        public Result<Long, String> reserve(long id, long quantity) {
            return Result.err("no");
        }
    }

    @Setup
    public void setUp() {
        witbox = WitboxEngine.create().load("catalog", Guests.bytes("imports/catalog.wasm"))
                .instantiate(HostImports.builder().implement(Catalog.class, new NoCatalog()).build());
        typed = witbox.bind(Shop.class);
        tally = witbox.function("host:app/shop@0.1.0#tally");
        List<Shop.Line> lines = new ArrayList<>();
        List<WitValue> lineValues = new ArrayList<>();
        for (int i = 0; i < LINES; i++) {
            lines.add(new Shop.Line(i, i % 7));
            lineValues.add(new WitValue.Record(List.of(new WitValue.Field("item-id", new WitValue.U32(i)),
                    new WitValue.Field("quantity", new WitValue.U32(i % 7)))));
        }
        order = new Shop.Order(CUSTOMER, lines);
        orderValue = new WitValue.Record(List.of(new WitValue.Field("customer", new WitValue.Str(CUSTOMER)),
                new WitValue.Field("lines", new WitValue.ListOf(lineValues))));
        floor = new Floor();
        long expected = typed.tally(order);
        if (floor.tally(order) != expected || ((WitValue.U64) tally.call(orderValue)).value() != expected) {
            throw new IllegalStateException("the three ways of calling tally disagree");
        }
    }

    @TearDown
    public void tearDown() {
        witbox.close();
    }

    @Benchmark
    public long tallyFloor() {
        return floor.tally(order);
    }

    /** The dynamic API, the argument tree built once (as a caller holding WitValues would). */
    @Benchmark
    public long tallyDynamic() {
        return ((WitValue.U64) tally.call(orderValue)).value();
    }

    /** The generated interface: the Java record converted on every call. */
    @Benchmark
    public long tallyTyped() {
        return typed.tally(order);
    }

    /** The catalog guest as a plain core module on Chicory's compiler, its imports stubbed. */
    static final class Floor {
        private final Memory memory;
        private final ExportFunction realloc;
        private final ExportFunction tally;

        Floor() {
            WasmModule module = Parser.parse(Guests.bytes("catalog.core.wasm"));
            String catalog = "host:app/catalog@0.1.0";
            ImportValues imports = ImportValues.builder()
                    .addFunction(new HostFunction(catalog, "lookup",
                            FunctionType.of(List.of(ValType.I32, ValType.I32), List.of()), (instance, args) -> null))
                    .addFunction(new HostFunction(catalog, "reserve",
                            FunctionType.of(List.of(ValType.I32, ValType.I32, ValType.I32), List.of()),
                            (instance, args) -> null))
                    .build();
            Instance instance = Instance.builder(module).withImportValues(imports)
                    .withMachineFactory(MachineFactoryCompiler.compile(module)).build();
            memory = instance.memory();
            realloc = instance.export("cabi_realloc");
            tally = instance.export("host:app/shop@0.1.0#tally");
        }

        /** tally(order) lowered by hand: the customer string and the 100 (u32, u32) lines into guest memory. */
        long tally(Shop.Order order) {
            byte[] customer = order.customer().getBytes(StandardCharsets.UTF_8);
            int customerPointer = (int) realloc.apply(0, 0, 1, customer.length)[0];
            memory.write(customerPointer, customer);
            List<Shop.Line> lines = order.lines();
            int linesPointer = (int) realloc.apply(0, 0, 4, lines.size() * 8L)[0];
            for (int i = 0; i < lines.size(); i++) {
                Shop.Line line = lines.get(i);
                memory.writeI32(linesPointer + i * 8, (int) line.itemId());
                memory.writeI32(linesPointer + i * 8 + 4, (int) line.quantity());
            }
            return tally.apply(customerPointer, customer.length, linesPointer, lines.size())[0];
        }
    }
}
