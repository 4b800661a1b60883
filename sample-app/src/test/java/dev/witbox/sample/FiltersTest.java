package dev.witbox.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code POST /api/filters}: every filter of the Rust plugin against the same filter computed here from the
 * WIT's definition. The PNG is lossless and smaller than the box, so the plugin filters exactly the pixels
 * javax.imageio decodes.
 */
class FiltersTest extends GalleryServer {

    @ParameterizedTest
    @ValueSource(strings = {"grayscale", "sepia", "blur", "sharpen"})
    void eachFilterComputesWhatItsDefinitionSays(String filter) {
        byte[] original = image("harbour-at-dusk.png");

        Reply reply = postFile("/api/filters?chain=" + filter + "&size=512", "harbour-at-dusk.png", original);

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        assertThat(reply.contentType()).isEqualTo("image/png");
        BufferedImage result = decode(reply.body());
        BufferedImage expected = References.filtered(decode(original), filter);
        assertThat(result.getWidth()).isEqualTo(320);
        assertThat(result.getHeight()).isEqualTo(240);
        assertThat(References.maxDifference(result, expected, 0)).isLessThanOrEqualTo(1);
    }

    @Test
    void aChainAppliesItsFiltersLeftToRight() {
        byte[] original = image("harbour-at-dusk.png");

        Reply reply = postFile("/api/filters?chain=sepia,blur,grayscale&size=512", "x.png", original);

        assertThat(reply.status()).isEqualTo(200);
        BufferedImage expected = References.filtered(
                References.filtered(References.filtered(decode(original), "sepia"), "blur"), "grayscale");
        assertThat(References.maxDifference(decode(reply.body()), expected, 0)).isLessThanOrEqualTo(2);
    }

    @Test
    void filtersRunOnTheImageScaledIntoTheBox() {
        Reply reply = postFile("/api/filters?chain=grayscale&size=100", "x.jpg", image("harbour-at-dusk.jpg"));

        assertThat(reply.status()).isEqualTo(200);
        BufferedImage result = decode(reply.body());
        assertThat(new int[] {result.getWidth(), result.getHeight()}).containsExactly(100, 75);
        int p = result.getRGB(50, 30);
        assertThat((p >> 16) & 0xff).isEqualTo((p >> 8) & 0xff).isEqualTo(p & 0xff);
    }

    @Test
    void anUnknownFilterIsABadRequestNamingTheKnownOnes() {
        Reply reply = postFile("/api/filters?chain=grayscale,vignette", "x.png", image("harbour-at-dusk.png"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(jsonOf(reply).get("detail").asString())
                .isEqualTo("unknown filter 'vignette': the filters are [grayscale, sepia, blur, sharpen]");
    }
}
