// PNG encoder to memory (libpng): every colour type and bit depth, optional palette, tRNS and Adam7.
// GailleryVision uses it to generate test images and benchmark inputs.
#include "gi_internal.h"
#include "gi_png_guard.h"

#include <stdlib.h>
#include <string.h>

/// Encoder state kept off the stack frame that calls setjmp, so nothing is indeterminate after a jump.
typedef struct gi_png_encoder {
    gi_png_guard guard;
    png_structp png;
    png_infop info;
    uint8_t *data;
    size_t size;
    size_t capacity;
    png_bytep *rows;
    png_color palette[256];
} gi_png_encoder;

static void gi_png_write_data(png_structp png, png_bytep bytes, size_t length) {
    gi_png_encoder *encoder = png_get_io_ptr(png);
    if (length > encoder->capacity - encoder->size) {
        size_t capacity = encoder->capacity ? encoder->capacity : 4096;
        while (length > capacity - encoder->size) capacity *= 2;
        uint8_t *grown = realloc(encoder->data, capacity);
        if (grown == NULL) png_error(png, "out of memory growing the PNG output");
        encoder->data = grown;
        encoder->capacity = capacity;
    }
    memcpy(encoder->data + encoder->size, bytes, length);
    encoder->size += length;
}

static void gi_png_flush(png_structp png) { (void)png; }

static gi_status gi_png_compress(gi_png_encoder *encoder, const uint8_t *pixels, const gi_png_encode_request *request) {
    if (setjmp(encoder->guard.jump)) return encoder->guard.status;
    encoder->png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &encoder->guard, gi_png_error, gi_png_warning);
    if (encoder->png != NULL) encoder->info = png_create_info_struct(encoder->png);
    if (encoder->info == NULL) return GI_ERR_NO_MEMORY;
    png_structp png = encoder->png;
    png_set_write_fn(png, encoder, gi_png_write_data, gi_png_flush);
    png_set_IHDR(png, encoder->info, request->width, request->height, request->bit_depth, request->color_type,
                 request->interlaced ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                 PNG_FILTER_TYPE_DEFAULT);
    if (request->palette != NULL && request->palette_count > 0 && request->palette_count <= 256) {
        for (int32_t i = 0; i < request->palette_count; i++) {
            encoder->palette[i] = (png_color){
                request->palette[3 * i], request->palette[3 * i + 1], request->palette[3 * i + 2]};
        }
        png_set_PLTE(png, encoder->info, encoder->palette, request->palette_count);
    }
    if (request->trns != NULL && request->trns_count > 0)
        png_set_tRNS(png, encoder->info, request->trns, request->trns_count, NULL);
    png_write_info(png, encoder->info);
    size_t row_bytes = png_get_rowbytes(png, encoder->info);
    encoder->rows = malloc(sizeof(png_bytep) * request->height);
    if (encoder->rows == NULL) png_error(png, "out of memory allocating row pointers");
    for (uint32_t y = 0; y < request->height; y++) encoder->rows[y] = (png_bytep)(pixels + (size_t)y * row_bytes);
    png_write_image(png, encoder->rows);
    png_write_end(png, NULL);
    return GI_OK;
}

gi_status gi_png_encode(const uint8_t *rows, const gi_png_encode_request *request, uint8_t **out,
                        size_t *out_size, gi_message *message) {
    if (rows == NULL || request == NULL || out == NULL || out_size == NULL) return GI_ERR_ARGUMENT;
    *out = NULL;
    *out_size = 0;
    gi_png_encoder *encoder = calloc(1, sizeof *encoder);
    if (encoder == NULL) return GI_ERR_NO_MEMORY;
    encoder->guard.message = message;
    encoder->guard.default_status = GI_ERR_ARGUMENT;
    gi_status status = gi_png_compress(encoder, rows, request);
    if (encoder->png != NULL) png_destroy_write_struct(&encoder->png, encoder->info ? &encoder->info : NULL);
    free(encoder->rows);
    if (status == GI_OK) {
        *out = encoder->data;
        *out_size = encoder->size;
    } else {
        free(encoder->data);
    }
    free(encoder);
    return status;
}
