package dev.witbox.wit;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.witbox.fuzz.FuzzLoop;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Fuzz target of the WIT front end: text → parse → resolve → print. Inputs are generated packages (every type kind,
 * uses, worlds, gates), small mutations of them, token soups and raw bytes. Invariant: a {@link WitException} with
 * diagnostics, or a model whose printed WIT parses back to the same print. See {@link FuzzLoop}: generated inputs in
 * {@link #witTextNeverCrashesTheFrontEndAndPrintsRoundTrip}, Jazzer in {@link #coverageGuided}.
 */
class WitFrontEndFuzzTest {

    private static final WitOptions OPTIONS = WitOptions.defaults().withAllFeatures();

    @Test
    void witTextNeverCrashesTheFrontEndAndPrintsRoundTrip() {
        long inputs = FuzzLoop.run("wit", WitFrontEndFuzzTest::generate, WitFrontEndFuzzTest::target);
        assertThat(inputs).isPositive();
    }

    @FuzzTest(maxDuration = "5m")
    void coverageGuided(byte[] input) throws Exception {
        FuzzLoop.invariant(WitFrontEndFuzzTest::target, input);
    }

    private static void target(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        Resolve resolve;
        try {
            resolve = Wit.parse("fuzz.wit", text, OPTIONS);
        } catch (WitException e) {
            assertThat(e.diagnostics()).as("diagnostics of a refusal").isNotEmpty();
            return;
        }
        String print = WitPrinter.print(resolve);
        String reprint = WitPrinter.print(Wit.parse("print.wit", print, OPTIONS));
        assertThat(reprint).as("printed WIT parses back to the same model").isEqualTo(print);
    }

    private static byte[] generate(Random random) {
        String text;
        switch (random.nextInt(4)) {
            case 0, 1 -> {
                text = WitRoundTripProperties.pkg(random.nextLong())
                        .render(new WitRoundTripProperties.Style(random.nextBoolean(), random));
                for (int edits = random.nextInt(4); edits > 0; edits--) {
                    text = WitRoundTripProperties.Mutation.random(random).apply(text);
                }
            }
            case 2 -> text = WitRoundTripProperties.tokenSoup(random);
            default -> {
                byte[] bytes = new byte[random.nextInt(400)];
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = random.nextInt(8) == 0 ? (byte) random.nextInt(256) : (byte) (32 + random.nextInt(95));
                }
                return bytes;
            }
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
