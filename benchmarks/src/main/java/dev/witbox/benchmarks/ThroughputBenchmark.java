package dev.witbox.benchmarks;

import dev.witbox.api.value.WitValue;
import dev.witbox.benchmarks.typed.addgreet.AddGreet;
import dev.witbox.runtime.PluginPool;
import dev.witbox.runtime.PoolOptions;
import dev.witbox.runtime.PooledFunction;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Calls per second of a compute-light plugin (add-greet's {@code add}) through one shared {@code fresh}
 * pool, from 1 and from 2 threads (JMH sums the threads' throughput): how well the pool scales; the same
 * through the generated interface bound to the pool (the primitive path); and the machine's own ceiling for
 * the ratio: each thread calling its own bare Chicory instance of the same core module ({@link ChicoryFloor}),
 * from 1 and from 2 threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ThroughputBenchmark {

    private static final WitValue FORTY = new WitValue.U32(40);
    private static final WitValue TWO = new WitValue.U32(2);

    private PluginPool pool;
    private PooledFunction add;
    private AddGreet typed;

    /** One bare Chicory instance per calling thread. */
    @State(Scope.Thread)
    public static class Bare {
        ChicoryFloor.Held floor;

        @Setup
        public void setUp() {
            floor = new ChicoryFloor.Held(new ChicoryFloor().newInstance());
        }
    }

    @Setup
    public void setUp() {
        pool = WitboxEngine.create().load("add-greet", Guests.bytes("add-greet.wasm"))
                .pool(PoolOptions.builder().minIdle(2).maxSize(2).build());
        add = pool.function("add");
        typed = pool.bind(AddGreet.class);
    }

    @TearDown
    public void tearDown() {
        pool.close();
    }

    @Benchmark
    @Threads(1)
    public long addOneThread() {
        return ((WitValue.U32) add.call(FORTY, TWO)).value();
    }

    @Benchmark
    @Threads(2)
    public long addTwoThreads() {
        return ((WitValue.U32) add.call(FORTY, TWO)).value();
    }

    @Benchmark
    @Threads(1)
    public long addTypedOneThread() {
        return typed.add(40, 2);
    }

    @Benchmark
    @Threads(2)
    public long addTypedTwoThreads() {
        return typed.add(40, 2);
    }

    @Benchmark
    @Threads(1)
    public long bareOneThread(Bare bare) {
        return bare.floor.add(40, 2);
    }

    @Benchmark
    @Threads(2)
    public long bareTwoThreads(Bare bare) {
        return bare.floor.add(40, 2);
    }
}
