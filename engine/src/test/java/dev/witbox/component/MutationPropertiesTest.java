package dev.witbox.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random mutations of the fixtures never make the decoder throw anything but its own exception.
 *
 * <p>Each case is generated from its seed, so a failure names the seed that reproduces it. The
 * seeds are fixed: the suite is deterministic, and a failing seed stays failing until fixed.
 */
class MutationPropertiesTest {

    private static final List<String> FIXTURES = List.of("sections.wasm", "types.wasm", "names.wasm",
            "unsupported.wasm", "values.wasm", "tiny-reactor.wasm");

    /** Bytes that sit on LEB128 and opcode boundaries, where decoders tend to go wrong. */
    private static final byte[] INTERESTING = {0x00, 0x7f, (byte) 0x80, (byte) 0xff, 0x40, 0x3f};

    static LongStream mutationSeeds() {
        return LongStream.range(0, 1500);
    }

    static LongStream tailSeeds() {
        return LongStream.range(0, 500);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("mutationSeeds")
    void mutatedFixturesOnlyEverRaiseComponentDecodeExceptions(long seed) {
        byte[] bytes = mutate(seed);
        for (ComponentDecoder decoder : List.of(ComponentDecoder.permissive(), ComponentDecoder.strict())) {
            try {
                decoder.decode(bytes);
            } catch (ComponentDecodeException e) {
                assertThat(e.offset()).as("offset of: %s", e.getMessage()).isBetween(0L, (long) bytes.length);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("tailSeeds")
    void randomBytesAfterAValidPreambleOnlyEverRaiseComponentDecodeExceptions(long seed) {
        Random random = new Random(seed);
        byte[] tail = new byte[random.nextInt(64)];
        random.nextBytes(tail);
        byte[] bytes = new byte[8 + tail.length];
        System.arraycopy(new byte[] {0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00}, 0, bytes, 0, 8);
        System.arraycopy(tail, 0, bytes, 8, tail.length);
        try {
            ComponentDecoder.permissive().decode(bytes);
        } catch (ComponentDecodeException expected) {
            // garbage is rejected, with the decoder's own exception
        }
    }

    /** One to six edits (overwrite, insert or delete a byte) at random places of a random fixture. */
    private static byte[] mutate(long seed) {
        Random random = new Random(seed);
        byte[] b = Fixtures.bytes(FIXTURES.get(random.nextInt(FIXTURES.size())));
        int edits = 1 + random.nextInt(6);
        for (int e = 0; e < edits && b.length > 0; e++) {
            int i = random.nextInt(b.length);
            byte value = random.nextBoolean()
                    ? INTERESTING[random.nextInt(INTERESTING.length)]
                    : (byte) random.nextInt(256);
            switch (random.nextInt(3)) {
                case 0 -> b[i] = value;
                case 1 -> {
                    byte[] out = new byte[b.length + 1];
                    System.arraycopy(b, 0, out, 0, i);
                    out[i] = value;
                    System.arraycopy(b, i, out, i + 1, b.length - i);
                    b = out;
                }
                default -> {
                    byte[] out = new byte[b.length - 1];
                    System.arraycopy(b, 0, out, 0, i);
                    System.arraycopy(b, i + 1, out, i, b.length - i - 1);
                    b = out;
                }
            }
        }
        return b;
    }
}
