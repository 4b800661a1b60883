package dev.witbox.component;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random mutations of the fixtures never make the decoder throw anything but its own exception. */
class MutationPropertiesTest {

    private static final List<String> FIXTURES = List.of("sections.wasm", "types.wasm", "names.wasm",
            "unsupported.wasm", "values.wasm", "tiny-reactor.wasm");

    /** One edit at a relative position: 0 = overwrite, 1 = insert, 2 = delete. */
    record Edit(int kind, double where, byte value) {
    }

    record Mutation(String fixture, List<Edit> edits) {
        byte[] apply() {
            byte[] b = Fixtures.bytes(fixture);
            for (Edit e : edits) {
                if (b.length == 0) {
                    break;
                }
                int i = (int) (e.where() * (b.length - 1));
                switch (e.kind()) {
                    case 0 -> b[i] = e.value();
                    case 1 -> {
                        byte[] out = new byte[b.length + 1];
                        System.arraycopy(b, 0, out, 0, i);
                        out[i] = e.value();
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

    @Provide
    Arbitrary<Mutation> mutations() {
        Arbitrary<Edit> edit = Combinators.combine(
                Arbitraries.integers().between(0, 2),
                Arbitraries.doubles().between(0, 1),
                Arbitraries.oneOf(Arbitraries.bytes(), Arbitraries.of((byte) 0x00, (byte) 0x7f, (byte) 0x80, (byte) 0xff,
                        (byte) 0x40, (byte) 0x3f)))
                .as(Edit::new);
        return Combinators.combine(Arbitraries.of(FIXTURES), edit.list().ofMinSize(1).ofMaxSize(6)).as(Mutation::new);
    }

    @Property(tries = 1500)
    void onlyComponentDecodeExceptions(@ForAll("mutations") Mutation m) {
        byte[] bytes = m.apply();
        for (ComponentDecoder decoder : List.of(ComponentDecoder.permissive(), ComponentDecoder.strict())) {
            try {
                decoder.decode(bytes);
            } catch (ComponentDecodeException e) {
                if (e.offset() < 0 || e.offset() > bytes.length) {
                    throw new AssertionError("offset outside the input: " + e.getMessage());
                }
            }
        }
    }

    @Property(tries = 500)
    void randomBytesAfterAValidPreamble(@ForAll byte[] tail) {
        byte[] bytes = new byte[8 + tail.length];
        System.arraycopy(new byte[] {0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00}, 0, bytes, 0, 8);
        System.arraycopy(tail, 0, bytes, 8, tail.length);
        try {
            ComponentDecoder.permissive().decode(bytes);
        } catch (ComponentDecodeException expected) {
            // fine: garbage is rejected
        }
    }
}
