package dev.witbox.sample;

import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * What the plugins' output is compared with, computed here independently with java.awt: the box rule,
 * a reference scaling, the filters' formulas, and the distance between two images.
 */
final class References {

    private References() {}

    /** The size a {@code box} x {@code box} thumbnail of a w x h image has: fit, keep the ratio, never enlarge. */
    static int[] fitted(int w, int h, int box) {
        if (w <= box && h <= box) {
            return new int[] {w, h};
        }
        double scale = Math.min((double) box / w, (double) box / h);
        return new int[] {Math.max(1, (int) Math.round(w * scale)), Math.max(1, (int) Math.round(h * scale))};
    }

    /** java.awt's area-averaging scale of {@code source}, as RGB. */
    static BufferedImage scaled(BufferedImage source, int w, int h) {
        Image scaled = source.getScaledInstance(w, h, Image.SCALE_AREA_AVERAGING);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(scaled, 0, 0, null);
        g.dispose();
        return out;
    }

    /** The mean absolute difference of the R, G and B channels (0..255) over the pixels not within {@code margin} of an edge. */
    static double meanDifference(BufferedImage a, BufferedImage b, int margin) {
        long sum = 0;
        long n = 0;
        for (int y = margin; y < a.getHeight() - margin; y++) {
            for (int x = margin; x < a.getWidth() - margin; x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    sum += Math.abs(((p >> shift) & 0xff) - ((q >> shift) & 0xff));
                    n++;
                }
            }
        }
        return (double) sum / n;
    }

    /** The largest difference of any R, G, B channel over the pixels not within {@code margin} of an edge. */
    static int maxDifference(BufferedImage a, BufferedImage b, int margin) {
        int max = 0;
        for (int y = margin; y < a.getHeight() - margin; y++) {
            for (int x = margin; x < a.getWidth() - margin; x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    max = Math.max(max, Math.abs(((p >> shift) & 0xff) - ((q >> shift) & 0xff)));
                }
            }
        }
        return max;
    }

    /** One filter of the WIT's {@code filter} enum, as its documentation defines it, pixel by pixel. */
    static BufferedImage filtered(BufferedImage source, String filter) {
        int w = source.getWidth();
        int h = source.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = source.getRGB(x, y);
                int r = (p >> 16) & 0xff;
                int g = (p >> 8) & 0xff;
                int b = p & 0xff;
                int[] rgb = switch (filter) {
                    case "grayscale" -> {
                        int v = (int) Math.round(0.299 * r + 0.587 * g + 0.114 * b);
                        yield new int[] {v, v, v};
                    }
                    case "sepia" -> new int[] {
                        clamp(0.393 * r + 0.769 * g + 0.189 * b),
                        clamp(0.349 * r + 0.686 * g + 0.168 * b),
                        clamp(0.272 * r + 0.534 * g + 0.131 * b)};
                    case "blur" -> convolve(source, x, y, new double[] {1, 2, 1, 2, 4, 2, 1, 2, 1}, 16);
                    case "sharpen" -> convolve(source, x, y, new double[] {0, -1, 0, -1, 5, -1, 0, -1, 0}, 1);
                    default -> throw new IllegalArgumentException(filter);
                };
                out.setRGB(x, y, (p & 0xff000000) | rgb[0] << 16 | rgb[1] << 8 | rgb[2]);
            }
        }
        return out;
    }

    private static int[] convolve(BufferedImage src, int x, int y, double[] kernel, double divisor) {
        int[] out = new int[3];
        for (int c = 0; c < 3; c++) {
            double acc = 0;
            for (int ky = -1; ky <= 1; ky++) {
                for (int kx = -1; kx <= 1; kx++) {
                    int sx = Math.min(Math.max(x + kx, 0), src.getWidth() - 1);
                    int sy = Math.min(Math.max(y + ky, 0), src.getHeight() - 1);
                    int v = (src.getRGB(sx, sy) >> (16 - 8 * c)) & 0xff;
                    acc += kernel[(ky + 1) * 3 + kx + 1] * v;
                }
            }
            out[c] = clamp(acc / divisor);
        }
        return out;
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}
