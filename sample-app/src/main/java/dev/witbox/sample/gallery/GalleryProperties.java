package dev.witbox.sample.gallery;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The gallery's own settings ({@code gallery.*} in application.yml); the plugins' limits and
 * capabilities are under {@code witbox.plugins.*}.
 *
 * @param uploadDir    where uploads are kept; the thumbnailer sees it, read-only, as {@code /uploads}
 * @param maxPixels    images with more pixels are refused from their header, before decoding
 * @param maxEditSize  the box an image is scaled into before filters run on its pixels
 * @param jpegQuality  JPEG quality of thumbnails asked for as JPEG
 */
@ConfigurationProperties("gallery")
public record GalleryProperties(Path uploadDir, long maxPixels, int maxEditSize, int jpegQuality) {

    public GalleryProperties {
        if (uploadDir == null) {
            uploadDir = Path.of(System.getProperty("java.io.tmpdir"), "witbox-gallery", "uploads");
        }
        if (maxPixels <= 0) {
            maxPixels = 24_000_000;
        }
        if (maxEditSize <= 0) {
            maxEditSize = 1024;
        }
        if (jpegQuality <= 0) {
            jpegQuality = 85;
        }
    }
}
