package dev.witbox.sample.gallery;

import dev.witbox.sample.plugins.captions.Captions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The uploads: each file in the upload folder under a name the gallery chose ({@code <id>.<format>},
 * never the user's), its facts in memory. The thumbnailer reads the folder itself, read-only, as
 * {@code /uploads}.
 */
@Component
public class ImageStore {

    /** One upload. {@code guestPath} is where the thumbnailer sees the file. */
    public record StoredImage(String id, String fileName, String format, long width, long height, long sizeBytes,
                              Captions.Caption caption, Instant uploadedAt) {

        public String guestPath() {
            return "/uploads/" + id + "." + format;
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, StoredImage> images = new ConcurrentHashMap<>();
    private final Path folder;

    public ImageStore(GalleryProperties properties) {
        this.folder = properties.uploadDir();
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the upload folder " + folder, e);
        }
    }

    public StoredImage save(byte[] data, String fileName, String format, long width, long height,
                            Captions.Caption caption) {
        byte[] id = new byte[8];
        random.nextBytes(id);
        StoredImage image = new StoredImage(HexFormat.of().formatHex(id), fileName, format, width, height,
                data.length, caption, Instant.now());
        try {
            Files.write(folder.resolve(image.id() + "." + format), data);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the upload", e);
        }
        images.put(image.id(), image);
        return image;
    }

    public Optional<StoredImage> find(String id) {
        return Optional.ofNullable(images.get(id));
    }

    public byte[] bytes(StoredImage image) {
        try {
            return Files.readAllBytes(folder.resolve(image.id() + "." + image.format()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read upload " + image.id(), e);
        }
    }

    /** Newest first. */
    public List<StoredImage> list() {
        return images.values().stream().sorted(Comparator.comparing(StoredImage::uploadedAt).reversed()).toList();
    }
}
