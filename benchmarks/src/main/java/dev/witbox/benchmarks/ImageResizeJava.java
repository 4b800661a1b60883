package dev.witbox.benchmarks;

/**
 * The image-resize guest's algorithm ({@code tests/guests/image-resize/resize.c}) in plain Java: bilinear
 * scaling of RGBA in 8-bit fixed point, pixel centres aligned. The same arithmetic, so it gives the same
 * bytes as the guest: the physical limit the pooled plugin is compared with.
 */
final class ImageResizeJava {

    private ImageResizeJava() {}

    static byte[] resize(byte[] rgba, int width, int height, int newWidth, int newHeight) {
        if (width <= 0 || height <= 0 || newWidth <= 0 || newHeight <= 0 || rgba.length != width * height * 4) {
            throw new IllegalArgumentException("not a " + width + "x" + height + " RGBA image: " + rgba.length + " bytes");
        }
        byte[] out = new byte[newWidth * newHeight * 4];
        for (int y = 0; y < newHeight; y++) {
            int fy = sourcePosition(y, height, newHeight);
            int y0 = Math.min(fy >> 8, height - 1);
            int wy = fy & 255;
            int y1 = Math.min(y0 + 1, height - 1);
            int row0 = y0 * width * 4;
            int row1 = y1 * width * 4;
            for (int x = 0; x < newWidth; x++) {
                int fx = sourcePosition(x, width, newWidth);
                int x0 = Math.min(fx >> 8, width - 1);
                int wx = fx & 255;
                int x1 = Math.min(x0 + 1, width - 1);
                int o = (y * newWidth + x) * 4;
                for (int c = 0; c < 4; c++) {
                    int top = (rgba[row0 + x0 * 4 + c] & 0xff) * (256 - wx) + (rgba[row0 + x1 * 4 + c] & 0xff) * wx;
                    int bottom = (rgba[row1 + x0 * 4 + c] & 0xff) * (256 - wx) + (rgba[row1 + x1 * 4 + c] & 0xff) * wx;
                    out[o + c] = (byte) ((top * (256 - wy) + bottom * wy + 32768) >>> 16);
                }
            }
        }
        return out;
    }

    /** Where destination index i falls in the source, in 1/256 units, clamped at 0 (as the guest computes it). */
    private static int sourcePosition(int i, int source, int destination) {
        long p = ((long) (2 * i + 1) * source * 256) / (2L * destination) - 128;
        return p < 0 ? 0 : (int) p;
    }
}
