package dev.witbox.benchmarks;

import dev.witbox.api.value.WitValue;
import dev.witbox.runtime.ExportHandle;
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
 * What the call-depth limit costs (not in the {@code Suite}): the same prepared {@code greet} of
 * add-greet with the engine's default limit, whose rewrite counts every call the guest makes (its
 * malloc and free), and with the limit off ({@code maxCallDepth(0)}: the module runs as built), against
 * the hand-lowered floor.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class CallDepthLimitBenchmark {

    private static final WitValue JAVA = new WitValue.Str("Java");

    private ChicoryFloor.Held floor;
    private PluginInstance limited;
    private PluginInstance unlimited;
    private ExportHandle greetLimited;
    private ExportHandle greetUnlimited;

    @Setup
    public void setUp() {
        floor = new ChicoryFloor.Held(new ChicoryFloor().newInstance());
        limited = WitboxEngine.create().load("add-greet", Guests.bytes("add-greet.wasm")).instantiate();
        unlimited = WitboxEngine.builder().maxCallDepth(0).build()
                .load("add-greet", Guests.bytes("add-greet.wasm")).instantiate();
        greetLimited = limited.function("greet");
        greetUnlimited = unlimited.function("greet");
    }

    @TearDown
    public void tearDown() {
        limited.close();
        unlimited.close();
    }

    @Benchmark
    public String greetFloor() {
        return floor.greet("Java");
    }

    @Benchmark
    public String greetDepthLimited() {
        return ((WitValue.Str) greetLimited.call(JAVA)).value();
    }

    @Benchmark
    public String greetDepthUnlimited() {
        return ((WitValue.Str) greetUnlimited.call(JAVA)).value();
    }
}
