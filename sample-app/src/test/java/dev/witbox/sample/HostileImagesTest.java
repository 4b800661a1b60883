package dev.witbox.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Corrupt files and image bombs: each is refused with the thumbnailer's own message and a 4xx, none makes the
 * plugin trap, and the gallery keeps serving.
 */
class HostileImagesTest extends GalleryServer {

    @AfterEach
    void theGalleryStillMakesThumbnailsAndNothingTrapped() {
        Reply reply = postFile("/api/thumbnails?size=32", "ok.png", image("harbour-at-dusk.png"));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(decode(reply.body()).getWidth()).isEqualTo(32);
        JsonNode thumbnailer = jsonOf(get("/actuator/witbox")).get("plugins").get("thumbnailer");
        assertThat(thumbnailer.get("calls").get("traps").asLong()).isZero();
    }

    @Test
    void aFiftyMegapixelPngIsRefusedFromItsHeaderBeforeDecoding() {
        byte[] bomb = Bombs.png(10_000, 5_000);
        assertThat(bomb.length).isLessThan(400_000);

        Reply reply = postFile("/api/thumbnails?size=256", "bomb.png", bomb);

        assertThat(reply.status()).isEqualTo(413);
        JsonNode problem = jsonOf(reply);
        assertThat(problem.get("kind").asString()).isEqualTo("too-large");
        assertThat(problem.get("plugin").asString()).isEqualTo("thumbnailer");
        assertThat(problem.get("detail").asString())
                .isEqualTo("the png image is 10000 x 5000 (50.0 megapixels), over the limit of 24.0 megapixels");
    }

    @Test
    void aJpegWhoseHeaderClaimsFiftyMegapixelsIsRefused() {
        byte[] bomb = Bombs.jpegClaiming(image("harbour-at-dusk.jpg"), 10_000, 5_000);

        Reply thumbnail = postFile("/api/thumbnails", "bomb.jpg", bomb);
        Reply upload = postFile("/api/filters?chain=blur", "bomb.jpg", bomb);

        assertThat(thumbnail.status()).isEqualTo(413);
        assertThat(jsonOf(thumbnail).get("detail").asString())
                .isEqualTo("the jpeg image is 10000 x 5000 (50.0 megapixels), over the limit of 24.0 megapixels");
        assertThat(upload.status()).isEqualTo(413);
        assertThat(jsonOf(upload).get("function").asString()).isEqualTo("decode");
    }

    @Test
    void bytesThatAreNoImageAreRefusedAsInvalid() {
        Reply reply = postFile("/api/thumbnails", "notes.png", "just some text".getBytes());

        assertThat(reply.status()).isEqualTo(422);
        assertThat(jsonOf(reply).get("kind").asString()).isEqualTo("invalid");
        assertThat(jsonOf(reply).get("detail").asString()).isEqualTo("not a PNG, JPEG, GIF or BMP image (14 bytes)");
    }

    @Test
    void aTruncatedPngIsRefusedAsDamaged() {
        byte[] png = image("harbour-at-dusk.png");

        Reply reply = postFile("/api/thumbnails", "cut.png", Arrays.copyOf(png, png.length / 2));

        assertThat(reply.status()).isEqualTo(422);
        assertThat(jsonOf(reply).get("detail").asString()).startsWith("damaged png image: ");
    }

    @Test
    void aPngWithScrambledDataIsRefusedAsDamaged() {
        byte[] png = image("harbour-at-dusk.png");
        for (int i = 100; i < png.length - 20; i += 7) {
            png[i] ^= 0x5A;
        }

        Reply reply = postFile("/api/thumbnails", "scrambled.png", png);

        assertThat(reply.status()).isEqualTo(422);
        assertThat(jsonOf(reply).get("detail").asString()).startsWith("damaged png image: ");
    }

    @Test
    void aJpegCutInsideItsScanIsRefusedAsDamaged() {
        byte[] jpeg = image("harbour-at-dusk.jpg");

        Reply reply = postFile("/api/thumbnails", "cut.jpg", Arrays.copyOf(jpeg, 700));

        // libjpeg's warning JWRN_JPEG_EOF, which the thumbnailer treats as the end of the decode
        assertThat(reply.status()).isEqualTo(422);
        assertThat(jsonOf(reply).get("detail").asString()).isEqualTo("damaged jpeg image: Premature end of JPEG file");
    }

    @Test
    void libjpegsFatalErrorBecomesAResultErrorAndTheInstanceDecodesTheNextJpeg() {
        byte[] broken = Bombs.jpegWithBrokenHuffmanTable(image("harbour-at-dusk.jpg"));

        // libjpeg's error_exit unwinds (Asyncify) out of a decode: twice, so the second runs on an instance that
        // has unwound once already
        for (int i = 0; i < 2; i++) {
            Reply reply = postFile("/api/thumbnails?size=64", "broken.jpg", broken);
            assertThat(reply.status()).isEqualTo(422);
            assertThat(jsonOf(reply).get("detail").asString()).isEqualTo("damaged jpeg image: Bogus marker length");
        }
        Reply good = postFile("/api/thumbnails?size=64", "good.jpg", image("harbour-at-dusk.jpg"));
        assertThat(good.status()).isEqualTo(200);
        assertThat(decode(good.body()).getWidth()).isEqualTo(64);
    }

    @Test
    void anUploadOverTheConfiguredLimitIsRefused() {
        Reply reply = postFile("/api/thumbnails", "huge.png", new byte[21 * 1024 * 1024]);

        assertThat(reply.status()).isEqualTo(413);
    }
}
