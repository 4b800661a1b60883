package dev.witbox.benchmarks;

import dev.witbox.api.value.WitValue;
import dev.witbox.benchmarks.typed.addgreet.AddGreet;
import dev.witbox.runtime.ExportHandle;
import dev.witbox.runtime.Plugin;
import dev.witbox.runtime.PluginInstance;
import dev.witbox.runtime.WitboxEngine;
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
 * The cost of one call on an instance already held: witbox's dynamic API and the typed interface
 * generated from the guest's WIT ({@link AddGreet}, bound once), against the same C code as a plain
 * core module on Chicory, lowered by hand (the floor).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CallOverheadBenchmark {

    private static final WitValue FORTY = new WitValue.U32(40);
    private static final WitValue TWO = new WitValue.U32(2);
    private static final WitValue JAVA = new WitValue.Str("Java");

    private ChicoryFloor.Held floor;
    private PluginInstance witbox;
    private ExportHandle add;
    private ExportHandle greet;
    private AddGreet typed;

    @Setup
    public void setUp() {
        floor = new ChicoryFloor.Held(new ChicoryFloor().newInstance());
        Plugin plugin = WitboxEngine.create().load("add-greet", Guests.bytes("add-greet.wasm"));
        witbox = plugin.instantiate();
        add = witbox.function("add");
        greet = witbox.function("greet");
        typed = witbox.bind(AddGreet.class);
    }

    @TearDown
    public void tearDown() {
        witbox.close();
    }

    @Benchmark
    public long addFloor() {
        return floor.add(40, 2);
    }

    @Benchmark
    public long addWitbox() {
        return ((WitValue.U32) witbox.call("add", FORTY, TWO)).value();
    }

    /** The same call through a handle looked up once ({@link PluginInstance#function}). */
    @Benchmark
    public long addWitboxPrepared() {
        return ((WitValue.U32) add.call(FORTY, TWO)).value();
    }

    /** The same call through the generated interface. */
    @Benchmark
    public long addTyped() {
        return typed.add(40, 2);
    }

    @Benchmark
    public String greetFloor() {
        return floor.greet("Java");
    }

    @Benchmark
    public String greetWitbox() {
        return ((WitValue.Str) witbox.call("greet", JAVA)).value();
    }

    @Benchmark
    public String greetWitboxPrepared() {
        return ((WitValue.Str) greet.call(JAVA)).value();
    }

    /** The same call through the generated interface. */
    @Benchmark
    public String greetTyped() {
        return typed.greet("Java");
    }
}
