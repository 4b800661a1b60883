package dev.witbox.benchmarks;

import com.dylibso.chicory.runtime.Instance;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Creating a new instance of a small plugin (add-greet, 14 KB) from a plugin already loaded,
 * against a bare Chicory instance of the same core module from a module already compiled.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class InstantiationBenchmark {

    private ChicoryFloor floor;
    private Plugin plugin;

    @Setup
    public void setUp() {
        floor = new ChicoryFloor();
        plugin = WitboxEngine.create().load("add-greet", Guests.bytes("add-greet.wasm"));
    }

    @Benchmark
    public Instance bareChicoryInstance() {
        return floor.newInstance();
    }

    @Benchmark
    public PluginInstance witboxInstance() {
        return plugin.instantiate();
    }
}
