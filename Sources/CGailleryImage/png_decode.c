// PNG decode (libpng) to 8-bit RGB: 1-16 bit, gray, palette, alpha, tRNS, Adam7.
#include "gi_internal.h"
#include "gi_png_guard.h"

#include <stdlib.h>
#include <string.h>

struct gi_png_decoder {
    gi_png_guard guard;
    png_structp png;
    png_infop info;
    const uint8_t *data;
    size_t size;
    size_t offset;
    uint32_t width;
    uint32_t height;
    /// Channels after the transforms: 3 (RGB) or 4 (RGBA, reduced to RGB per alpha_mode).
    int channels;
    int passes;
    int32_t alpha_mode;
    /// RGBA staging: one row, or the whole image when Adam7 passes must accumulate.
    uint8_t *scratch;
};

static void gi_png_read_data(png_structp png, png_bytep out, size_t length) {
    gi_png_decoder *decoder = png_get_io_ptr(png);
    if (length > decoder->size - decoder->offset) {
        decoder->guard.hit_end = 1;
        png_error(png, "PNG data ends early (premature end of file)");
    }
    memcpy(out, decoder->data + decoder->offset, length);
    decoder->offset += length;
}

static int32_t gi_png_color_model(int color_type) {
    switch (color_type) {
    case PNG_COLOR_TYPE_GRAY: return GI_COLOR_GRAY;
    case PNG_COLOR_TYPE_GRAY_ALPHA: return GI_COLOR_GRAY_ALPHA;
    case PNG_COLOR_TYPE_RGB: return GI_COLOR_RGB;
    case PNG_COLOR_TYPE_RGB_ALPHA: return GI_COLOR_RGBA;
    case PNG_COLOR_TYPE_PALETTE: return GI_COLOR_PALETTE;
    default: return GI_COLOR_UNKNOWN;
    }
}

/// RGBA -> RGB, either composited over white with rounding or with alpha ignored.
static void gi_rgba_to_rgb(const uint8_t *rgba, uint8_t *rgb, uint32_t width, int32_t alpha_mode) {
    for (uint32_t x = 0; x < width; x++, rgba += 4, rgb += 3) {
        unsigned alpha = alpha_mode == GI_ALPHA_DROP ? 255 : rgba[3];
        for (int c = 0; c < 3; c++) rgb[c] = (uint8_t)((rgba[c] * alpha + 255 * (255 - alpha) + 127) / 255);
    }
}

static gi_status gi_png_start(gi_png_decoder *decoder, const gi_decode_request *request, gi_decode_output *output) {
    if (setjmp(decoder->guard.jump)) return decoder->guard.status;
    decoder->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &decoder->guard, gi_png_error, gi_png_warning);
    if (decoder->png != NULL) decoder->info = png_create_info_struct(decoder->png);
    if (decoder->info == NULL) {
        gi_set_message(decoder->guard.message, "out of memory creating a PNG reader");
        return GI_ERR_NO_MEMORY;
    }
    png_structp png = decoder->png;
    png_set_read_fn(png, decoder, gi_png_read_data);
    png_read_info(png, decoder->info);
    png_uint_32 width, height;
    int depth, color_type, interlace;
    png_get_IHDR(png, decoder->info, &width, &height, &depth, &color_type, &interlace, NULL, NULL);
    output->source = (gi_header){
        .width = width, .height = height, .components = png_get_channels(png, decoder->info), .bit_depth = depth,
        .color_model = gi_png_color_model(color_type), .progressive = interlace != PNG_INTERLACE_NONE, .adobe = 0};
    gi_status status = gi_check_pixels("PNG", width, height, request->max_pixels, decoder->guard.message);
    if (status != GI_OK) return status;

    if (depth == 16) png_set_scale_16(png);
    if (color_type == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(png);
    if (color_type == PNG_COLOR_TYPE_GRAY && depth < 8) png_set_expand_gray_1_2_4_to_8(png);
    if (png_get_valid(png, decoder->info, PNG_INFO_tRNS)) png_set_tRNS_to_alpha(png);
    if (color_type == PNG_COLOR_TYPE_GRAY || color_type == PNG_COLOR_TYPE_GRAY_ALPHA) png_set_gray_to_rgb(png);
    decoder->passes = png_set_interlace_handling(png);
    png_read_update_info(png, decoder->info);

    decoder->width = width;
    decoder->height = height;
    decoder->channels = png_get_channels(png, decoder->info);
    if ((decoder->channels != 3 && decoder->channels != 4) || png_get_bit_depth(png, decoder->info) != 8 ||
        png_get_rowbytes(png, decoder->info) != (size_t)width * (size_t)decoder->channels) {
        gi_set_message(decoder->guard.message, "PNG could not be converted to 8-bit RGB (%d channels)",
                       decoder->channels);
        return GI_ERR_UNSUPPORTED;
    }
    if (decoder->channels == 4) {
        size_t rows = decoder->passes > 1 ? height : 1;
        decoder->scratch = malloc((size_t)width * 4 * rows);
        if (decoder->scratch == NULL) {
            gi_set_message(decoder->guard.message, "out of memory staging a %ux%u RGBA PNG", width, height);
            return GI_ERR_NO_MEMORY;
        }
    }
    output->width = width;
    output->height = height;
    output->scale_num = 8;
    return GI_OK;
}

gi_status gi_png_open(const uint8_t *data, size_t size, const gi_decode_request *request,
                      gi_png_decoder **decoder, gi_decode_output *output, gi_message *message) {
    if (decoder == NULL) return GI_ERR_ARGUMENT;
    *decoder = NULL;
    if (data == NULL || size == 0 || request == NULL || output == NULL) {
        gi_set_message(message, "no PNG data or no request");
        return GI_ERR_ARGUMENT;
    }
    gi_png_decoder *created = calloc(1, sizeof *created);
    if (created == NULL) return GI_ERR_NO_MEMORY;
    created->guard.message = message;
    created->guard.default_status = GI_ERR_CORRUPT;
    created->data = data;
    created->size = size;
    created->alpha_mode = request->alpha_mode;
    gi_status status = gi_png_start(created, request, output);
    if (status != GI_OK) {
        gi_png_close(created);
        return status;
    }
    *decoder = created;
    return GI_OK;
}

static gi_status gi_png_rows(gi_png_decoder *decoder, uint8_t *rgb) {
    if (setjmp(decoder->guard.jump)) return decoder->guard.status;
    png_structp png = decoder->png;
    uint32_t width = decoder->width, height = decoder->height;
    size_t stride = (size_t)width * 3;
    for (int pass = 0; pass < decoder->passes; pass++) {
        for (uint32_t y = 0; y < height; y++) {
            if (decoder->channels == 3) {
                png_read_row(png, rgb + y * stride, NULL);
            } else if (decoder->passes > 1) {
                png_read_row(png, decoder->scratch + (size_t)y * width * 4, NULL);
            } else {
                png_read_row(png, decoder->scratch, NULL);
                gi_rgba_to_rgb(decoder->scratch, rgb + y * stride, width, decoder->alpha_mode);
            }
        }
    }
    if (decoder->channels == 4 && decoder->passes > 1) {
        for (uint32_t y = 0; y < height; y++)
            gi_rgba_to_rgb(decoder->scratch + (size_t)y * width * 4, rgb + y * stride, width, decoder->alpha_mode);
    }
    png_read_end(png, NULL);
    return GI_OK;
}

gi_status gi_png_read(gi_png_decoder *decoder, uint8_t *rgb, size_t capacity, gi_message *message) {
    if (decoder == NULL || rgb == NULL) return GI_ERR_ARGUMENT;
    decoder->guard.message = message;
    if (capacity / 3 / decoder->width < decoder->height) {
        gi_set_message(message, "RGB buffer of %zu bytes is too small", capacity);
        return GI_ERR_ARGUMENT;
    }
    return gi_png_rows(decoder, rgb);
}

void gi_png_close(gi_png_decoder *decoder) {
    if (decoder == NULL) return;
    if (decoder->png != NULL) png_destroy_read_struct(&decoder->png, decoder->info ? &decoder->info : NULL, NULL);
    free(decoder->scratch);
    free(decoder);
}
