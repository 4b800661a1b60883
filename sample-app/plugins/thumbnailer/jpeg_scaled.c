// jpeg_scaled: JPEG decoding with libjpeg-turbo (Debian's source, built by ../build.sh), scaled in the
// DCT domain while decoding. A 4000 x 3000 photo wanted as a 256-pixel thumbnail is decoded at 1/8
// (500 x 375): the inverse DCT of each 8 x 8 block shrinks to its DC term, colour conversion and
// upsampling run on 1/64 of the pixels, and the plugin never holds the 36 MB of full-size pixels.
// That is what real thumbnailers do (libvips' shrink-on-load, ImageMagick's -define jpeg:size),
// and what stb_image, which always decodes at full size, cannot.
//
// libjpeg reports a fatal error by calling error_exit, which must not return: C programs longjmp
// out of it. wasm32-wasi has no setjmp/longjmp without the exception-handling proposal, which
// this plugin's hosts do not all run, so the unwinding is done by Binaryen's Asyncify instead
// (build.sh runs `wasm-opt --asyncify` on the linked module): error_exit starts an unwind, every
// instrumented function between it and decode_guarded returns at once, and decode_guarded, left
// uninstrumented by an asyncify-removelist, stops the unwind and reports the error. Nothing is
// ever rewound. A warning (corrupt data, a premature end of file) ends the decode the same way:
// a damaged JPEG is refused, as stb_image refuses one, instead of being shown with grey blocks.
#include "jpeg_scaled.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jpeglib.h"
#include "jerror.h"

// ------------------------------------------------------------------ unwinding (Binaryen Asyncify)

// wasm-opt replaces these imports with its own functions; the linked module imports neither.
__attribute__((import_module("asyncify"), import_name("start_unwind"))) void asyncify_start_unwind(void *area);
__attribute__((import_module("asyncify"), import_name("stop_unwind"))) void asyncify_stop_unwind(void);

// Where an unwind saves the frames it leaves (never read back: nothing is rewound). libjpeg's call
// depth is about a dozen frames of a few dozen locals each.
static struct { void *top, *end; } unwind_area;
static _Alignas(8) char unwind_frames[32768];

typedef struct {
    struct jpeg_error_mgr pub;
    int failed;
    int code;
    char message[JMSG_LENGTH_MAX];
} error_state;

static void stop_decoding(j_common_ptr cinfo) {
    error_state *err = (error_state *)cinfo->err;
    if (err->failed) return; // already unwinding
    err->failed = 1;
    err->code = cinfo->err->msg_code;
    cinfo->err->format_message(cinfo, err->message);
    unwind_area.top = unwind_frames;
    unwind_area.end = unwind_frames + sizeof unwind_frames;
    asyncify_start_unwind(&unwind_area);
}

static void on_error(j_common_ptr cinfo) { stop_decoding(cinfo); }

// level -1 is a warning about the data (libjpeg would go on with grey blocks); trace levels are ignored.
static void on_message(j_common_ptr cinfo, int level) {
    if (level < 0) stop_decoding(cinfo);
}

// ------------------------------------------------------------------ decoding

typedef struct {
    struct jpeg_decompress_struct cinfo;
    error_state err;
    const uint8_t *data;
    size_t len;
    int min_w, min_h, rgba;
    uint8_t *pixels; // allocated by decode_unguarded; freed by decode_guarded if the decode fails
    int unsupported;
} job;

static unsigned scaled(unsigned size, int m) { return (size * (unsigned)m + 7) / 8; }

// Everything that may reach error_exit; Asyncify instruments it and all it calls.
__attribute__((noinline)) static void decode_unguarded(job *j) {
    j_decompress_ptr c = &j->cinfo;
    jpeg_mem_src(c, j->data, (unsigned long)j->len);
    jpeg_read_header(c, TRUE);
    if (c->jpeg_color_space == JCS_CMYK || c->jpeg_color_space == JCS_YCCK) {
        j->unsupported = 1;
        return;
    }
    int m = 1;
    while (m < 8 && (scaled(c->image_width, m) < (unsigned)j->min_w || scaled(c->image_height, m) < (unsigned)j->min_h)) {
        m++;
    }
    c->scale_num = (unsigned)m;
    c->scale_denom = 8;
    if (j->rgba) {
        c->out_color_space = JCS_EXT_RGBA;
    } else {
        c->out_color_space = c->jpeg_color_space == JCS_GRAYSCALE ? JCS_GRAYSCALE : JCS_RGB;
    }
    jpeg_start_decompress(c);
    size_t stride = (size_t)c->output_width * (size_t)c->output_components;
    j->pixels = malloc(stride * c->output_height);
    if (!j->pixels) ERREXIT1(c, JERR_OUT_OF_MEMORY, 100);
    while (c->output_scanline < c->output_height) {
        JSAMPROW row = j->pixels + stride * c->output_scanline;
        jpeg_read_scanlines(c, &row, 1);
    }
}

// The landing point of an unwind: not instrumented (build.sh's asyncify-removelist names it), so
// it carries on after decode_unguarded returns, unwinding or not, and only calls what is safe then.
__attribute__((noinline)) static void decode_guarded(job *j) {
    decode_unguarded(j);
    if (j->err.failed) asyncify_stop_unwind();
}

jpeg_outcome jpeg_decode_scaled(const uint8_t *data, size_t len, int min_w, int min_h, int rgba, jpeg_image *out) {
    job *j = calloc(1, sizeof *j);
    if (!j) return JPEG_OUT_OF_MEMORY;
    j->data = data;
    j->len = len;
    j->min_w = min_w;
    j->min_h = min_h;
    j->rgba = rgba;
    j->cinfo.err = jpeg_std_error(&j->err.pub);
    j->err.pub.error_exit = on_error;
    j->err.pub.emit_message = on_message;
    jpeg_create_decompress(&j->cinfo); // cannot fail before memory runs out: libjpeg's own pools come later

    decode_guarded(j);

    jpeg_outcome outcome;
    if (j->err.failed) {
        free(j->pixels);
        snprintf(out->message, sizeof out->message, "%s", j->err.message);
        outcome = j->err.code == JERR_OUT_OF_MEMORY ? JPEG_OUT_OF_MEMORY : JPEG_DAMAGED;
    } else if (j->unsupported) {
        outcome = JPEG_UNSUPPORTED;
    } else {
        out->pixels = j->pixels;
        out->w = (int)j->cinfo.output_width;
        out->h = (int)j->cinfo.output_height;
        out->channels = j->cinfo.output_components;
        outcome = JPEG_DECODED;
    }
    // destroyed without jpeg_finish_decompress, which would read on to the end of the file for nothing
    jpeg_destroy_decompress(&j->cinfo);
    free(j);
    return outcome;
}
