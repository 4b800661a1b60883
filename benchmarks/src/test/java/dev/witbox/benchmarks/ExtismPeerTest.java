package dev.witbox.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The peer plugin (greet written by hand to Extism's plugin ABI) answers like add-greet through Extism's
 * SDK: names shorter and longer than the 8-byte words it copies, and multi-byte UTF-8.
 */
class ExtismPeerTest {

    private static final org.extism.sdk.chicory.Plugin PLUGIN = PooledCallBenchmark.extismGreet();

    @ParameterizedTest
    @ValueSource(strings = {"", "Java", "a name of more than eight bytes", "wörld 😀"})
    void greetsLikeAddGreet(String name) {
        byte[] output = PLUGIN.call("greet", name.getBytes(StandardCharsets.UTF_8));
        assertThat(new String(output, StandardCharsets.UTF_8)).isEqualTo("Hello, " + name + "!");
    }
}
