// JPEG encoder to memory (libjpeg-turbo), used for thumbnails and for generating test images.
#include "gi_internal.h"
#include "gi_jpeg_error.h"

#include <stdlib.h>
#include <string.h>

/// Encoder state kept off the stack frame that calls setjmp, so nothing is indeterminate after a jump.
typedef struct gi_jpeg_encoder {
    struct jpeg_compress_struct cinfo;
    gi_jpeg_error error;
    unsigned char *buffer;
    unsigned long size;
} gi_jpeg_encoder;

static gi_status gi_jpeg_compress(gi_jpeg_encoder *encoder, const uint8_t *pixels, uint32_t width,
                                  uint32_t height, int32_t layout, int32_t quality, int32_t progressive) {
    if (setjmp(encoder->error.jump)) return encoder->error.status;
    j_compress_ptr cinfo = &encoder->cinfo;
    jpeg_create_compress(cinfo);
    jpeg_mem_dest(cinfo, &encoder->buffer, &encoder->size);
    cinfo->image_width = width;
    cinfo->image_height = height;
    switch (layout) {
    case GI_LAYOUT_GRAY: cinfo->input_components = 1; cinfo->in_color_space = JCS_GRAYSCALE; break;
    case GI_LAYOUT_RGB: cinfo->input_components = 3; cinfo->in_color_space = JCS_RGB; break;
    default: cinfo->input_components = 4; cinfo->in_color_space = JCS_CMYK; break;
    }
    jpeg_set_defaults(cinfo);
    if (layout == GI_LAYOUT_YCCK) jpeg_set_colorspace(cinfo, JCS_YCCK);
    jpeg_set_quality(cinfo, quality, TRUE);
    cinfo->optimize_coding = TRUE;
    if (progressive) jpeg_simple_progression(cinfo);
    jpeg_start_compress(cinfo, TRUE);
    size_t stride = (size_t)width * (size_t)cinfo->input_components;
    while (cinfo->next_scanline < cinfo->image_height) {
        JSAMPROW row = (JSAMPROW)(pixels + (size_t)cinfo->next_scanline * stride);
        jpeg_write_scanlines(cinfo, &row, 1);
    }
    jpeg_finish_compress(cinfo);
    return GI_OK;
}

gi_status gi_jpeg_encode(const uint8_t *pixels, uint32_t width, uint32_t height, int32_t layout,
                         int32_t quality, int32_t progressive, uint8_t **out, size_t *out_size,
                         gi_message *message) {
    if (pixels == NULL || out == NULL || out_size == NULL || width == 0 || height == 0 || quality < 1 ||
        quality > 100 || (layout != GI_LAYOUT_GRAY && layout != GI_LAYOUT_RGB && layout != GI_LAYOUT_CMYK &&
                          layout != GI_LAYOUT_YCCK)) {
        gi_set_message(message, "invalid JPEG encode arguments (%ux%u, layout %d, quality %d)", width, height,
                       layout, quality);
        return GI_ERR_ARGUMENT;
    }
    *out = NULL;
    *out_size = 0;
    gi_jpeg_encoder *encoder = calloc(1, sizeof *encoder);
    if (encoder == NULL) return GI_ERR_NO_MEMORY;
    encoder->cinfo.err = gi_jpeg_error_init(&encoder->error, message);
    gi_status status = gi_jpeg_compress(encoder, pixels, width, height, layout, quality, progressive);
    jpeg_destroy_compress(&encoder->cinfo);
    if (status == GI_OK) {
        *out = encoder->buffer;
        *out_size = encoder->size;
    } else {
        free(encoder->buffer);
    }
    free(encoder);
    return status;
}
