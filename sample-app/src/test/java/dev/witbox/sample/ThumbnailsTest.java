package dev.witbox.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** {@code POST /api/thumbnails}: real images in, thumbnails out, checked against java.awt's own scaling. */
class ThumbnailsTest extends GalleryServer {

    @ParameterizedTest(name = "{0} at {1}")
    @CsvSource({
        "harbour-at-dusk.png, 256",
        "harbour-at-dusk.jpg, 256",
        "harbour-at-dusk.gif, 128",
        "harbour-at-dusk.bmp, 100",
        "translucent-disc.png, 64",
        "tall-stripe.png, 120",
    })
    void aThumbnailFitsTheBoxKeepsTheRatioAndLooksLikeTheImage(String file, int size) {
        byte[] original = image(file);
        BufferedImage source = decode(original);

        Reply reply = postFile("/api/thumbnails?size=" + size, file, original);

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        assertThat(reply.contentType()).isEqualTo("image/png");
        BufferedImage thumbnail = decode(reply.body());
        int[] expected = References.fitted(source.getWidth(), source.getHeight(), size);
        assertThat(new int[] {thumbnail.getWidth(), thumbnail.getHeight()}).containsExactly(expected);
        assertThat(reply.header("X-Image-Width")).isEqualTo(expected[0]);
        assertThat(reply.header("X-Image-Height")).isEqualTo(expected[1]);
        // stb_image_resize (Mitchell filter) against java.awt's area averaging: close, not equal
        BufferedImage reference = References.scaled(source, expected[0], expected[1]);
        assertThat(References.meanDifference(thumbnail, reference, 2)).isLessThan(6.0);
    }

    @Test
    void aJpegThumbnailIsAJpeg() {
        byte[] original = image("harbour-at-dusk.png");

        Reply reply = postFile("/api/thumbnails?size=160&format=jpeg", "harbour-at-dusk.png", original);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).isEqualTo("image/jpeg");
        assertThat(reply.body()).startsWith((byte) 0xFF, (byte) 0xD8, (byte) 0xFF);
        BufferedImage thumbnail = decode(reply.body());
        assertThat(thumbnail.getWidth()).isEqualTo(160);
        assertThat(thumbnail.getHeight()).isEqualTo(120);
        BufferedImage reference = References.scaled(decode(original), 160, 120);
        assertThat(References.meanDifference(thumbnail, reference, 2)).isLessThan(8.0);
    }

    @Test
    void anImageSmallerThanTheBoxKeepsItsSize() {
        Reply reply = postFile("/api/thumbnails?size=1000", "harbour-at-dusk.png", image("harbour-at-dusk.png"));

        assertThat(reply.status()).isEqualTo(200);
        BufferedImage thumbnail = decode(reply.body());
        assertThat(thumbnail.getWidth()).isEqualTo(320);
        assertThat(thumbnail.getHeight()).isEqualTo(240);
        assertThat(References.maxDifference(thumbnail, decode(image("harbour-at-dusk.png")), 0)).isZero();
    }

    @Test
    void aBadSizeOrFormatIsABadRequest() {
        Reply zero = postFile("/api/thumbnails?size=0", "a.png", image("harbour-at-dusk.png"));
        Reply webp = postFile("/api/thumbnails?format=webp", "a.png", image("harbour-at-dusk.png"));

        assertThat(zero.status()).isEqualTo(400);
        assertThat(jsonOf(zero).get("detail").asString()).isEqualTo("size 0 is not between 1 and 4096");
        assertThat(webp.status()).isEqualTo(400);
        assertThat(jsonOf(webp).get("detail").asString()).isEqualTo("format 'webp' is not png or jpeg");
    }
}
