package dev.witbox.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each binary in {@code components/invalid/} breaks exactly one validation rule; its {@code .wat} source
 * states the expected message in an {@code ;; expect:} line. Both decoders must reject it with that message.
 */
class InvalidFixturesTest {

    static Stream<String> fixtures() throws IOException {
        List<String> names = new ArrayList<>();
        try (InputStream in = InvalidFixturesTest.class.getResourceAsStream("/components/invalid/")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.endsWith(".wat")) {
                    names.add(line.substring(0, line.length() - 4));
                }
            }
        }
        assertThat(names).hasSizeGreaterThan(40);
        return names.stream().sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void rejectedWithTheExpectedMessage(String name) throws IOException {
        String wat = new String(Fixtures.bytes("invalid/" + name + ".wat"), StandardCharsets.UTF_8);
        String expect = wat.lines().filter(l -> l.startsWith(";; expect: ")).findFirst().orElseThrow()
                .substring(";; expect: ".length());
        byte[] wasm = Fixtures.bytes("invalid/" + name + ".wasm");
        for (ComponentDecoder decoder : List.of(ComponentDecoder.permissive(), ComponentDecoder.strict())) {
            assertThatThrownBy(() -> decoder.decode(wasm))
                    .isInstanceOf(ComponentDecodeException.class)
                    .hasMessageContaining(expect)
                    .hasMessageMatching("(?s).* at offset 0x[0-9a-f]+ \\(\\d+\\): .*")
                    .satisfies(e -> assertThat(((ComponentDecodeException) e).offset()).isBetween(8L, (long) wasm.length));
        }
    }
}
