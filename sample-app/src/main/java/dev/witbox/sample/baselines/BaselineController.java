package dev.witbox.sample.baselines;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Map;
import dev.witbox.sample.gallery.GalleryProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The benchmark's baselines, beside the plugin-backed {@code /api/thumbnails}: only with
 * {@code gallery.baselines.enabled=true} (benchmarks/GalleryHttpBenchmark starts the jar so).
 */
@RestController
@RequestMapping("/api/baselines")
@ConditionalOnProperty(name = "gallery.baselines.enabled", havingValue = "true")
class BaselineController {

    private final JavaThumbnails java = new JavaThumbnails();
    private final NaiveThumbnails naive = new NaiveThumbnails();
    private final GalleryProperties properties;

    BaselineController(GalleryProperties properties) {
        this.properties = properties;
    }

    @PostMapping(path = "/java/thumbnails", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<byte[]> javaThumbnail(@RequestParam("file") MultipartFile file,
                                         @RequestParam(defaultValue = "256") int size) throws IOException {
        return png(java.thumbnail(file.getBytes(), size));
    }

    @PostMapping(path = "/naive/thumbnails", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<byte[]> naiveThumbnail(@RequestParam("file") MultipartFile file,
                                          @RequestParam(defaultValue = "256") int size) throws IOException {
        return png(naive.thumbnail(file.getBytes(), size, properties.maxPixels()));
    }

    /** The heap's peak use since start (the sum of the heap pools' peaks), for the benchmark's memory column. */
    @GetMapping("/memory")
    Map<String, Long> memory() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return Map.of("peakHeapBytes", peak);
    }

    private static ResponseEntity<byte[]> png(byte[] data) {
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).body(data);
    }
}
