package dev.witbox.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.witbox.component.Component;
import dev.witbox.component.ComponentDecoder;
import dev.witbox.component.ComponentWorld;
import dev.witbox.component.WasmBinary;
import dev.witbox.fuzz.FuzzLoop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzz target of the component decoder and the instantiation plan: mutations (bit flips, interesting bytes,
 * truncations, spliced runs) of the real guests under {@code tests/guests/out/}, decoded permissively and strictly,
 * their world derived, and loaded by the engine (planned, and every core module parsed and rewritten for the
 * call-depth limit; interpreted, so nothing is compiled). Invariant: a {@code WitboxException} or a plugin. See
 * {@link FuzzLoop}: generated mutations in {@link #mutatedComponentsNeverCrashDecodingOrPlanning}, Jazzer in
 * {@link #coverageGuided}, whose seeds are the small real guests (libFuzzer mutates them further).
 */
class ComponentLoadFuzzTest {

    private static final WitboxEngine ENGINE = WitboxEngine.builder().interpreted(true).build();
    /** Guests up to this size seed Jazzer: libFuzzer's mutations of a 180 KB component are too slow to pay. */
    private static final long JAZZER_SEED_MAX_BYTES = 20_000;
    private static final byte[] INTERESTING = {0x00, 0x01, 0x7f, (byte) 0x80, (byte) 0xff, 0x40, 0x3f, 0x60, 0x0b};

    @Test
    void mutatedComponentsNeverCrashDecodingOrPlanning() {
        List<byte[]> seeds = seeds();
        long inputs = FuzzLoop.run("component", random -> mutate(seeds.get(random.nextInt(seeds.size())), random),
                ComponentLoadFuzzTest::target);
        assertThat(inputs).isPositive();
    }

    @MethodSource("smallGuests")
    @FuzzTest(maxDuration = "5m")
    void coverageGuided(byte[] input) throws Exception {
        FuzzLoop.invariant(ComponentLoadFuzzTest::target, input);
    }

    private static void target(byte[] input) {
        WasmBinary binary = ComponentDecoder.permissive().decode(input);
        if (binary instanceof Component component) {
            ComponentWorld.of(component);
        }
        ENGINE.load("fuzz", input);
    }

    static Stream<Arguments> smallGuests() {
        return guestFiles().stream().filter(p -> size(p) <= JAZZER_SEED_MAX_BYTES)
                .map(p -> Arguments.of(Named.of(Guests.OUT.relativize(p).toString(), read(p))));
    }

    static byte[] mutate(byte[] seed, Random random) {
        byte[] b = seed.clone();
        int edits = 1 + random.nextInt(8);
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(5)) {
                case 0 -> b[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> b[at] = INTERESTING[random.nextInt(INTERESTING.length)];
                case 2 -> b[at] = (byte) random.nextInt(256);
                case 3 -> { // copy a run of bytes elsewhere (sizes and counts meet other sections' bytes)
                    int len = 1 + random.nextInt(Math.min(64, b.length - at));
                    int to = random.nextInt(b.length - len + 1);
                    System.arraycopy(b.clone(), at, b, to, len);
                }
                default -> b = Arrays.copyOf(b, Math.max(8, at));
            }
        }
        return b;
    }

    private static List<byte[]> seeds() {
        return guestFiles().stream().map(ComponentLoadFuzzTest::read).toList();
    }

    private static List<Path> guestFiles() {
        try (Stream<Path> files = Files.walk(Guests.OUT)) {
            return files.filter(p -> p.toString().endsWith(".wasm") && !p.toString().endsWith(".p1.wasm")).sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
