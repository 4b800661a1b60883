package dev.witbox.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The stored-image API, the captions plugin, the capability the thumbnailer was granted (and those it was
 * not), the host import implemented by a bean, and the Actuator endpoint the page reads.
 */
class GalleryApiTest extends GalleryServer {

    JsonNode upload(String file) {
        Reply reply = postFile("/api/images", file, image(file));
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        assertThat(reply.raw().headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).startsWith("/api/images/"));
        return jsonOf(reply);
    }

    @Test
    void anUploadIsStoredWithItsSizeFormatAndCaption() {
        JsonNode image = upload("harbour-at-dusk.jpg");

        assertThat(image.get("width").asInt()).isEqualTo(320);
        assertThat(image.get("height").asInt()).isEqualTo(240);
        assertThat(image.get("format").asString()).isEqualTo("jpeg");
        assertThat(image.get("sizeBytes").asLong()).isEqualTo(image("harbour-at-dusk.jpg").length);
        JsonNode caption = image.get("caption");
        assertThat(caption.get("slug").asString()).isEqualTo("harbour-at-dusk");
        // 5951 bytes = 5.8 KiB; the title's quotes and dash are the plugin's
        assertThat(caption.get("title").asString()).isEqualTo("\u201CHarbour at dusk\u201D \u2014 320 \u00D7 240 JPEG, 5.8 KiB");
        assertThat(caption.get("altText").asString()).isEqualTo("JPEG photo, 320 by 240 pixels");

        String id = image.get("id").asString();
        assertThat(jsonOf(get("/api/images/" + id)).get("caption").get("slug").asString()).isEqualTo("harbour-at-dusk");
        assertThat(jsonOf(get("/api/images")).findValuesAsString("id")).contains(id);
        Reply original = get("/api/images/" + id + "/original");
        assertThat(original.contentType()).isEqualTo("image/jpeg");
        assertThat(original.body()).isEqualTo(image("harbour-at-dusk.jpg"));
    }

    @Test
    void theCaptionsPluginMakesASlugOfAnyName() {
        Reply reply = postFile("/api/images", "Caf\u00E9 del_Mar (2).BMP", image("harbour-at-dusk.bmp"));

        JsonNode caption = jsonOf(reply).get("caption");
        assertThat(caption.get("slug").asString()).isEqualTo("cafe-del-mar-2");
        assertThat(caption.get("title").asString())
                .isEqualTo("\u201CCaf\u00E9 del Mar (2)\u201D \u2014 320 \u00D7 240 BMP, 225.1 KiB");
    }

    @Test
    void aStoredImagesThumbnailIsReadByThePluginThroughItsReadOnlyPreopen() {
        String id = upload("tall-stripe.png").get("id").asString();

        Reply reply = get("/api/images/" + id + "/thumbnail?size=60");

        assertThat(reply.status()).isEqualTo(200);
        BufferedImage thumbnail = decode(reply.body());
        assertThat(new int[] {thumbnail.getWidth(), thumbnail.getHeight()}).containsExactly(18, 60);
        assertThat(jsonOf(get("/api/plugin-log")).findValuesAsString("message"))
                .anySatisfy(line -> assertThat(line).isEqualTo(
                        "thumbnail of /uploads/" + id + ".png: png 90 x 300 -> png 18 x 60, " + reply.body().length + " bytes"));
    }

    @Test
    void aStoredImageFiltered() {
        String id = upload("harbour-at-dusk.png").get("id").asString();

        Reply reply = get("/api/images/" + id + "/filtered?chain=grayscale&size=512");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(References.maxDifference(decode(reply.body()),
                References.filtered(decode(image("harbour-at-dusk.png")), "grayscale"), 0)).isLessThanOrEqualTo(1);
    }

    @Test
    void aPathOutsideThePreopenIsDeniedByThePluginItself() {
        Reply etc = get("/api/thumbnail-file?path=/etc/passwd");
        Reply escape = get("/api/thumbnail-file?path=/uploads/../../etc/passwd");
        Reply missing = get("/api/thumbnail-file?path=/uploads/nothing-here.png");

        assertThat(etc.status()).isEqualTo(403);
        assertThat(jsonOf(etc).get("kind").asString()).isEqualTo("denied");
        assertThat(jsonOf(etc).get("detail").asString())
                .isEqualTo("/etc/passwd: not granted to this plugin (Capabilities insufficient)");
        assertThat(escape.status()).isEqualTo(403);
        assertThat(jsonOf(escape).get("detail").asString()).startsWith("/uploads/../../etc/passwd: not granted to this plugin");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(jsonOf(missing).get("detail").asString()).isEqualTo("/uploads/nothing-here.png: no such file");
    }

    @Test
    void anUnknownImageIs404() {
        assertThat(get("/api/images/0000/thumbnail").status()).isEqualTo(404);
    }

    @Test
    void theActuatorEndpointShowsEachPluginsPoolMemoryAndCalls() {
        postFile("/api/thumbnails", "a.png", image("harbour-at-dusk.png"));

        JsonNode plugins = jsonOf(get("/actuator/witbox")).get("plugins");

        assertThat(plugins.propertyNames()).containsExactlyInAnyOrder("thumbnailer", "filters", "captions");
        JsonNode thumbnailer = plugins.get("thumbnailer");
        assertThat(thumbnailer.get("pool").get("max").asInt()).isEqualTo(4);
        assertThat(thumbnailer.get("memory").get("budgetBytes").asLong()).isEqualTo(768L << 20);
        assertThat(thumbnailer.get("calls").get("calls").asLong()).isPositive();
        assertThat(thumbnailer.get("world").get("imports").toString()).contains("witbox:sample/log@0.1.0", "wasi:filesystem/preopens");
        assertThat(plugins.get("captions").get("pool").get("max").asInt()).isEqualTo(2);
    }

    @Test
    void thePageIsServed() {
        Reply page = get("/");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).contains("<form id=\"upload-form\"", "/actuator/witbox", "app.js");
        assertThat(get("/app.js").text()).contains("fetch('/actuator/witbox')");
    }
}
