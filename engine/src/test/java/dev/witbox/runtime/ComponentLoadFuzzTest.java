package dev.witbox.runtime;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Test;

/**
 * Fuzz target of the component decoder and the instantiation plan: mutations (bit flips, interesting bytes,
 * truncations, spliced runs) of the real guests under {@code tests/guests/out/}, decoded permissively and strictly,
 * their world derived, and loaded by the engine (planned, and every core module parsed and rewritten for the
 * call-depth limit; interpreted, so nothing is compiled). Invariant: a {@code WitboxException} or a plugin. See
 * {@link FuzzLoop}.
 */
class ComponentLoadFuzzTest {

    private static final WitboxEngine ENGINE = WitboxEngine.builder().interpreted(true).build();
    private static final byte[] INTERESTING = {0x00, 0x01, 0x7f, (byte) 0x80, (byte) 0xff, 0x40, 0x3f, 0x60, 0x0b};

    @Test
    void mutatedComponentsNeverCrashDecodingOrPlanning() {
        List<byte[]> seeds = seeds();
        long inputs = FuzzLoop.run("component", random -> mutate(seeds.get(random.nextInt(seeds.size())), random),
                input -> {
                    WasmBinary binary = ComponentDecoder.permissive().decode(input);
                    if (binary instanceof Component component) {
                        ComponentWorld.of(component);
                    }
                    ENGINE.load("fuzz", input);
                });
        assertThat(inputs).isPositive();
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
        try (Stream<Path> files = Files.walk(Guests.OUT)) {
            return files.filter(p -> p.toString().endsWith(".wasm") && !p.toString().endsWith(".p1.wasm")).sorted()
                    .map(ComponentLoadFuzzTest::read).toList();
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
