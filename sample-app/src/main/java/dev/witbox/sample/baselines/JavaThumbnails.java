package dev.witbox.sample.baselines;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * Baseline (b) of the benchmark: what the gallery would do without plugins, in plain Java. javax.imageio
 * decodes, java.awt scales (bilinear, one step), javax.imageio encodes PNG. Same box rule as the thumbnailer.
 */
final class JavaThumbnails {

    byte[] thumbnail(byte[] data, int box) throws IOException {
        BufferedImage source = ImageIO.read(new ByteArrayInputStream(data));
        if (source == null) {
            throw new IllegalArgumentException("not an image javax.imageio reads");
        }
        int w = source.getWidth();
        int h = source.getHeight();
        int tw = w;
        int th = h;
        if (w > box || h > box) {
            double scale = Math.min((double) box / w, (double) box / h);
            tw = Math.max(1, (int) Math.round(w * scale));
            th = Math.max(1, (int) Math.round(h * scale));
        }
        BufferedImage out = new BufferedImage(tw, th, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(source, 0, 0, tw, th, null);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(out, "png", png);
        return png.toByteArray();
    }
}
