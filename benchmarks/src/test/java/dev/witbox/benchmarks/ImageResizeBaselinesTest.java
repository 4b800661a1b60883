package dev.witbox.benchmarks;

import static dev.witbox.benchmarks.TestImage.HEIGHT;
import static dev.witbox.benchmarks.TestImage.NEW_HEIGHT;
import static dev.witbox.benchmarks.TestImage.NEW_WIDTH;
import static dev.witbox.benchmarks.TestImage.WIDTH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witbox.api.value.WitValue;
import dev.witbox.runtime.PluginPool;
import dev.witbox.runtime.WitboxEngine;
import org.junit.jupiter.api.Test;

/** The three sides of the image-resize scenario compute the same thing, so their speeds compare. */
class ImageResizeBaselinesTest {

    private static final byte[] IMAGE = TestImage.rgba();

    @Test
    void pluginThroughPoolGivesTheSameBytesAsPlainJava() {
        byte[] java = ImageResizeJava.resize(IMAGE, WIDTH, HEIGHT, NEW_WIDTH, NEW_HEIGHT);
        try (PluginPool pool = WitboxEngine.create().load("image-resize", Guests.bytes("image-resize.wasm")).pool()) {
            WitValue result = pool.call("resize", new WitValue.Bytes(IMAGE), new WitValue.U32(WIDTH),
                    new WitValue.U32(HEIGHT), new WitValue.U32(NEW_WIDTH), new WitValue.U32(NEW_HEIGHT));
            assertThat(((WitValue.Bytes) result).value()).isEqualTo(java);
        }
        assertThat(java).hasSize(NEW_WIDTH * NEW_HEIGHT * 4);
    }

    @Test
    void naiveHostGivesTheSameBytesAsPlainJava() {
        assertThat(new NaiveHost().resize(IMAGE, WIDTH, HEIGHT, NEW_WIDTH, NEW_HEIGHT))
                .isEqualTo(ImageResizeJava.resize(IMAGE, WIDTH, HEIGHT, NEW_WIDTH, NEW_HEIGHT));
    }

    @Test
    void plainJavaScalesAGradientBilinearly() {
        // one row of 2 pixels, black to white, stretched to 4: the outer pixels clamp, the inner interpolate
        byte[] row = {0, 0, 0, (byte) 255, (byte) 255, (byte) 255, (byte) 255, (byte) 255};
        assertThat(ImageResizeJava.resize(row, 2, 1, 4, 1)).containsExactly(
                0, 0, 0, 255, 64, 64, 64, 255, 191, 191, 191, 255, 255, 255, 255, 255);
    }

    @Test
    void plainJavaRefusesAListThatIsNotTheImage() {
        assertThatThrownBy(() -> ImageResizeJava.resize(new byte[3], 1, 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1x1");
    }
}
