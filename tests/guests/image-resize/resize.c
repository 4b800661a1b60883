// image-resize: bilinear scaling of an RGBA image, in 8-bit fixed point so
// that the plain-Java copy of the algorithm in the benchmarks
// (ImageResizeJava) gives exactly the same bytes. Built twice by ../build.sh:
//   * out/image-resize.wasm      - a component of world `image-resize`;
//                                  its memory grows on demand.
//   * out/image-resize-256m.core.wasm - the same code as a plain core module
//                                  with a fixed 256 MB memory: the "naive
//                                  host" baseline that instantiates it anew
//                                  for every call.
//
// Canonical ABI shapes:
//   resize: (ptr, len, width, height, new-width, new-height) -> i32
//           the list<u8> result is returned through a pointer to a (ptr, len)
//           pair; cabi_post_resize frees it after the host copied it.
#include <stdint.h>
#include <stdlib.h>

#include "cabi.h"

// Where the source coordinate of destination index i falls, in 1/256 units:
// pixel centres aligned ((i + 0.5) * src / dst - 0.5), clamped at 0.
static uint32_t source_position(uint32_t i, uint32_t src, uint32_t dst) {
    int64_t p = ((int64_t)(2 * i + 1) * src * 256) / (2 * (int64_t)dst) - 128;
    return p < 0 ? 0 : (uint32_t)p;
}

static uint32_t result_pair[2];

EXPORT("resize")
uint32_t *resize(const unsigned char *rgba, size_t len, uint32_t width, uint32_t height,
                 uint32_t new_width, uint32_t new_height) {
    if (width == 0 || height == 0 || new_width == 0 || new_height == 0
        || (uint64_t)len != (uint64_t)width * height * 4) {
        __builtin_trap();
    }
    size_t out_len = (size_t)new_width * new_height * 4;
    unsigned char *out = malloc(out_len);
    if (!out) __builtin_trap();
    for (uint32_t y = 0; y < new_height; y++) {
        uint32_t fy = source_position(y, height, new_height);
        uint32_t y0 = fy >> 8, wy = fy & 255;
        if (y0 >= height) y0 = height - 1;
        uint32_t y1 = y0 + 1 < height ? y0 + 1 : height - 1;
        const unsigned char *row0 = rgba + (size_t)y0 * width * 4;
        const unsigned char *row1 = rgba + (size_t)y1 * width * 4;
        for (uint32_t x = 0; x < new_width; x++) {
            uint32_t fx = source_position(x, width, new_width);
            uint32_t x0 = fx >> 8, wx = fx & 255;
            if (x0 >= width) x0 = width - 1;
            uint32_t x1 = x0 + 1 < width ? x0 + 1 : width - 1;
            unsigned char *o = out + ((size_t)y * new_width + x) * 4;
            for (int c = 0; c < 4; c++) {
                uint32_t top = row0[x0 * 4 + c] * (256 - wx) + row0[x1 * 4 + c] * wx;
                uint32_t bottom = row1[x0 * 4 + c] * (256 - wx) + row1[x1 * 4 + c] * wx;
                o[c] = (unsigned char)((top * (256 - wy) + bottom * wy + 32768) >> 16);
            }
        }
    }
    if (len) free((void *)rgba);
    result_pair[0] = (uint32_t)(uintptr_t)out;
    result_pair[1] = (uint32_t)out_len;
    return result_pair;
}

EXPORT("cabi_post_resize")
void cabi_post_resize(uint32_t *pair) {
    free((void *)(uintptr_t)pair[0]);
}
