package dev.witbox.wave;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.witbox.abi.ValueType;
import dev.witbox.api.value.WitValue;
import dev.witbox.fuzz.FuzzLoop;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Fuzz target of WAVE: an input is a type (its first 8 bytes seed {@link RandomValues}) and a text (the rest):
 * printed random values, mutated, and soups of WAVE's tokens. Invariant: a {@link WaveException}, or a value that
 * prints to text which parses back to the same value and prints the same again. See {@link FuzzLoop}: generated
 * inputs in {@link #waveTextNeverCrashesAndRoundTrips}, Jazzer in {@link #coverageGuided}.
 */
class WaveFuzzTest {

    private static final String[] SOUP = {"[", "]", "(", ")", "{", "}", ",", ":", "'", "\"", "\\", "\\u{", "some",
        "none", "ok", "err", "true", "false", "inf", "-inf", "nan", "%", "-", "0", "1", "-1", "1.5", "1e9",
        "4294967296", "a", "x-y", "\\n", "\\'", "\uD83D\uDE00", "\u0000", " ", "é", "\\u{110000}", "\\u{d800}"};

    @Test
    void waveTextNeverCrashesAndRoundTrips() {
        long inputs = FuzzLoop.run("wave", WaveFuzzTest::generate, WaveFuzzTest::target);
        assertThat(inputs).isPositive();
    }

    @FuzzTest(maxDuration = "5m")
    void coverageGuided(byte[] input) throws Exception {
        FuzzLoop.invariant(WaveFuzzTest::target, input);
    }

    private static void target(byte[] input) {
        ByteBuffer in = ByteBuffer.wrap(input);
        long seed = input.length >= 8 ? in.getLong() : 0;
        String text = new String(input, Math.min(8, input.length), Math.max(0, input.length - 8),
                StandardCharsets.UTF_8);
        ValueType type = new RandomValues(seed).type(3);
        WitValue value = Wave.parse(text, type);
        String print = Wave.print(value, type);
        WitValue again = Wave.parse(print, type);
        assertThat(Wave.print(again, type)).as("print of %s", text).isEqualTo(print);
    }

    private static byte[] generate(Random random) {
        long seed = random.nextLong();
        String text;
        if (random.nextInt(3) == 0) {
            StringBuilder sb = new StringBuilder();
            for (int i = random.nextInt(30); i > 0; i--) {
                sb.append(SOUP[random.nextInt(SOUP.length)]);
            }
            text = sb.toString();
        } else {
            RandomValues values = new RandomValues(seed);
            ValueType type = values.type(3);
            text = Wave.print(values.value(type), type);
            char[] chars = text.toCharArray();
            for (int edits = random.nextInt(3); edits > 0 && chars.length > 0; edits--) {
                int at = random.nextInt(chars.length);
                String token = SOUP[random.nextInt(SOUP.length)];
                text = new String(chars, 0, at) + (random.nextBoolean() ? token : "") + new String(chars, at + 1,
                        chars.length - at - 1);
                chars = text.toCharArray();
            }
        }
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] input = Arrays.copyOf(ByteBuffer.allocate(8).putLong(seed).array(), 8 + body.length);
        System.arraycopy(body, 0, input, 8, body.length);
        return input;
    }
}
