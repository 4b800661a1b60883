package dev.witbox.sample.gallery;

import dev.witbox.api.Result;
import dev.witbox.api.WasmPlugin;
import dev.witbox.sample.plugins.captions.Captions;
import dev.witbox.sample.plugins.filters.Filters;
import dev.witbox.sample.plugins.thumbnailer.Thumbnails;
import dev.witbox.sample.plugins.thumbnailer.Thumbnails.ImageError;
import java.util.List;
import java.util.Locale;
import org.springframework.context.annotation.DependsOn;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Everything the gallery does to images, each step a call into a plugin: the thumbnailer (C)
 * decodes, scales and encodes, the filters (Rust) change pixels, the captions (AssemblyScript)
 * write the text. Each is injected by the witbox starter ({@code @WasmPlugin}) from the interface
 * generated from its WIT, backed by the plugin's pool configured under {@code witbox.plugins.instances}.
 * A plugin's error value becomes a {@link PluginRefusal}.
 *
 * <p>Depends on the {@link ImageStore}, which makes the upload folder: the plugins it injects are linked with
 * that folder as the thumbnailer's preopen, which must exist by then.
 */
@Service
@DependsOn("imageStore")
public class ImageService {

    /** A finished image: encoded bytes, their media type and the pixel size. */
    public record Picture(byte[] data, String mediaType, long width, long height) {}

    private final Thumbnails thumbnails;
    private final Filters filters;
    private final Captions captions;
    private final GalleryProperties properties;

    public ImageService(@WasmPlugin("thumbnailer") Thumbnails thumbnails, @WasmPlugin("filters") Filters filters,
                        @WasmPlugin("captions") Captions captions, GalleryProperties properties) {
        this.thumbnails = thumbnails;
        this.filters = filters;
        this.captions = captions;
        this.properties = properties;
    }

    /** Header facts (size, format), without decoding pixels. */
    public Thumbnails.ImageInfo probe(byte[] data) {
        return unwrap("probe", thumbnails.probe(data));
    }

    /** A thumbnail of uploaded bytes, fitting {@code size} x {@code size}. */
    public Picture thumbnail(byte[] data, int size, Thumbnails.Format format) {
        return picture(unwrap("thumbnail", thumbnails.thumbnail(data, spec(size, format))), format);
    }

    /** A thumbnail of a file the thumbnailer reads itself, through WASI, by its path as the plugin sees it. */
    public Picture thumbnailFile(String guestPath, int size, Thumbnails.Format format) {
        return picture(unwrap("thumbnail-file", thumbnails.thumbnailFile(guestPath, spec(size, format))), format);
    }

    /** The image scaled into {@code size} x {@code size}, the filters applied in order, as PNG. */
    public Picture filtered(byte[] data, List<Filters.Filter> chain, int size) {
        int box = Math.min(size, properties.maxEditSize());
        Thumbnails.RgbaImage decoded = unwrap("decode", thumbnails.decode(data, spec(box, Thumbnails.Format.PNG)));
        Result<Filters.RgbaImage, String> applied =
                filters.apply(new Filters.RgbaImage(decoded.width(), decoded.height(), decoded.pixels()), chain);
        Filters.RgbaImage done = applied.orElseThrow(message ->
                new PluginRefusal("filters", "apply", "invalid", HttpStatus.UNPROCESSABLE_ENTITY, message));
        byte[] png = unwrap("encode", thumbnails.encode(
                new Thumbnails.RgbaImage(done.width(), done.height(), done.pixels()), Thumbnails.Format.PNG, (short) 0));
        return new Picture(png, "image/png", done.width(), done.height());
    }

    /** The caption plugin's slug, title and alt text for a photo. */
    public Captions.Caption caption(String fileName, Thumbnails.ImageInfo info, long sizeBytes, List<String> filterNames) {
        return captions.describe(new Captions.Photo(fileName == null ? "" : fileName, info.width(), info.height(),
                info.format(), sizeBytes, filterNames));
    }

    /** Parses {@code grayscale,blur}; an unknown name is a 400 naming the known ones. */
    public static List<Filters.Filter> chain(String names) {
        if (names == null || names.isBlank()) {
            throw new IllegalArgumentException("chain is empty: name one or more of " + filterNames());
        }
        return java.util.Arrays.stream(names.split(","))
                .map(String::trim)
                .map(name -> {
                    try {
                        return Filters.Filter.valueOf(name.toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(
                                "unknown filter '" + name + "': the filters are " + filterNames(), e);
                    }
                })
                .toList();
    }

    private static String filterNames() {
        return java.util.Arrays.stream(Filters.Filter.values())
                .map(f -> f.name().toLowerCase(Locale.ROOT))
                .toList()
                .toString();
    }

    private Thumbnails.ThumbnailSpec spec(int size, Thumbnails.Format format) {
        if (size < 1 || size > 4096) {
            throw new IllegalArgumentException("size " + size + " is not between 1 and 4096");
        }
        return new Thumbnails.ThumbnailSpec(size, size, properties.maxPixels(), format, (short) properties.jpegQuality());
    }

    private static Picture picture(Thumbnails.Encoded encoded, Thumbnails.Format format) {
        String type = format == Thumbnails.Format.JPEG ? "image/jpeg" : "image/png";
        return new Picture(encoded.data(), type, encoded.width(), encoded.height());
    }

    private static <T> T unwrap(String function, Result<T, ImageError> result) {
        return result.orElseThrow(error -> refusal(function, error));
    }

    static PluginRefusal refusal(String function, ImageError error) {
        if (error instanceof ImageError.Invalid e) {
            return new PluginRefusal("thumbnailer", function, "invalid", HttpStatus.UNPROCESSABLE_ENTITY, e.value());
        } else if (error instanceof ImageError.TooLarge e) {
            return new PluginRefusal("thumbnailer", function, "too-large", HttpStatus.CONTENT_TOO_LARGE, e.value());
        } else if (error instanceof ImageError.BadRequest e) {
            return new PluginRefusal("thumbnailer", function, "bad-request", HttpStatus.BAD_REQUEST, e.value());
        } else if (error instanceof ImageError.NotFound e) {
            return new PluginRefusal("thumbnailer", function, "not-found", HttpStatus.NOT_FOUND, e.value());
        } else if (error instanceof ImageError.Denied e) {
            return new PluginRefusal("thumbnailer", function, "denied", HttpStatus.FORBIDDEN, e.value());
        }
        throw new IllegalStateException("unknown image error " + error);
    }
}
