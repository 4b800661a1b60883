package dev.witbox.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Systematic corruption of the fixtures: truncation at every offset and byte rewrites at every offset.
 * Whatever the result, decoding must either succeed or throw {@link ComponentDecodeException} carrying an
 * offset inside the input; any other throwable is a decoder bug.
 */
class CorruptionTest {

    private static final List<String> SMALL = List.of("sections.wasm", "types.wasm", "names.wasm", "unsupported.wasm",
            "values.wasm");

    enum Corruption {
        TRUNCATE((b, i) -> java.util.Arrays.copyOf(b, i)),
        FLIP((b, i) -> set(b, i, b[i] ^ 0xff)),
        ZERO((b, i) -> set(b, i, 0x00)),
        CONTINUATION_BIT((b, i) -> set(b, i, b[i] | 0x80)),
        MAX_POSITIVE((b, i) -> set(b, i, 0x7f)),
        DELETE((b, i) -> {
            byte[] out = new byte[b.length - 1];
            System.arraycopy(b, 0, out, 0, i);
            System.arraycopy(b, i + 1, out, i, b.length - i - 1);
            return out;
        });

        final BiFunction<byte[], Integer, byte[]> apply;

        Corruption(BiFunction<byte[], Integer, byte[]> apply) {
            this.apply = apply;
        }

        private static byte[] set(byte[] b, int i, int v) {
            byte[] out = b.clone();
            out[i] = (byte) v;
            return out;
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String f : SMALL) {
            for (Corruption c : Corruption.values()) {
                out.add(Arguments.of(f, c));
            }
        }
        out.add(Arguments.of("tiny-reactor.wasm", Corruption.FLIP));
        return out.stream();
    }

    @ParameterizedTest(name = "{1} every offset of {0}")
    @MethodSource("cases")
    void onlyDecodeExceptionsWithAnOffset(String fixture, Corruption corruption) {
        byte[] original = Fixtures.bytes(fixture);
        List<int[]> skip = coreModuleInteriors(fixture);
        int rejected = 0;
        for (int i = 0; i < original.length; i++) {
            if (inside(skip, i)) {
                continue; // opaque core module bytes: Chicory's concern, and expensive to sweep
            }
            byte[] corrupted = corruption.apply.apply(original, i);
            // the strict decoder only adds a final check; sweeping the large fixture once keeps the suite fast
            List<ComponentDecoder> decoders = skip.isEmpty()
                    ? List.of(ComponentDecoder.permissive(), ComponentDecoder.strict())
                    : List.of(ComponentDecoder.permissive());
            for (ComponentDecoder decoder : decoders) {
                try {
                    decoder.decode(corrupted);
                } catch (ComponentDecodeException e) {
                    rejected++;
                    assertThat(e.offset()).as("offset of %s at %d: %s", corruption, i, e.getMessage())
                            .isBetween(0L, (long) corrupted.length);
                    assertThat(e.getMessage()).contains("at offset 0x" + Long.toHexString(e.offset()));
                } catch (Throwable t) {
                    throw new AssertionError(corruption + " at offset " + i + " of " + fixture + " threw " + t, t);
                }
            }
        }
        assertThat(rejected).isPositive();
    }

    private static List<int[]> coreModuleInteriors(String fixture) {
        List<int[]> out = new ArrayList<>();
        if (fixture.startsWith("tiny")) {
            Component c = Fixtures.permissive(fixture);
            for (CoreModule m : c.coreModules()) {
                out.add(new int[] {m.offset() + 16, m.offset() + m.size()});
            }
            for (Section.Custom cs : c.customSections()) {
                out.add(new int[] {cs.offset() + 32, cs.offset() + cs.size()});
            }
        }
        return out;
    }

    private static boolean inside(List<int[]> ranges, int i) {
        for (int[] r : ranges) {
            if (i >= r[0] && i < r[1]) {
                return true;
            }
        }
        return false;
    }
}
