package dev.witbox.benchmarks;

import java.util.SplittableRandom;

/** The image of the image-resize scenario: 1920×1080 RGBA (about 8 MB), scaled to 256×144. */
final class TestImage {

    static final int WIDTH = 1920;
    static final int HEIGHT = 1080;
    static final int NEW_WIDTH = 256;
    static final int NEW_HEIGHT = 144;

    private TestImage() {}

    /** Gradients with some noise, the same for every run (seeded): an image, not a constant block. */
    static byte[] rgba() {
        SplittableRandom random = new SplittableRandom(20261124);
        byte[] pixels = new byte[WIDTH * HEIGHT * 4];
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                int i = (y * WIDTH + x) * 4;
                pixels[i] = (byte) (x * 255 / WIDTH + random.nextInt(16));
                pixels[i + 1] = (byte) (y * 255 / HEIGHT + random.nextInt(16));
                pixels[i + 2] = (byte) ((x + y) & 0xff);
                pixels[i + 3] = (byte) 255;
            }
        }
        return pixels;
    }
}
