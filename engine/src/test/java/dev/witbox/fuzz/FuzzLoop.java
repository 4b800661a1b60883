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
import java.util.HexFormat;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The two ways every fuzz target runs, and the invariant they share ({@link #invariant}): the code under test either
 * returns or throws a {@link WitboxException}; anything else (a {@code NullPointerException},
 * {@code ArrayIndexOutOfBoundsException}, {@code OutOfMemoryError}, {@code StackOverflowError}, a failed assertion
 * of the target's own, an input taking more than 10 s) is a crash.
 *
 * <ul>
 *   <li>{@link #run}: inputs made by the target's own generator from a seeded {@link Random} until the time budget
 *       is spent (structure-aware: generated WIT packages, printed values, mutated real components). A crash's
 *       input is written to {@code target/fuzz-crashes/TARGET/} and fails the test naming that file, the seed and
 *       the exception.
 *   <li>Jazzer: each target's {@code @FuzzTest} method passes its {@code byte[]} to {@link #invariant}. In a normal
 *       build it replays the committed inputs under {@code src/test/resources/PACKAGE/CLASSInputs/} (seeds, and
 *       every crash ever found, kept as a regression input); with {@code JAZZER_FUZZ=1} it fuzzes, guided by
 *       coverage, and writes what crashes into that folder (docs/RELIABILITY.md).
 * </ul>
 *
 * <p>Budget of {@link #run}: {@code -Dwitbox.fuzz.seconds=N} seconds per target (default 6, so the five targets take
 * well under a minute in CI); {@code -Dwitbox.fuzz.seed=S} changes the generated sequence (default 15: CI runs the
 * same inputs each time, as many as the machine gets through). Each run appends one line to
 * {@code target/fuzz-report.txt}.
 */
public final class FuzzLoop {

    /** The code under test, given one input. */
    @FunctionalInterface
    public interface Target {
        void run(byte[] input) throws Exception;
    }

    private static final Path CRASHES = Path.of("target/fuzz-crashes");
    /** An input slower than this counts as a hang. */
    private static final Duration SLOW = Duration.ofSeconds(10);
    /** Targets (by their lambda's class, one per call site) that have run an input in this JVM. */
    private static final Set<Class<?>> WARMED = ConcurrentHashMap.newKeySet();

    private FuzzLoop() {}

    /** Seconds each target runs for. */
    public static Duration budget() {
        return Duration.ofMillis((long) (Double.parseDouble(System.getProperty("witbox.fuzz.seconds", "6")) * 1000));
    }

    /**
     * The invariant of every target: {@code target} returns or throws a {@link WitboxException} (a refusal the host
     * can act on) within 10 s; any other throwable propagates, and a slow input fails as a hang. A target's first
     * input in a JVM is not timed: it pays for loading (and, when Jazzer fuzzes, instrumenting) every class the
     * target reaches, which took more than 10 s on the shared machine with Chicory instrumented.
     */
    public static void invariant(Target target, byte[] input) throws Exception {
        boolean first = WARMED.add(target.getClass());
        long t0 = System.nanoTime();
        try {
            target.run(input);
        } catch (WitboxException refusal) {
            // what every bad input must end in
        }
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        if (!first && took.compareTo(SLOW) > 0) {
            throw new AssertionError("took " + took.toMillis() + " ms (a hang?)");
        }
    }

    /** Runs {@code target} on inputs {@code generator} makes from a seeded random until the budget is spent; returns how many ran. */
    public static long run(String name, Function<Random, byte[]> generator, Target target) {
        long start = System.nanoTime();
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
        String line = String.format(java.util.Locale.ROOT, "%s: %d generated inputs in %.1f s, seed %d, no crash%n",
                name, generated, seconds, seed);
        System.out.print("fuzz " + line);
        append(line);
        return generated;
    }

    private static void check(String name, byte[] input, Target target, String what) {
        Throwable crash = null;
        try {
            invariant(target, input);
        } catch (Throwable t) {
            crash = t;
        }
        if (crash != null) {
            Path saved = save(name, input);
            throw new AssertionError("fuzz target " + name + " crashed on " + what + ", saved as " + saved
                    + " (once fixed, copy it to the target's src/test/resources/.../CLASSInputs/ folder, which every"
                    + " build replays): " + crash, crash);
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
