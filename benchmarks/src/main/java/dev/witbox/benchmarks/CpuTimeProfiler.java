package dev.witbox.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * The benchmark JVM's CPU time per operation ({@code cpu.ns/op}) and the cores it got ({@code cpu.util}), per
 * iteration: {@code -prof dev.witbox.benchmarks.CpuTimeProfiler}. On a shared machine a throughput score says
 * how much CPU the benchmark was given as much as how fast it is; CPU time per operation is distorted far less,
 * and a cost that only appears when threads run at the same time (two cores passing a cache line back and
 * forth) shows as more CPU per operation, not as less throughput. Process CPU time, so JIT and GC threads count
 * too (little once warmed up), and threads that ended with the last iteration are not lost.
 */
public final class CpuTimeProfiler implements InternalProfiler {

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long cpuBefore;
    private long wallBefore;

    @Override
    public String getDescription() {
        return "CPU time of the benchmark JVM per operation, and the cores it got";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
        wallBefore = System.nanoTime();
        cpuBefore = os.getProcessCpuTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmark, IterationParams iteration,
            IterationResult result) {
        long cpu = os.getProcessCpuTime() - cpuBefore;
        long wall = System.nanoTime() - wallBefore;
        // throughput mode only: the score is operations per time unit over the iteration's own time (the wall
        // time here also holds the threads' start and stop and, after the last iteration, the tear-down)
        double operations = result.getPrimaryResult().getScore() * iteration.getTime().convertTo(TimeUnit.NANOSECONDS)
                / benchmark.getTimeUnit().toNanos(1);
        return List.of(new ScalarResult("cpu.ns/op", cpu / operations, "ns/op", AggregationPolicy.AVG),
                new ScalarResult("cpu.util", (double) cpu / wall, "cores", AggregationPolicy.AVG));
    }
}
