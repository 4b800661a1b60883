package dev.witbox.fuzz;

import dev.witbox.api.WitboxException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The loop every fuzz target runs: first each input of its committed corpus ({@code src/test/resources/fuzz/
 * TARGET/}: seeds, and every crash ever found, kept as a regression input), then inputs generated from a seeded
 * {@link Random} until the time budget is spent. The invariant is the same for every target: the code under test
 * either returns or throws a {@link WitboxException}; anything else (a {@code NullPointerException},
 * {@code ArrayIndexOutOfBoundsException}, {@code OutOfMemoryError}, {@code StackOverflowError}, a failed
 * assertion of the target's own) is a crash. A crash's input is written to {@code target/fuzz-crashes/TARGET/}
 * and fails the test naming that file, the seed and the exception.
 *
 * <p>Budget: {@code -Dwitbox.fuzz.seconds=N} seconds per target (default 8, so the five targets take well under a
 * minute in CI); {@code -Dwitbox.fuzz.seed=S} changes the generated sequence (default 15: CI runs the same
 * inputs each time, as many as the machine gets through). Each run appends one line to
 * {@code target/fuzz-report.txt}.
 */
public final class FuzzLoop {

    /** The code under test, given one input. */
    @FunctionalInterface
    public interface Target {
        void run(byte[] input) throws Exception;
    }

    private static final Path CORPORA = Path.of("src/test/resources/fuzz");
    private static final Path CRASHES = Path.of("target/fuzz-crashes");
    /** An input slower than this counts as a hang. */
    private static final Duration SLOW = Duration.ofSeconds(10);

    private FuzzLoop() {}

    /** Seconds each target runs for. */
    public static Duration budget() {
        return Duration.ofMillis((long) (Double.parseDouble(System.getProperty("witbox.fuzz.seconds", "8")) * 1000));
    }

    /**
     * Runs {@code target} on its corpus, then on inputs {@code generator} makes from a seeded random until the
     * budget is spent; returns how many inputs ran.
     */
    public static long run(String name, Function<Random, byte[]> generator, Target target) {
        long start = System.nanoTime();
        long corpus = 0;
        for (Path file : corpus(name)) {
            check(name, read(file), target, "corpus " + file);
            corpus++;
        }
        long seed = Long.getLong("witbox.fuzz.seed", 15L);
        Random random = new Random(seed);
        long deadline = start + budget().toNanos();
        long generated = 0;
        while (System.nanoTime() < deadline) {
            byte[] input = generator.apply(random);
            check(name, input, target, "input " + generated + " of seed " + seed);
            generated++;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String line = String.format(java.util.Locale.ROOT, "%s: %d corpus + %d generated inputs in %.1f s, seed %d,"
                + " no crash%n", name, corpus, generated, seconds, seed);
        System.out.print("fuzz " + line);
        append(line);
        return corpus + generated;
    }

    private static void check(String name, byte[] input, Target target, String what) {
        long t0 = System.nanoTime();
        Throwable crash = null;
        try {
            target.run(input);
        } catch (WitboxException expected) {
            // a refusal the host can act on: what every bad input must end in
        } catch (Throwable t) {
            crash = t;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        if (crash == null && took.compareTo(SLOW) > 0) {
            crash = new AssertionError("took " + took.toMillis() + " ms (a hang?)");
        }
        if (crash != null) {
            Path saved = save(name, input);
            throw new AssertionError("fuzz target " + name + " crashed on " + what + ", saved as " + saved
                    + " (copy it to " + CORPORA.resolve(name) + "/ as a regression input once fixed): " + crash, crash);
        }
    }

    private static List<Path> corpus(String name) {
        Path dir = CORPORA.resolve(name);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return new ArrayList<>(files.filter(Files::isRegularFile).sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path save(String name, byte[] input) {
        try {
            Path dir = Files.createDirectories(CRASHES.resolve(name));
            Path file = dir.resolve("crash-" + HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(input)).substring(0, 16));
            Files.write(file, input);
            return file;
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot save a crashing input", e);
        }
    }

    private static void append(String line) {
        try {
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target/fuzz-report.txt"), line, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
