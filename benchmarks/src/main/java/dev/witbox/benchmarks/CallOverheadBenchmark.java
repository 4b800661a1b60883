package dev.witbox.benchmarks;

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

/** The cost of one call: witbox's dynamic API against the hand-lowered Chicory floor. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CallOverheadBenchmark {

    private ChicoryFloor.Held floor;

    @Setup
    public void setUp() {
        floor = new ChicoryFloor.Held(new ChicoryFloor().newInstance());
    }

    @Benchmark
    public long addFloor() {
        return floor.add(40, 2);
    }

    @Benchmark
    public String greetFloor() {
        return floor.greet("Java");
    }
}
