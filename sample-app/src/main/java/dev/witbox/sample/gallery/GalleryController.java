package dev.witbox.sample.gallery;

import dev.witbox.sample.gallery.ImageService.Picture;
import dev.witbox.sample.gallery.ImageStore.StoredImage;
import dev.witbox.sample.plugins.captions.Captions;
import dev.witbox.sample.plugins.thumbnailer.Thumbnails;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/** The gallery's HTTP API. Pictures come back as image bytes with their size in headers. */
@RestController
@RequestMapping("/api")
class GalleryController {

    private final ImageService images;
    private final ImageStore store;
    private final PluginLog pluginLog;

    GalleryController(ImageService images, ImageStore store, PluginLog pluginLog) {
        this.images = images;
        this.store = store;
        this.pluginLog = pluginLog;
    }

    /** Stores an upload: its facts from the thumbnailer, its caption from the captions plugin. */
    @PostMapping(path = "/images", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<StoredImage> upload(@RequestParam("file") MultipartFile file) throws IOException {
        byte[] data = file.getBytes();
        Thumbnails.ImageInfo info = images.probe(data);
        Captions.Caption caption = images.caption(file.getOriginalFilename(), info, data.length, List.of());
        StoredImage stored = store.save(data, file.getOriginalFilename(), info.format(), info.width(), info.height(),
                caption);
        return ResponseEntity.created(URI.create("/api/images/" + stored.id())).body(stored);
    }

    @GetMapping("/images")
    List<StoredImage> list() {
        return store.list();
    }

    @GetMapping("/images/{id}")
    StoredImage get(@PathVariable String id) {
        return stored(id);
    }

    @GetMapping("/images/{id}/original")
    ResponseEntity<byte[]> original(@PathVariable String id) {
        StoredImage image = stored(id);
        String type = "jpeg".equals(image.format()) ? "image/jpeg" : "image/" + image.format();
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(type)).body(store.bytes(image));
    }

    /** A stored image's thumbnail: the thumbnailer reads the file itself, through its read-only preopen. */
    @GetMapping("/images/{id}/thumbnail")
    ResponseEntity<byte[]> storedThumbnail(@PathVariable String id, @RequestParam(defaultValue = "256") int size,
                                           @RequestParam(defaultValue = "png") String format) {
        return send(images.thumbnailFile(stored(id).guestPath(), size, format(format)));
    }

    @GetMapping("/images/{id}/filtered")
    ResponseEntity<byte[]> storedFiltered(@PathVariable String id, @RequestParam String chain,
                                          @RequestParam(defaultValue = "512") int size) {
        return send(images.filtered(store.bytes(stored(id)), ImageService.chain(chain), size));
    }

    /** A thumbnail of the uploaded file, nothing stored. */
    @PostMapping(path = "/thumbnails", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<byte[]> thumbnail(@RequestParam("file") MultipartFile file,
                                     @RequestParam(defaultValue = "256") int size,
                                     @RequestParam(defaultValue = "png") String format) throws IOException {
        return send(images.thumbnail(file.getBytes(), size, format(format)));
    }

    /** The uploaded file scaled into {@code size}, filtered, as PNG; nothing stored. */
    @PostMapping(path = "/filters", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<byte[]> filters(@RequestParam("file") MultipartFile file, @RequestParam String chain,
                                   @RequestParam(defaultValue = "512") int size) throws IOException {
        return send(images.filtered(file.getBytes(), ImageService.chain(chain), size));
    }

    /**
     * Asks the thumbnailer to read any path: the capability demonstration. Inside {@code /uploads}
     * it works; anywhere else the plugin itself reports that it was not granted the file (403).
     */
    @GetMapping("/thumbnail-file")
    ResponseEntity<byte[]> thumbnailFile(@RequestParam String path, @RequestParam(defaultValue = "256") int size) {
        return send(images.thumbnailFile(path, size, Thumbnails.Format.PNG));
    }

    /** What the thumbnailer wrote through its {@code log} import (a Spring bean), newest first. */
    @GetMapping("/plugin-log")
    List<PluginLog.Line> pluginLog() {
        return pluginLog.recent();
    }

    private StoredImage stored(String id) {
        return store.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no image " + id));
    }

    private static Thumbnails.Format format(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "png" -> Thumbnails.Format.PNG;
            case "jpeg", "jpg" -> Thumbnails.Format.JPEG;
            default -> throw new IllegalArgumentException("format '" + name + "' is not png or jpeg");
        };
    }

    private static ResponseEntity<byte[]> send(Picture picture) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(picture.mediaType()))
                .header("X-Image-Width", Long.toString(picture.width()))
                .header("X-Image-Height", Long.toString(picture.height()))
                .body(picture.data());
    }
}
