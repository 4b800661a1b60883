package dev.witbox.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmarks and prints one table: each figure of witbox beside the baseline measured in
 * the same run, their ratio, and the target the issues set for it.
 *
 * <p>{@code --quick} trades precision for time (one short fork: the table appears within about a
 * minute, with wide error); without it every benchmark runs with its own annotations' settings.
 * {@code --with-js} also loads the 12 MB componentize-js guest (build it first with
 * {@code tests/guests/build.sh --js-hello}). Cold starts ({@link ColdStart}) are timed from outside fresh JVMs
 * after the JMH runs.
 */
public final class Suite {

    /** A figure: witbox's benchmark against its baseline, with the target ratio (or none). */
    record Figure(String name, String witbox, String baseline, Double targetRatio) {}

    private static final List<Figure> FIGURES = List.of(
            new Figure("call add(u32, u32) -> u32", "CallOverheadBenchmark.addWitbox",
                    "CallOverheadBenchmark.addFloor", 1.5),
            new Figure("  prepared (ExportHandle)", "CallOverheadBenchmark.addWitboxPrepared",
                    "CallOverheadBenchmark.addFloor", null),
            new Figure("call greet(string) -> string", "CallOverheadBenchmark.greetWitbox",
                    "CallOverheadBenchmark.greetFloor", 2.0),
            new Figure("  prepared (ExportHandle)", "CallOverheadBenchmark.greetWitboxPrepared",
                    "CallOverheadBenchmark.greetFloor", null),
            new Figure("  typed (generated AddGreet)", "CallOverheadBenchmark.greetTyped",
                    "CallOverheadBenchmark.greetFloor", 1.2),
            new Figure("call tally(record, 100 records)", "RecordListBenchmark.tallyTyped",
                    "RecordListBenchmark.tallyFloor", null),
            new Figure("  dynamic (WitValue, prepared)", "RecordListBenchmark.tallyDynamic",
                    "RecordListBenchmark.tallyFloor", null),
            new Figure("new instance of add-greet", "InstantiationBenchmark.witboxInstance",
                    "InstantiationBenchmark.bareChicoryInstance", 2.0),
            new Figure("WASI: 10 MB out + 10 MB file in", "WasiIoBenchmark.componentOnWasi02",
                    "WasiIoBenchmark.coreOnChicoryWasi", 1.5));

    private Suite() {}

    public static void main(String[] args) throws RunnerException {
        boolean quick = List.of(args).contains("--quick");
        boolean withJs = List.of(args).contains("--with-js");

        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("CallOverheadBenchmark")
                .include("RecordListBenchmark")
                .include("InstantiationBenchmark")
                .include("LoadBenchmark")
                .include("WasiIoBenchmark")
                .param("guest", withJs ? new String[] {"add-greet", "values", "js-hello"}
                        : new String[] {"add-greet", "values"})
                .shouldFailOnError(true);
        if (quick) {
            options.forks(1).warmupIterations(2).warmupTime(TimeValue.milliseconds(500))
                    .measurementIterations(3).measurementTime(TimeValue.milliseconds(500));
        }
        Collection<RunResult> results = new Runner(options.build()).run();

        Map<String, RunResult> byLabel = new LinkedHashMap<>();
        for (RunResult result : results) {
            String label = result.getParams().getBenchmark().replaceFirst(".*\\.(\\w+\\.\\w+)$", "$1");
            String guest = result.getParams().getParam("guest");
            byLabel.put(guest == null ? label : label + "[" + guest + "]", result);
        }
        System.out.print(table(byLabel, ColdStart.section(quick, withJs)));
    }

    static String table(Map<String, RunResult> results, String coldStart) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%n%-30s %22s %22s %9s %8s %s%n",
                "figure", "witbox", "baseline", "ratio", "target", ""));
        int withTarget = 0;
        int met = 0;
        for (Figure figure : FIGURES) {
            RunResult witbox = results.get(figure.witbox());
            RunResult baseline = results.get(figure.baseline());
            if (witbox == null || baseline == null) {
                continue;
            }
            double ratio = score(witbox) / score(baseline);
            String verdict = "";
            if (figure.targetRatio() != null) {
                withTarget++;
                boolean ok = ratio <= figure.targetRatio();
                met += ok ? 1 : 0;
                verdict = ok ? "met" : "NOT met";
            }
            out.append(String.format(Locale.ROOT, "%-30s %22s %22s %8.2fx %8s %s%n", figure.name(),
                    formatted(witbox), formatted(baseline), ratio,
                    figure.targetRatio() == null ? "-" : "<= " + figure.targetRatio() + "x", verdict));
        }
        List<String> loads = new ArrayList<>();
        for (Map.Entry<String, RunResult> entry : results.entrySet()) {
            if (entry.getKey().startsWith("LoadBenchmark.")) {
                loads.add(String.format(Locale.ROOT, "%-53s %22s%n",
                        entry.getKey().replace("LoadBenchmark.", ""), formatted(entry.getValue())));
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
    private static double score(RunResult result) {
        var primary = result.getPrimaryResult();
        return isSampled(result) ? primary.getStatistics().getPercentile(50) : primary.getScore();
    }

    private static boolean isSampled(RunResult result) {
        return result.getParams().getMode() == org.openjdk.jmh.annotations.Mode.SampleTime;
    }

    private static String formatted(RunResult result) {
        var primary = result.getPrimaryResult();
        if (isSampled(result)) {
            return String.format(Locale.ROOT, "p50 %.1f %s", score(result), primary.getScoreUnit());
        }
        double error = primary.getScoreError();
        return Double.isNaN(error)
                ? String.format(Locale.ROOT, "%.1f %s", primary.getScore(), primary.getScoreUnit())
                : String.format(Locale.ROOT, "%.1f±%.1f %s", primary.getScore(), error, primary.getScoreUnit());
    }
}
