package dev.witbox.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmarks and prints one table: each figure of witbox beside the baseline measured in the
 * same run, their ratio (witbox / baseline), and the target the issues set for it.
 *
 * <p>{@code --quick} trades precision for time: every benchmark runs in this JVM (no forks) with short
 * iterations, the memory figures with fewer calls, and the table appears within a minute, with wide error;
 * without it every benchmark runs with its own annotations' settings. {@code --with-js} also loads the 12 MB
 * componentize-js guest (build it first with {@code tests/guests/build.sh --js-hello}).
 * Cold starts ({@link ColdStart}) are timed from outside fresh JVMs after the JMH runs.
 */
public final class Suite {

    /** A figure: witbox's measurement against its baseline, with its target (or none). */
    record Figure(String name, String witbox, String baseline, Target target) {}

    /**
     * A target: the ratio witbox / baseline at most or at least {@code value}, or witbox's own score at
     * most {@code value} (in its unit).
     */
    record Target(String kind, double value) {
        static Target ratioAtMost(double value) {
            return new Target("<=", value);
        }

        static Target ratioAtLeast(double value) {
            return new Target(">=", value);
        }

        static Target atMost(double value) {
            return new Target("abs<=", value);
        }

        boolean met(double ratio, double witbox) {
            return switch (kind) {
                case "<=" -> ratio <= value;
                case ">=" -> ratio >= value;
                default -> witbox <= value;
            };
        }

        String label(String unit) {
            return kind.startsWith("abs") ? "<= " + Measured.human(value, unit) : kind + " " + value + "x";
        }
    }

    /** One measured score: a mean with its error, or a median (sampled benchmarks), or a single value. */
    record Measured(double score, double error, String unit, boolean median) {
        String formatted() {
            if (median) {
                return "p50 " + human(score, unit);
            }
            return Double.isNaN(error) ? human(score, unit)
                    : String.format(Locale.ROOT, "%.1f±%.1f %s", score, error, unit);
        }

        /** Bytes in MiB (or GiB from 1 GiB on), everything else as it came. */
        static String human(double value, String unit) {
            if (unit.equals("B")) {
                return value >= (1L << 30) ? String.format(Locale.ROOT, "%.2f GiB", value / (1L << 30))
                        : String.format(Locale.ROOT, "%.2f MiB", value / (1L << 20));
            }
            return String.format(Locale.ROOT, "%.1f %s", value, unit);
        }
    }

    private static final List<Figure> FIGURES = List.of(
            new Figure("call add(u32, u32) -> u32", "CallOverheadBenchmark.addWitbox",
                    "CallOverheadBenchmark.addFloor", Target.ratioAtMost(1.5)),
            new Figure("  prepared (ExportHandle)", "CallOverheadBenchmark.addWitboxPrepared",
                    "CallOverheadBenchmark.addFloor", null),
            new Figure("  typed (generated AddGreet)", "CallOverheadBenchmark.addTyped",
                    "CallOverheadBenchmark.addFloor", Target.ratioAtMost(1.5)),
            new Figure("call greet(string) -> string", "CallOverheadBenchmark.greetWitbox",
                    "CallOverheadBenchmark.greetFloor", Target.ratioAtMost(2.0)),
            new Figure("  prepared (ExportHandle)", "CallOverheadBenchmark.greetWitboxPrepared",
                    "CallOverheadBenchmark.greetFloor", Target.ratioAtMost(1.2)),
            new Figure("  typed (generated AddGreet)", "CallOverheadBenchmark.greetTyped",
                    "CallOverheadBenchmark.greetFloor", Target.ratioAtMost(1.2)),
            new Figure("call tally(record, 100 records)", "RecordListBenchmark.tallyTyped",
                    "RecordListBenchmark.tallyFloor", null),
            new Figure("  dynamic (WitValue, prepared)", "RecordListBenchmark.tallyDynamic",
                    "RecordListBenchmark.tallyFloor", null),
            new Figure("new instance of add-greet", "InstantiationBenchmark.witboxInstance",
                    "InstantiationBenchmark.bareChicoryInstance", Target.ratioAtMost(2.0)),
            new Figure("WASI: 10 MB out + 10 MB file in", "WasiIoBenchmark.componentOnWasi02",
                    "WasiIoBenchmark.coreOnChicoryWasi", Target.ratioAtMost(1.5)),
            // pools (issue 5): instance from a fresh pool against a bare Chicory instance
            new Figure("pool instance, small (add-greet)", "PoolBenchmark.fromPool[small]",
                    "PoolBenchmark.bareAddGreet", Target.atMost(5.0)),
            new Figure("pool instance, dirtied 1 MB", "PoolBenchmark.fromPool[1MB]", "PoolBenchmark.bareTouch", null),
            new Figure("pool instance, dirtied 16 MB", "PoolBenchmark.fromPool[16MB]", "PoolBenchmark.bareTouch", null),
            new Figure("  reset 16 MB / reset 1 MB", "PoolBenchmark.fromPool[16MB]", "PoolBenchmark.fromPool[1MB]", null),
            new Figure("  1 MB of a 17 MB memory / 1 MB", "PoolBenchmark.fromPool[1MB-of-17MB]",
                    "PoolBenchmark.fromPool[1MB]", Target.ratioAtMost(1.5)),
            new Figure("pooled greet / greet on held", "PooledCallBenchmark.greetPooled",
                    "CallOverheadBenchmark.greetWitbox", Target.ratioAtMost(1.3)),
            new Figure("  prepared (PooledFunction)", "PooledCallBenchmark.greetPooledPrepared",
                    "CallOverheadBenchmark.greetWitboxPrepared", null),
            new Figure("  reuse isolation (no reset)", "PooledCallBenchmark.greetPooledReuse",
                    "CallOverheadBenchmark.greetWitboxPrepared", null),
            new Figure("greet: witbox pool / Extism", "PooledCallBenchmark.greetPooled",
                    "PooledCallBenchmark.greetExtism", Target.ratioAtMost(0.33)),
            new Figure("WASI pooled / held: wasi-probe stdio", "WasiPoolBenchmark.probePooled",
                    "WasiPoolBenchmark.probeHeld", Target.ratioAtMost(1.5)),
            new Figure("  reuse isolation (no reset)", "WasiPoolBenchmark.probePooledReuse",
                    "WasiPoolBenchmark.probeHeld", null),
            new Figure("  wasi-hello run: pooled / new instance", "WasiPoolBenchmark.helloPooled",
                    "WasiPoolBenchmark.helloNewInstance", null),
            new Figure("throughput add: 2 threads / 1", "ThroughputBenchmark.addTwoThreads",
                    "ThroughputBenchmark.addOneThread", Target.ratioAtLeast(1.8)),
            new Figure("  typed (primitive path)", "ThroughputBenchmark.addTypedTwoThreads",
                    "ThroughputBenchmark.addTypedOneThread", null),
            new Figure("  ceiling: bare Chicory 2 thr / 1", "ThroughputBenchmark.bareTwoThreads",
                    "ThroughputBenchmark.bareOneThread", null),
            new Figure("1,000 active touch-1MB: heap", "Footprint.pool.activeHeap", "Footprint.bare.activeHeap",
                    Target.atMost(1.2 * (1L << 30))),
            new Figure("  per active instance", "Footprint.pool.perActive", "Footprint.bare.perActive", null),
            new Figure("  per idle instance", "Footprint.pool.perIdle", "Footprint.bare.perIdle", null),
            new Figure("resize 2 thr: pool / plain Java", "ImageResizeBenchmark.pool",
                    "ImageResizeBenchmark.plainJava", null),
            new Figure("resize 2 thr: pool / naive host", "ImageResizeBenchmark.pool",
                    "ImageResizeBenchmark.naiveHost", null),
            new Figure("  peak heap: pool / Java", "Footprint.resize.pool.peakHeap",
                    "Footprint.resize.java.peakHeap", null),
            new Figure("  peak heap: pool / naive", "Footprint.resize.pool.peakHeap",
                    "Footprint.resize.naive.peakHeap", null),
            new Figure("  alloc/call: pool / naive", "Footprint.resize.pool.allocatedPerCall",
                    "Footprint.resize.naive.allocatedPerCall", null));

    private Suite() {}

    public static void main(String[] args) throws RunnerException, IOException, InterruptedException {
        boolean quick = List.of(args).contains("--quick");
        boolean withJs = List.of(args).contains("--with-js");

        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("CallOverheadBenchmark")
                .include("RecordListBenchmark")
                .include("InstantiationBenchmark")
                .include("LoadBenchmark")
                .include("PoolBenchmark")
                .include("PooledCallBenchmark")
                .include("ThroughputBenchmark")
                .include("WasiPoolBenchmark")
                .include("ImageResizeBenchmark")
                .include("WasiIoBenchmark")
                .param("guest", withJs ? new String[] {"add-greet", "values", "js-hello"}
                        : new String[] {"add-greet", "values"})
                .shouldFailOnError(true);
        if (quick) {
            options.forks(0).warmupIterations(1).warmupTime(TimeValue.milliseconds(100))
                    .measurementIterations(2).measurementTime(TimeValue.milliseconds(100));
        }
        Collection<RunResult> results = new Runner(options.build()).run();

        Map<String, Measured> byLabel = new LinkedHashMap<>();
        for (RunResult result : results) {
            String label = result.getParams().getBenchmark().replaceFirst(".*\\.(\\w+\\.\\w+)$", "$1");
            List<String> params = new ArrayList<>(result.getParams().getParamsKeys());
            if (!params.isEmpty()) {
                label += "[" + result.getParams().getParam(params.get(0)) + "]";
            }
            byLabel.put(label, measured(result));
        }
        byLabel.putAll(footprint(quick ? 100 : 1_000, quick ? 1 : 100, quick ? 250 : 1_000));
        System.out.print(table(byLabel, ColdStart.section(quick, withJs)));
    }

    /** Runs {@link Footprint} in a JVM of its own (heap figures need a quiet heap) and reads its results. */
    private static Map<String, Measured> footprint(int calls, int naiveCalls, int instances)
            throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-Xmx4g", "-cp", System.getProperty("java.class.path"),
                Footprint.class.getName(), Integer.toString(calls), Integer.toString(naiveCalls),
                Integer.toString(instances))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Map<String, Measured> results = new LinkedHashMap<>();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                System.out.println(line);
                String[] f = line.split(" ");
                if (f.length >= 3 && f[0].equals("RESULT")) {
                    results.put(f[1], new Measured(Double.parseDouble(f[2]), Double.NaN,
                            f.length > 3 ? f[3] : "", false));
                }
            }
        }
        if (process.waitFor() != 0) {
            throw new IllegalStateException("Footprint failed with exit status " + process.exitValue());
        }
        return results;
    }

    static String table(Map<String, Measured> results, String coldStart) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%n%-34s %24s %24s %9s %10s %s%n",
                "figure", "witbox", "baseline", "ratio", "target", ""));
        int withTarget = 0;
        int met = 0;
        for (Figure figure : FIGURES) {
            Measured witbox = results.get(figure.witbox());
            Measured baseline = results.get(figure.baseline());
            if (witbox == null || baseline == null) {
                continue;
            }
            double ratio = witbox.score() / baseline.score();
            String verdict = "";
            if (figure.target() != null) {
                withTarget++;
                boolean ok = figure.target().met(ratio, witbox.score());
                met += ok ? 1 : 0;
                verdict = ok ? "met" : "NOT met";
            }
            out.append(String.format(Locale.ROOT, "%-34s %24s %24s %8.2fx %10s %s%n", figure.name(),
                    witbox.formatted(), baseline.formatted(), ratio,
                    figure.target() == null ? "-" : figure.target().label(witbox.unit()), verdict));
        }
        List<String> loads = new ArrayList<>();
        for (Map.Entry<String, Measured> entry : results.entrySet()) {
            if (entry.getKey().startsWith("LoadBenchmark.")) {
                loads.add(String.format(Locale.ROOT, "%-59s %24s%n",
                        entry.getKey().replace("LoadBenchmark.", ""), entry.getValue().formatted()));
            }
        }
        if (!loads.isEmpty()) {
            out.append(String.format(Locale.ROOT, "%nloading (decode + plan + compile), and to the first call:%n"));
            loads.forEach(out::append);
        }
        out.append(coldStart); // no targets: the issue asks for the figures and their differences
        out.append(String.format(Locale.ROOT, "%ntargets met: %d/%d%n", met, withTarget));
        return out.toString();
    }

    /** The mean, or for sampled benchmarks the median (their mean is dominated by GC pauses). */
    private static Measured measured(RunResult result) {
        var primary = result.getPrimaryResult();
        if (result.getParams().getMode() == Mode.SampleTime) {
            return new Measured(primary.getStatistics().getPercentile(50), Double.NaN, primary.getScoreUnit(), true);
        }
        return new Measured(primary.getScore(), primary.getScoreError(), primary.getScoreUnit(), false);
    }
}
