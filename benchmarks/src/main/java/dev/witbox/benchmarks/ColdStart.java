package dev.witbox.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Cold starts, timed from the outside: each run is a fresh JVM ({@code java -cp <this jar>
 * ColdStartChild ...}) from process start to exit, after it printed the result of its first call; the
 * figure is the median of the runs. The baseline is a fresh JVM of the same jar that prints hello.
 *
 * <p>Figures: add-greet (14 KB) and values (104 KB), the two committed guests either side of the
 * issue's 50 KB, without a compile cache and with a warm one; add-greet with its core modules compiled at
 * build time (the {@code precompile} goal's output, {@code benchmarks/target/precompiled-classes}, added to
 * that figure's class path: the child's engine then compiles nothing; left out when the folder is missing), and
 * the same with an AppCDS archive of the classes it loads ({@code -XX:SharedArchiveFile}, made by one training
 * run with {@code -XX:ArchiveClassesAtExit}); with {@code --with-js} the 12 MB
 * componentize-js guest with an empty compile cache (it compiles and stores) and a warm one (it loads
 * what the empty runs stored). {@code --quick} runs each figure fewer times.
 *
 * <p>Run alone: {@code java -cp benchmarks.jar dev.witbox.benchmarks.ColdStart [--quick] [--with-js]}.
 */
public final class ColdStart {

    /** One figure: the median wall time of {@code runs} fresh JVMs, against a baseline figure. */
    record Figure(String name, long[] millis, Figure baseline) {
        long median() {
            long[] sorted = millis.clone();
            Arrays.sort(sorted);
            int middle = sorted.length / 2;
            return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        }
    }

    private final String java;
    private final String classPath;
    private final Path jsHello;
    /** add-greet's core modules compiled at build time (the {@code precompile} goal in benchmarks/pom.xml). */
    private final Path precompiled;

    ColdStart(String java, String classPath, Path jsHello, Path precompiled) {
        this.java = java;
        this.classPath = classPath;
        this.jsHello = jsHello;
        this.precompiled = precompiled;
    }

    public static void main(String[] args) {
        List<String> options = List.of(args);
        System.out.print(section(options.contains("--quick"), options.contains("--with-js")));
    }

    /** Measures the cold starts and returns them as a section of the suite's table. */
    static String section(boolean quick, boolean withJs) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path jsHello = Path.of(System.getProperty("witbox.jsHello", "tests/guests/build/js-hello/js-hello.wasm"));
        Path precompiled = Path.of(System.getProperty("witbox.precompiled", "benchmarks/target/precompiled-classes"));
        return table(new ColdStart(java, System.getProperty("java.class.path"), jsHello, precompiled)
                .measure(quick, withJs));
    }

    List<Figure> measure(boolean quick, boolean withJs) {
        int runs = quick ? 1 : 11;
        List<Figure> figures = new ArrayList<>();
        Figure hello = new Figure("fresh JVM printing hello", times(runs, "hello", "hello"), null);
        figures.add(hello);
        figures.add(new Figure("add-greet (14 KB) first call", times(runs, "Hello, cold!", "add-greet"), hello));
        Path addGreetCache = temporaryDirectory();
        run("Hello, cold!", "add-greet", "--cache", addGreetCache.toString()); // fills the cache
        figures.add(new Figure("  with a warm compile cache",
                times(runs, "Hello, cold!", "add-greet", "--cache", addGreetCache.toString()), hello));
        if (Files.isDirectory(precompiled)) {
            String withClasses = classPath + File.pathSeparator + precompiled;
            figures.add(new Figure("  with build-time classes (precompile)",
                    timesWith(List.of(), withClasses, runs, "Hello, cold!", "add-greet", "--build-time"), hello));
            // what is left is the JVM loading and linking witbox's and Chicory's classes: an application
            // class-data archive (AppCDS, made by one training run) holds them ready
            Path archive = temporaryDirectory().resolve("add-greet.jsa");
            runWith(List.of("-XX:ArchiveClassesAtExit=" + archive, "-Xlog:disable"), withClasses, "Hello, cold!",
                    "add-greet", "--build-time");
            figures.add(new Figure("  build-time classes + AppCDS archive", timesWith(
                    List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:disable"), withClasses, runs, "Hello, cold!",
                    "add-greet", "--build-time"), hello));
        }
        figures.add(new Figure("values (104 KB) first call", times(runs, "cold", "values"), hello));
        Path valuesCache = temporaryDirectory();
        run("cold", "values", "--cache", valuesCache.toString()); // fills the cache
        figures.add(new Figure("  with a warm compile cache",
                times(runs, "cold", "values", "--cache", valuesCache.toString()), hello));
        if (withJs) {
            if (!Files.isRegularFile(jsHello)) {
                throw new IllegalStateException("js-hello is not built: run tests/guests/build.sh --js-hello (looked for "
                        + jsHello + ")");
            }
            int jsRuns = quick ? 1 : 3;
            long[] empty = new long[jsRuns];
            Path lastFilled = null;
            for (int i = 0; i < jsRuns; i++) {
                lastFilled = temporaryDirectory();
                empty[i] = run("Hello, cold!", "js-hello", "--file", jsHello.toString(), "--cache", lastFilled.toString());
            }
            Figure emptyCache = new Figure("js-hello (12 MB), empty compile cache", empty, hello);
            figures.add(emptyCache);
            figures.add(new Figure("  warm compile cache (vs the empty one)", times(quick ? 2 : 5, "Hello, cold!",
                    "js-hello", "--file", jsHello.toString(), "--cache", lastFilled.toString()), emptyCache));
        }
        return figures;
    }

    private long[] times(int runs, String expected, String... args) {
        return timesWith(List.of(), classPath, runs, expected, args);
    }

    private long[] timesWith(List<String> jvmOptions, String childClassPath, int runs, String expected,
            String... args) {
        // one run first: the OS's file cache warm, as for every later run
        runWith(jvmOptions, childClassPath, expected, args);
        long[] millis = new long[runs];
        for (int i = 0; i < runs; i++) {
            millis[i] = runWith(jvmOptions, childClassPath, expected, args);
        }
        return millis;
    }

    private long run(String expected, String... args) {
        return runWith(List.of(), classPath, expected, args);
    }

    /** Starts a fresh JVM, waits for it to exit, checks it printed {@code expected}; its wall time in ms. */
    private long runWith(List<String> jvmOptions, String childClassPath, String expected, String... args) {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", childClassPath, ColdStartChild.class.getName()));
        command.addAll(List.of(args));
        try {
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (exit != 0 || !output.strip().equals(expected)) {
                throw new IllegalStateException("cold start " + String.join(" ", args) + " exited " + exit
                        + " printing: " + output.strip() + " (expected " + expected + ")");
            }
            return millis;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Path temporaryDirectory() {
        try {
            Path dir = Files.createTempDirectory("witbox-cold-start-cache");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind
        }
    }

    static String table(List<Figure> figures) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%ncold start (fresh JVM to the first completed call, median of n runs, ms):%n"
                        + "%-40s %10s %4s %10s %10s %8s%n", "figure", "median", "n", "range", "difference", "ratio"));
        for (Figure f : figures) {
            long min = Arrays.stream(f.millis()).min().orElseThrow();
            long max = Arrays.stream(f.millis()).max().orElseThrow();
            String against = f.baseline() == null ? String.format(Locale.ROOT, "%10s %8s", "baseline", "")
                    : String.format(Locale.ROOT, "%+10d %7.2fx", f.median() - f.baseline().median(),
                            (double) f.median() / f.baseline().median());
            out.append(String.format(Locale.ROOT, "%-40s %10d %4d %10s %s%n", f.name(), f.median(),
                    f.millis().length, min + "-" + max, against));
        }
        return out.toString();
    }
}
