// thumbnailer: exports witbox:sample/thumbnails@0.1.0 (../../src/main/wit/world.wit, world
// `thumbnailer`) with the canonical ABI written by hand (no wit-bindgen), over Debian's stb
// libraries and libjpeg-turbo: libjpeg-turbo decodes JPEG already scaled towards the box
// (jpeg_scaled.c), stb_image decodes PNG, GIF, BMP (and the CMYK JPEGs libjpeg's path leaves to it),
// stb_image_resize scales, stb_image_write encodes PNG and JPEG. Imports witbox:sample/log@0.1.0 (a Spring bean of the gallery) and, for
// thumbnail-file, reads files through WASI (wasi-libc behind the preview1 reactor adapter): it sees
// only the folders the host preopened for it.
//
// Nothing a hostile image can do is a trap: every failure is a `result` error. The decoded size is
// checked from the header (stbi_info) before a single pixel is decoded, so an image bomb costs the
// plugin a header read.
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cabi.h"
#include "jpeg_scaled.h"

#define STBI_NO_STDIO
#define STBI_NO_LINEAR
#define STBI_NO_HDR
#define STBI_ONLY_PNG
#define STBI_ONLY_JPEG
#define STBI_ONLY_GIF
#define STBI_ONLY_BMP
#define STBI_FAILURE_USERMSG
#define STB_IMAGE_IMPLEMENTATION
#define STB_IMAGE_RESIZE_IMPLEMENTATION
#define STBI_WRITE_NO_STDIO
#define STB_IMAGE_WRITE_IMPLEMENTATION
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wunused-parameter"
#pragma clang diagnostic ignored "-Wunused-function"
#pragma clang diagnostic ignored "-Wsign-compare"
#pragma clang diagnostic ignored "-Wmissing-field-initializers"
#pragma clang diagnostic ignored "-Wimplicit-fallthrough"
#include <stb/stb_image.h>
#include <stb/stb_image_resize.h>
#include <stb/stb_image_write.h>
#pragma clang diagnostic pop

#define IFACE "witbox:sample/thumbnails@0.1.0#"

// ------------------------------------------------------------------ the host's log (an import)

enum { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };

IMPORT("witbox:sample/log@0.1.0", "write")
extern void host_log_write(int32_t level, const char *message, size_t len);

__attribute__((format(printf, 2, 3)))
static void log_line(int level, const char *fmt, ...) {
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    host_log_write(level, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
}

// ------------------------------------------------------------------ results

// Every export returns through this area (its results do not fit one flat value). What a result
// points to is malloc'd and listed in `owned`, which the export's post-return frees.
static _Alignas(8) uint8_t ret_area[24];
static void *owned[2];

static void own(void *p) {
    for (size_t i = 0; i < sizeof owned / sizeof owned[0]; i++) {
        if (!owned[i]) { owned[i] = p; return; }
    }
    __builtin_trap(); // a bug of this file, not of the input
}

static void release_owned(void) {
    for (size_t i = 0; i < sizeof owned / sizeof owned[0]; i++) {
        free(owned[i]);
        owned[i] = NULL;
    }
}

static void put_u32(size_t at, uint32_t v) { memcpy(ret_area + at, &v, 4); }

// image-error cases, in WIT order
enum { ERR_INVALID, ERR_TOO_LARGE, ERR_BAD_REQUEST, ERR_NOT_FOUND, ERR_DENIED };

// result<_, image-error> = err(case(message)): discriminant 1 at 0; the variant at 4 (its
// discriminant at 4, its string at 8).
__attribute__((format(printf, 2, 3)))
static uint8_t *fail(int kind, const char *fmt, ...) {
    char *msg = malloc(512);
    if (!msg) __builtin_trap();
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(msg, 512, fmt, ap);
    va_end(ap);
    if (n < 0) n = 0;
    if (n > 511) n = 511;
    own(msg);
    memset(ret_area, 0, sizeof ret_area);
    ret_area[0] = 1;
    ret_area[4] = (uint8_t)kind;
    put_u32(8, (uint32_t)(uintptr_t)msg);
    put_u32(12, (uint32_t)n);
    log_line(LOG_WARN, "refused: %s", msg);
    return ret_area;
}

// ok({width, height, list<u8>}): the record at 4.
static uint8_t *ok_sized_bytes(uint32_t w, uint32_t h, uint8_t *data, size_t len) {
    own(data);
    memset(ret_area, 0, sizeof ret_area);
    put_u32(4, w);
    put_u32(8, h);
    put_u32(12, (uint32_t)(uintptr_t)data);
    put_u32(16, (uint32_t)len);
    return ret_area;
}

// ------------------------------------------------------------------ decoding

static const char *format_of(const uint8_t *d, size_t n) {
    if (n >= 8 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0) return "png";
    if (n >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF) return "jpeg";
    if (n >= 6 && (memcmp(d, "GIF87a", 6) == 0 || memcmp(d, "GIF89a", 6) == 0)) return "gif";
    if (n >= 2 && d[0] == 'B' && d[1] == 'M') return "bmp";
    return NULL;
}

typedef struct {
    int w, h, channels;
    int full_w, full_h; // the size in the file's header (a JPEG may be decoded smaller)
    uint8_t *pixels; // malloc'd (by stbi or jpeg_scaled), or NULL; freed with stbi_image_free (free)
} decoded;

typedef struct {
    uint32_t max_w, max_h, max_pixels;
    int32_t format; // 0 png, 1 jpeg
    int32_t quality;
} spec;

static void fit(int w, int h, uint32_t max_w, uint32_t max_h, int *tw, int *th);

// Reads the header, checks the size against the limit, then decodes: a JPEG already scaled towards
// the box `max_w` x `max_h` (never below the size fit() will ask for), anything else at full size.
// NULL on success, else the error result already written.
static uint8_t *decode_checked(const uint8_t *data, size_t len, uint32_t max_pixels, uint32_t max_w, uint32_t max_h,
                               int req_comp, decoded *out) {
    out->pixels = NULL;
    const char *fmt = format_of(data, len);
    if (!fmt) return fail(ERR_INVALID, "not a PNG, JPEG, GIF or BMP image (%zu bytes)", len);
    if (len > INT_MAX) return fail(ERR_TOO_LARGE, "the file is over 2 GB");
    int w, h, comp;
    if (!stbi_info_from_memory(data, (int)len, &w, &h, &comp)) {
        return fail(ERR_INVALID, "damaged %s image: %s", fmt, stbi_failure_reason());
    }
    uint64_t pixels = (uint64_t)w * (uint64_t)h;
    if (pixels > max_pixels) {
        return fail(ERR_TOO_LARGE, "the %s image is %d x %d (%.1f megapixels), over the limit of %.1f megapixels",
                    fmt, w, h, pixels / 1e6, max_pixels / 1e6);
    }
    out->full_w = w;
    out->full_h = h;
    if (strcmp(fmt, "jpeg") == 0) {
        int tw, th;
        fit(w, h, max_w, max_h, &tw, &th);
        jpeg_image jpeg;
        switch (jpeg_decode_scaled(data, len, tw, th, req_comp == 4, &jpeg)) {
            case JPEG_DECODED:
                out->pixels = jpeg.pixels;
                out->w = jpeg.w;
                out->h = jpeg.h;
                out->channels = jpeg.channels;
                return NULL;
            case JPEG_DAMAGED: return fail(ERR_INVALID, "damaged jpeg image: %s", jpeg.message);
            case JPEG_OUT_OF_MEMORY: return fail(ERR_TOO_LARGE, "out of memory decoding a %d x %d jpeg image", w, h);
            case JPEG_UNSUPPORTED: break; // CMYK: stb_image converts it
        }
    }
    out->pixels = stbi_load_from_memory(data, (int)len, &out->w, &out->h, &out->channels, req_comp);
    if (!out->pixels) return fail(ERR_INVALID, "damaged %s image: %s", fmt, stbi_failure_reason());
    if (req_comp) out->channels = req_comp;
    return NULL;
}

// The box rule: fit inside max_w x max_h keeping the aspect ratio, rounded to the nearest pixel,
// at least 1; an image already inside the box keeps its size.
static void fit(int w, int h, uint32_t max_w, uint32_t max_h, int *tw, int *th) {
    if ((uint32_t)w <= max_w && (uint32_t)h <= max_h) { *tw = w; *th = h; return; }
    if ((uint64_t)w * max_h >= (uint64_t)h * max_w) { // the width limits
        *tw = (int)max_w;
        *th = (int)(((uint64_t)h * max_w * 2 + (uint64_t)w) / (2 * (uint64_t)w));
    } else {
        *th = (int)max_h;
        *tw = (int)(((uint64_t)w * max_h * 2 + (uint64_t)h) / (2 * (uint64_t)h));
    }
    if (*tw < 1) *tw = 1;
    if (*th < 1) *th = 1;
}

static uint8_t *check_box(const spec *s) {
    if (s->max_w == 0 || s->max_h == 0) return fail(ERR_BAD_REQUEST, "the box %u x %u is empty", s->max_w, s->max_h);
    if (s->max_w > 16384 || s->max_h > 16384) return fail(ERR_BAD_REQUEST, "the box %u x %u is over 16384 pixels a side", s->max_w, s->max_h);
    return NULL;
}

// Scales `img` into the box (the size fit() gives its full size); replaces its pixels (the old ones
// are freed). NULL or an error.
static uint8_t *scale_into(decoded *img, uint32_t max_w, uint32_t max_h) {
    int tw, th;
    fit(img->full_w, img->full_h, max_w, max_h, &tw, &th);
    if (tw == img->w && th == img->h) return NULL;
    uint8_t *out = malloc((size_t)tw * th * img->channels);
    if (!out) return fail(ERR_TOO_LARGE, "out of memory for a %d x %d image", tw, th);
    if (!stbir_resize_uint8(img->pixels, img->w, img->h, 0, out, tw, th, 0, img->channels)) {
        free(out);
        return fail(ERR_TOO_LARGE, "out of memory scaling to %d x %d", tw, th);
    }
    stbi_image_free(img->pixels);
    img->pixels = out;
    img->w = tw;
    img->h = th;
    return NULL;
}

// ------------------------------------------------------------------ encoding

typedef struct {
    uint8_t *data;
    size_t len, cap;
    int failed;
} buffer;

static void append(void *ctx, void *bytes, int n) {
    buffer *b = ctx;
    if (b->failed || n <= 0) return;
    if (b->len + (size_t)n > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 65536;
        while (cap < b->len + (size_t)n) cap *= 2;
        uint8_t *p = realloc(b->data, cap);
        if (!p) { b->failed = 1; return; }
        b->data = p;
        b->cap = cap;
    }
    memcpy(b->data + b->len, bytes, (size_t)n);
    b->len += (size_t)n;
}

static uint8_t *encode_into(const uint8_t *pixels, int w, int h, int channels, int32_t format, int32_t quality, buffer *out) {
    memset(out, 0, sizeof *out);
    int done;
    if (format == 0) {
        done = stbi_write_png_to_func(append, out, w, h, channels, pixels, w * channels);
    } else if (format == 1) {
        if (quality < 1 || quality > 100) return fail(ERR_BAD_REQUEST, "JPEG quality %d is not between 1 and 100", quality);
        done = stbi_write_jpg_to_func(append, out, w, h, channels, pixels, quality);
    } else {
        return fail(ERR_BAD_REQUEST, "unknown format %d", format);
    }
    if (!done || out->failed) {
        free(out->data);
        out->data = NULL;
        return fail(ERR_TOO_LARGE, "out of memory encoding a %d x %d image", w, h);
    }
    return NULL;
}

static const char *format_name(int32_t format) { return format == 0 ? "png" : "jpeg"; }

static uint8_t *thumbnail_of(const uint8_t *data, size_t len, const spec *s, const char *what) {
    uint8_t *err = check_box(s);
    if (err) return err;
    decoded img;
    if ((err = decode_checked(data, len, s->max_pixels, s->max_w, s->max_h, 0, &img))) return err;
    int w0 = img.full_w, h0 = img.full_h;
    if ((err = scale_into(&img, s->max_w, s->max_h))) { stbi_image_free(img.pixels); return err; }
    buffer out;
    err = encode_into(img.pixels, img.w, img.h, img.channels, s->format, s->quality, &out);
    stbi_image_free(img.pixels);
    if (err) return err;
    log_line(LOG_INFO, "thumbnail of %s: %s %d x %d -> %s %d x %d, %zu bytes", what, format_of(data, len), w0, h0,
         format_name(s->format), img.w, img.h, out.len);
    return ok_sized_bytes((uint32_t)img.w, (uint32_t)img.h, out.data, out.len);
}

// ------------------------------------------------------------------ exports

// probe: func(data: list<u8>) -> result<image-info, image-error>
EXPORT(IFACE "probe")
uint8_t *probe(uint8_t *data, size_t len) {
    uint8_t *result;
    const char *fmt = format_of(data, len);
    int w, h, comp;
    if (!fmt) {
        result = fail(ERR_INVALID, "not a PNG, JPEG, GIF or BMP image (%zu bytes)", len);
    } else if (len > INT_MAX || !stbi_info_from_memory(data, (int)len, &w, &h, &comp)) {
        result = fail(ERR_INVALID, "damaged %s image: %s", fmt, stbi_failure_reason());
    } else {
        size_t n = strlen(fmt);
        char *name = malloc(n);
        if (!name) __builtin_trap();
        memcpy(name, fmt, n);
        own(name);
        memset(ret_area, 0, sizeof ret_area);
        put_u32(4, (uint32_t)w);
        put_u32(8, (uint32_t)h);
        ret_area[12] = (uint8_t)comp;
        put_u32(16, (uint32_t)(uintptr_t)name);
        put_u32(20, (uint32_t)n);
        result = ret_area;
    }
    cabi_free(data, len);
    return result;
}

// thumbnail: func(data: list<u8>, spec: thumbnail-spec) -> result<encoded, image-error>
EXPORT(IFACE "thumbnail")
uint8_t *thumbnail(uint8_t *data, size_t len, uint32_t max_w, uint32_t max_h, uint32_t max_pixels, int32_t format,
                   int32_t quality) {
    spec s = {max_w, max_h, max_pixels, format, quality};
    uint8_t *result = thumbnail_of(data, len, &s, "an upload");
    cabi_free(data, len);
    return result;
}

static uint8_t *read_file(const char *path, uint32_t max_pixels, uint8_t **data, size_t *len) {
    *data = NULL;
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        int e = errno;
        if (e == ENOENT) return fail(ERR_NOT_FOUND, "%s: no such file", path);
        if (e == ENOTCAPABLE || e == EACCES || e == EPERM) {
            return fail(ERR_DENIED, "%s: not granted to this plugin (%s)", path, strerror(e));
        }
        return fail(ERR_INVALID, "%s: cannot open (%s)", path, strerror(e));
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return fail(ERR_INVALID, "%s: not a regular file", path);
    }
    // a file bigger than any compressed image of max_pixels could reasonably be is refused unread
    uint64_t cap = (uint64_t)max_pixels * 4 + 65536;
    if ((uint64_t)st.st_size > cap) {
        close(fd);
        return fail(ERR_TOO_LARGE, "%s: %lld bytes is over the %llu bytes an image of the limit can take", path,
                    (long long)st.st_size, (unsigned long long)cap);
    }
    uint8_t *buf = malloc(st.st_size ? (size_t)st.st_size : 1);
    if (!buf) { close(fd); return fail(ERR_TOO_LARGE, "%s: out of memory", path); }
    size_t got = 0;
    while (got < (size_t)st.st_size) {
        ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);
        if (n < 0) {
            int e = errno;
            free(buf);
            close(fd);
            return fail(ERR_INVALID, "%s: read failed (%s)", path, strerror(e));
        }
        if (n == 0) break;
        got += (size_t)n;
    }
    close(fd);
    *data = buf;
    *len = got;
    return NULL;
}

// thumbnail-file: func(path: string, spec: thumbnail-spec) -> result<encoded, image-error>
EXPORT(IFACE "thumbnail-file")
uint8_t *thumbnail_file(char *path_ptr, size_t path_len, uint32_t max_w, uint32_t max_h, uint32_t max_pixels,
                        int32_t format, int32_t quality) {
    char *path = malloc(path_len + 1);
    if (!path) __builtin_trap();
    memcpy(path, path_ptr, path_len);
    path[path_len] = 0;
    cabi_free(path_ptr, path_len);
    spec s = {max_w, max_h, max_pixels, format, quality};
    uint8_t *data;
    size_t len;
    uint8_t *result = check_box(&s);
    if (!result && strlen(path) != path_len) result = fail(ERR_BAD_REQUEST, "the path contains a NUL character");
    if (!result) result = read_file(path, max_pixels, &data, &len);
    if (!result) {
        result = thumbnail_of(data, len, &s, path);
        free(data);
    }
    free(path);
    return result;
}

// decode: func(data: list<u8>, spec: thumbnail-spec) -> result<rgba-image, image-error>
EXPORT(IFACE "decode")
uint8_t *decode(uint8_t *data, size_t len, uint32_t max_w, uint32_t max_h, uint32_t max_pixels, int32_t format,
                int32_t quality) {
    (void)format;
    (void)quality;
    spec s = {max_w, max_h, max_pixels, 0, 0};
    decoded img = {0};
    uint8_t *result = check_box(&s);
    if (!result) result = decode_checked(data, len, max_pixels, max_w, max_h, 4, &img);
    if (!result) result = scale_into(&img, max_w, max_h);
    if (!result) {
        size_t n = (size_t)img.w * img.h * 4;
        uint8_t *copy = malloc(n); // stbi's block is not ours to hand out (STBI_FREE may differ)
        if (!copy) {
            result = fail(ERR_TOO_LARGE, "out of memory for a %d x %d image", img.w, img.h);
        } else {
            memcpy(copy, img.pixels, n);
            result = ok_sized_bytes((uint32_t)img.w, (uint32_t)img.h, copy, n);
        }
    }
    stbi_image_free(img.pixels);
    cabi_free(data, len);
    return result;
}

// encode: func(image: rgba-image, format: format, quality: u8) -> result<list<u8>, image-error>
EXPORT(IFACE "encode")
uint8_t *encode(uint32_t w, uint32_t h, uint8_t *pixels, size_t len, int32_t format, int32_t quality) {
    uint8_t *result = NULL;
    if (w == 0 || h == 0 || w > 16384 || h > 16384 || (uint64_t)w * h * 4 != len) {
        result = fail(ERR_BAD_REQUEST, "%zu bytes are not a %u x %u RGBA image", len, w, h);
    }
    buffer out;
    if (!result) result = encode_into(pixels, (int)w, (int)h, 4, format, quality, &out);
    if (!result) {
        own(out.data);
        memset(ret_area, 0, sizeof ret_area);
        put_u32(4, (uint32_t)(uintptr_t)out.data);
        put_u32(8, (uint32_t)out.len);
        result = ret_area;
    }
    cabi_free(pixels, len);
    return result;
}

// Post-returns: the area's pointers are all in `owned`.
EXPORT("cabi_post_" IFACE "probe") void post_probe(uint8_t *r) { (void)r; release_owned(); }
EXPORT("cabi_post_" IFACE "thumbnail") void post_thumbnail(uint8_t *r) { (void)r; release_owned(); }
EXPORT("cabi_post_" IFACE "thumbnail-file") void post_thumbnail_file(uint8_t *r) { (void)r; release_owned(); }
EXPORT("cabi_post_" IFACE "decode") void post_decode(uint8_t *r) { (void)r; release_owned(); }
EXPORT("cabi_post_" IFACE "encode") void post_encode(uint8_t *r) { (void)r; release_owned(); }
