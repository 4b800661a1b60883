package dev.witbox.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gallery started for real on a random port, with its uploads in a fresh folder, and plain HTTP to it
 * ({@code java.net.http}, multipart written by hand): what a browser or curl sends. Every test class extends
 * this one, so they share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class GalleryServer {

    @DynamicPropertySource
    static void uploadFolder(DynamicPropertyRegistry registry) throws IOException {
        // a folder that does not exist yet: the gallery makes it before the thumbnailer's preopen is linked
        Path dir = Files.createTempDirectory("gallery-uploads").resolve("uploads");
        registry.add("gallery.upload-dir", dir::toString);
    }

    @LocalServerPort
    int port;

    static final ObjectMapper JSON = JsonMapper.builder().build();

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** A response: status, content type, body and the picture size headers. */
    record Reply(int status, String contentType, byte[] body, HttpResponse<byte[]> raw) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        long header(String name) {
            return Long.parseLong(raw.headers().firstValue(name).orElseThrow());
        }
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    Reply postFile(String path, String fileName, byte[] data) {
        String boundary = "gallery-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(data);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    JsonNode jsonOf(Reply reply) {
        return JSON.readTree(reply.body());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = http.send(request.timeout(Duration.ofSeconds(120)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A committed test image (made with javax.imageio by the test author; src/test/resources/images). */
    static byte[] image(String name) {
        try (InputStream in = GalleryServer.class.getResourceAsStream("/images/" + name)) {
            assertThat(in).as("test image " + name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BufferedImage decode(byte[] bytes) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            assertThat(image).as("the bytes decode as an image").isNotNull();
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
