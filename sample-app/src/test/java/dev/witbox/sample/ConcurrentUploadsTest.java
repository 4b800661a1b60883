package dev.witbox.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** 32 uploads at once share the thumbnailer's pool of 4: every one gets its own, right thumbnail. */
class ConcurrentUploadsTest extends GalleryServer {

    @Test
    void thirtyTwoConcurrentThumbnailsAllComeBackRight() throws Exception {
        String[] files = {"harbour-at-dusk.png", "harbour-at-dusk.jpg", "harbour-at-dusk.gif", "tall-stripe.png"};
        ExecutorService clients = Executors.newFixedThreadPool(32);
        try {
            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                String file = files[i % files.length];
                int size = 40 + i;
                replies.add(clients.submit(() -> postFile("/api/thumbnails?size=" + size, file, image(file))));
            }
            for (int i = 0; i < 32; i++) {
                Reply reply = replies.get(i).get();
                assertThat(reply.status()).as("upload %d: %s", i, reply.text()).isEqualTo(200);
                BufferedImage source = decode(image(files[i % files.length]));
                BufferedImage thumbnail = decode(reply.body());
                int[] expected = References.fitted(source.getWidth(), source.getHeight(), 40 + i);
                assertThat(new int[] {thumbnail.getWidth(), thumbnail.getHeight()}).as("upload %d", i)
                        .containsExactly(expected);
                assertThat(References.meanDifference(thumbnail,
                        References.scaled(source, expected[0], expected[1]), 2)).as("upload %d", i).isLessThan(8.0);
            }
        } finally {
            clients.shutdownNow();
        }
        JsonNode thumbnailer = jsonOf(get("/actuator/witbox")).get("plugins").get("thumbnailer");
        assertThat(thumbnailer.get("pool").get("busy").asInt()).isZero();
        assertThat(thumbnailer.get("pool").get("max").asInt()).isEqualTo(4);
        assertThat(thumbnailer.get("calls").get("calls").asLong()).isGreaterThanOrEqualTo(32);
        assertThat(thumbnailer.get("calls").get("traps").asLong()).isZero();
    }
}
