package dev.witbox.benchmarks;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The sample application under load: 8 concurrent clients POST a 12-megapixel JPEG to the gallery's HTTP API
 * for a 256-pixel thumbnail. One gallery process ({@code sample-app/target/witbox-sample.jar}, built first)
 * per variant, started with its baselines enabled:
 * <ul>
 *   <li>{@code witbox}: {@code /api/thumbnails}, the C thumbnailer in its witbox pool (4 instances);</li>
 *   <li>{@code java}: {@code /api/baselines/java/thumbnails}, javax.imageio + java.awt in the same app;</li>
 *   <li>{@code naive}: {@code /api/baselines/naive/thumbnails}, the same C on bare Chicory, a fresh instance
 *       with a fixed 256 MB memory per request.</li>
 * </ul>
 * A fixed count, as the issue states the load: each of the 8 clients makes 25 thumbnails to warm up, then 250
 * measured ones (2,000 in all); JMH's single-shot time is the time of a client's 250. The benchmark itself
 * records every measured request's latency and the measured iteration's wall time, and at the end of each
 * variant appends requests, throughput, p50/p99, the server's peak RSS ({@code VmHWM}) and its peak heap to
 * {@code target/gallery-memory.txt}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(8)
@Fork(1)
@Warmup(iterations = 1, batchSize = 25)
@Measurement(iterations = 1, batchSize = 250)
public class GalleryHttpBenchmark {

    @Param({"witbox", "java", "naive"})
    public String variant;

    private Process server;
    private int port;
    private byte[] body;
    private String boundary;
    private HttpClient http;
    /** Each request's latency in the current iteration, in nanoseconds. */
    private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    private long iterationStart;
    private long iterationNanos;

    @Setup(Level.Trial)
    public void start() throws Exception {
        Path jar = jar();
        Path uploads = Files.createTempDirectory("gallery-bench");
        server = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx4g", "-jar", jar.toString(),
                "--server.port=0", "--gallery.baselines.enabled=true", "--gallery.upload-dir=" + uploads,
                "--logging.level.gallery.plugin=warn",
                // 8 clients on 4 instances of a shared 2-core machine: a 12 MP call can take far over the app's 30 s
                "--witbox.plugins.instances.thumbnailer.call-timeout=300s"))
                .redirectErrorStream(true)
                .start();
        CompletableFuture<Integer> ready = new CompletableFuture<>();
        Thread drain = new Thread(() -> {
            Pattern url = Pattern.compile("gallery is ready: open http://localhost:(\\d+)/");
            try (BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    Matcher m = url.matcher(line);
                    if (m.find()) {
                        ready.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new IllegalStateException("the gallery exited before it was ready"));
        }, "gallery-output");
        drain.setDaemon(true);
        drain.start();
        try {
            port = ready.get(5, TimeUnit.MINUTES);
        } catch (Exception e) {
            server.destroyForcibly();
            throw e;
        }
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        boundary = "bench-boundary";
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"photo.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        b.writeBytes(photo());
        b.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        body = b.toByteArray();
        try {
            request(); // throws unless the variant answers 200
        } catch (Exception | Error e) {
            server.destroyForcibly();
            throw e;
        }
    }

    @Setup(Level.Iteration)
    public void startIteration() {
        latencies.clear();
        iterationStart = System.nanoTime();
    }

    @TearDown(Level.Iteration)
    public void endIteration() {
        iterationNanos = System.nanoTime() - iterationStart; // the last iteration is the measured one
    }

    @Benchmark
    public int thumbnail() throws Exception {
        long start = System.nanoTime();
        int length = request();
        latencies.add(System.nanoTime() - start);
        return length;
    }

    private int request() throws Exception {
        String path = switch (variant) {
            case "witbox" -> "/api/thumbnails?size=256";
            case "java" -> "/api/baselines/java/thumbnails?size=256";
            case "naive" -> "/api/baselines/naive/thumbnails?size=256";
            default -> throw new IllegalArgumentException(variant);
        };
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .timeout(Duration.ofMinutes(5))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(variant + ": " + response.statusCode() + " "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.body().length;
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        String hwm = Files.readAllLines(Path.of("/proc", Long.toString(server.pid()), "status")).stream()
                .filter(l -> l.startsWith("VmHWM:")).findFirst().orElse("VmHWM: ?");
        String heap = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/baselines/memory")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        String line = String.format("%s: %d requests in %.1f s, %.2f req/s, p50 %.0f ms, p99 %.0f ms, peak RSS %s, %s%n",
                variant, sorted.size(), iterationNanos / 1e9, sorted.size() / (iterationNanos / 1e9),
                percentile(sorted, 0.50) / 1e6, percentile(sorted, 0.99) / 1e6,
                hwm.replaceAll("\\s+", " ").substring("VmHWM: ".length()), heap);
        System.out.print(line);
        Files.writeString(Path.of("target", "gallery-memory.txt"), line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        server.destroy();
        server.waitFor(30, TimeUnit.SECONDS);
    }

    private static double percentile(List<Long> sorted, double p) {
        return sorted.isEmpty() ? Double.NaN : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size())));
    }

    private static Path jar() {
        for (String candidate : List.of(System.getProperty("witbox.sample.jar", ""), "sample-app/target/witbox-sample.jar",
                "../sample-app/target/witbox-sample.jar")) {
            if (!candidate.isEmpty() && Files.isRegularFile(Path.of(candidate))) {
                return Path.of(candidate).toAbsolutePath();
            }
        }
        throw new IllegalStateException("build the sample first: ./mvnw -q -B -DskipTests package (no sample-app/target/witbox-sample.jar)");
    }

    /** A 4000 x 3000 JPEG (12 megapixels) with gradients, shapes and fine noise, the same every run. */
    public static byte[] photo() throws IOException {
        BufferedImage image = new BufferedImage(4000, 3000, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(30, 60, 140), 0, 2000, new Color(250, 170, 90)));
        g.fillRect(0, 0, 4000, 2100);
        g.setPaint(new GradientPaint(0, 2100, new Color(20, 80, 60), 0, 3000, new Color(10, 30, 20)));
        g.fillRect(0, 2100, 4000, 900);
        g.setColor(new Color(255, 230, 150));
        g.fillOval(2600, 700, 700, 700);
        g.dispose();
        Random random = new Random(12);
        for (int y = 0; y < 3000; y += 2) {
            for (int x = 0; x < 4000; x += 2) {
                int p = image.getRGB(x, y);
                int n = random.nextInt(17) - 8;
                int r = Math.max(0, Math.min(255, ((p >> 16) & 0xff) + n));
                int gg = Math.max(0, Math.min(255, ((p >> 8) & 0xff) + n));
                int b = Math.max(0, Math.min(255, (p & 0xff) + n));
                image.setRGB(x, y, r << 16 | gg << 8 | b);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }
}
