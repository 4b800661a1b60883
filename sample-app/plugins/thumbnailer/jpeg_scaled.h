// jpeg_scaled: JPEG decoding with libjpeg-turbo, scaled in the DCT domain while decoding.
#ifndef THUMBNAILER_JPEG_SCALED_H
#define THUMBNAILER_JPEG_SCALED_H

#include <stddef.h>
#include <stdint.h>

typedef enum {
    JPEG_DECODED,      // pixels, w, h, channels are set (pixels is malloc'd)
    JPEG_UNSUPPORTED,  // a colour space this path does not convert (CMYK, YCCK): decode it another way
    JPEG_DAMAGED,      // libjpeg refused the data or warned about it; `message` says why
    JPEG_OUT_OF_MEMORY // the plugin's memory limit was reached
} jpeg_outcome;

typedef struct {
    uint8_t *pixels;
    int w, h, channels;
    char message[200];
} jpeg_image;

// Decodes `data` at the smallest scale M/8 (M = 1..8) whose size still covers `min_w` x `min_h`.
// `rgba` asks for 4 channels; otherwise grey images give 1 and colour images 3.
jpeg_outcome jpeg_decode_scaled(const uint8_t *data, size_t len, int min_w, int min_h, int rgba, jpeg_image *out);

#endif
