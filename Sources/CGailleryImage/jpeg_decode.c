// JPEG header probe and decode (libjpeg-turbo) with DCT scaling, CMYK/YCCK conversion and a scan limit.
#include "gi_internal.h"
#include "gi_jpeg_error.h"

#include <stdlib.h>

/// Real encoders write at most a few dozen scans; libjpeg-turbo's own tools cap hostile files at 500,
/// because each extra progressive scan re-walks the whole coefficient buffer (a CPU bomb).
enum { GI_MAX_SCANS = 500 };

struct gi_jpeg_decoder {
    struct jpeg_decompress_struct cinfo;
    gi_jpeg_error error;
    struct jpeg_progress_mgr progress;
    /// The output is CMYK (from CMYK or YCCK) and is converted to RGB row by row through `row`.
    int cmyk;
    /// The CMYK samples are stored inverted (Adobe APP14 present, as Photoshop writes them).
    int inverted;
    uint8_t *row;
};

static void gi_jpeg_progress(j_common_ptr cinfo) {
    if (((j_decompress_ptr)cinfo)->input_scan_number > GI_MAX_SCANS)
        gi_jpeg_fail(cinfo, GI_ERR_CORRUPT, "JPEG has more than 500 scans, which no real encoder writes");
}

static void gi_jpeg_header_from(j_decompress_ptr cinfo, gi_header *header) {
    header->width = cinfo->image_width;
    header->height = cinfo->image_height;
    header->components = cinfo->num_components;
    header->bit_depth = cinfo->data_precision;
    header->progressive = cinfo->progressive_mode ? 1 : 0;
    header->adobe = cinfo->saw_Adobe_marker ? 1 : 0;
    switch (cinfo->jpeg_color_space) {
    case JCS_GRAYSCALE: header->color_model = GI_COLOR_GRAY; break;
    case JCS_RGB: header->color_model = GI_COLOR_RGB; break;
    case JCS_YCbCr: header->color_model = GI_COLOR_YCBCR; break;
    case JCS_CMYK: header->color_model = GI_COLOR_CMYK; break;
    case JCS_YCCK: header->color_model = GI_COLOR_YCCK; break;
    default: header->color_model = GI_COLOR_UNKNOWN; break;
    }
}

/// Picks the smallest scale N/8 whose output still covers the request (each side capped at full size).
static void gi_jpeg_pick_scale(j_decompress_ptr cinfo, const gi_decode_request *request) {
    uint32_t full_long = cinfo->image_width > cinfo->image_height ? cinfo->image_width : cinfo->image_height;
    uint32_t full_short = cinfo->image_width > cinfo->image_height ? cinfo->image_height : cinfo->image_width;
    uint32_t want_long = request->min_long_side < full_long ? request->min_long_side : full_long;
    uint32_t want_short = request->min_short_side < full_short ? request->min_short_side : full_short;
    cinfo->scale_denom = 8;
    for (unsigned int num = 1; num <= 8; num++) {
        cinfo->scale_num = num;
        jpeg_calc_output_dimensions(cinfo);
        uint32_t w = cinfo->output_width, h = cinfo->output_height;
        if ((w > h ? w : h) >= want_long && (w > h ? h : w) >= want_short) return;
    }
}

/// Inverse of a CMYK ink model without a colour profile: R = (255-C)(255-K)/255, and likewise G from M
/// and B from Y. Adobe files store 255-ink, so their samples are already the complements.
static void gi_cmyk_to_rgb(const uint8_t *cmyk, uint8_t *rgb, uint32_t width, int inverted) {
    for (uint32_t x = 0; x < width; x++, cmyk += 4, rgb += 3) {
        unsigned c = cmyk[0], m = cmyk[1], y = cmyk[2], k = cmyk[3];
        if (!inverted) {
            c = 255 - c; m = 255 - m; y = 255 - y; k = 255 - k;
        }
        rgb[0] = (uint8_t)((c * k + 127) / 255);
        rgb[1] = (uint8_t)((m * k + 127) / 255);
        rgb[2] = (uint8_t)((y * k + 127) / 255);
    }
}

static gi_jpeg_decoder *gi_jpeg_new(gi_message *message) {
    gi_jpeg_decoder *decoder = calloc(1, sizeof *decoder);
    if (decoder == NULL) {
        gi_set_message(message, "out of memory allocating a JPEG decoder");
        return NULL;
    }
    decoder->cinfo.err = gi_jpeg_error_init(&decoder->error, message);
    return decoder;
}

/// Everything that may longjmp runs here, with state only in *decoder (no locals live across setjmp).
static gi_status gi_jpeg_start(gi_jpeg_decoder *decoder, const uint8_t *data, size_t size,
                               const gi_decode_request *request, gi_decode_output *output) {
    if (setjmp(decoder->error.jump)) return decoder->error.status;
    j_decompress_ptr cinfo = &decoder->cinfo;
    jpeg_create_decompress(cinfo);
    decoder->progress.progress_monitor = gi_jpeg_progress;
    cinfo->progress = &decoder->progress;
    jpeg_mem_src(cinfo, data, (unsigned long)size);
    jpeg_read_header(cinfo, TRUE);
    gi_jpeg_header_from(cinfo, &output->source);
    if (request == NULL) return GI_OK;

    gi_status status = gi_check_pixels("JPEG", cinfo->image_width, cinfo->image_height, request->max_pixels,
                                       decoder->error.message);
    if (status != GI_OK) return status;
    decoder->cmyk = cinfo->jpeg_color_space == JCS_CMYK || cinfo->jpeg_color_space == JCS_YCCK;
    decoder->inverted = decoder->cmyk && cinfo->saw_Adobe_marker;
    cinfo->out_color_space = decoder->cmyk ? JCS_CMYK : JCS_RGB;
    gi_jpeg_pick_scale(cinfo, request);
    jpeg_start_decompress(cinfo);
    if (cinfo->output_components != (decoder->cmyk ? 4 : 3))
        gi_jpeg_fail((j_common_ptr)cinfo, GI_ERR_UNSUPPORTED, "JPEG colour space cannot be converted to RGB");
    if (decoder->cmyk) {
        decoder->row = malloc((size_t)cinfo->output_width * 4);
        if (decoder->row == NULL) gi_jpeg_fail((j_common_ptr)cinfo, GI_ERR_NO_MEMORY, "out of memory");
    }
    output->width = cinfo->output_width;
    output->height = cinfo->output_height;
    output->scale_num = (int32_t)cinfo->scale_num;
    return GI_OK;
}

gi_status gi_jpeg_probe(const uint8_t *data, size_t size, gi_header *header, gi_message *message) {
    if (data == NULL || size == 0 || header == NULL) {
        gi_set_message(message, "no JPEG data");
        return GI_ERR_ARGUMENT;
    }
    gi_jpeg_decoder *decoder = gi_jpeg_new(message);
    if (decoder == NULL) return GI_ERR_NO_MEMORY;
    gi_decode_output output = {0};
    gi_status status = gi_jpeg_start(decoder, data, size, NULL, &output);
    if (status == GI_OK) *header = output.source;
    gi_jpeg_close(decoder);
    return status;
}

gi_status gi_jpeg_open(const uint8_t *data, size_t size, const gi_decode_request *request,
                       gi_jpeg_decoder **decoder, gi_decode_output *output, gi_message *message) {
    if (decoder == NULL) return GI_ERR_ARGUMENT;
    *decoder = NULL;
    if (data == NULL || size == 0 || request == NULL || output == NULL) {
        gi_set_message(message, "no JPEG data or no request");
        return GI_ERR_ARGUMENT;
    }
    gi_jpeg_decoder *created = gi_jpeg_new(message);
    if (created == NULL) return GI_ERR_NO_MEMORY;
    gi_status status = gi_jpeg_start(created, data, size, request, output);
    if (status != GI_OK) {
        gi_jpeg_close(created);
        return status;
    }
    *decoder = created;
    return GI_OK;
}

static gi_status gi_jpeg_scanlines(gi_jpeg_decoder *decoder, uint8_t *rgb) {
    if (setjmp(decoder->error.jump)) return decoder->error.status;
    j_decompress_ptr cinfo = &decoder->cinfo;
    size_t stride = (size_t)cinfo->output_width * 3;
    while (cinfo->output_scanline < cinfo->output_height) {
        uint8_t *target = rgb + (size_t)cinfo->output_scanline * stride;
        JSAMPROW row = decoder->cmyk ? decoder->row : target;
        if (jpeg_read_scanlines(cinfo, &row, 1) != 1)
            gi_jpeg_fail((j_common_ptr)cinfo, GI_ERR_TRUNCATED, "JPEG decoder stopped early");
        if (decoder->cmyk) gi_cmyk_to_rgb(decoder->row, target, cinfo->output_width, decoder->inverted);
    }
    jpeg_finish_decompress(cinfo);
    return GI_OK;
}

gi_status gi_jpeg_read(gi_jpeg_decoder *decoder, uint8_t *rgb, size_t capacity, gi_message *message) {
    if (decoder == NULL || rgb == NULL) return GI_ERR_ARGUMENT;
    decoder->error.message = message;
    if (capacity / 3 / decoder->cinfo.output_width < decoder->cinfo.output_height) {
        gi_set_message(message, "RGB buffer of %zu bytes is too small", capacity);
        return GI_ERR_ARGUMENT;
    }
    return gi_jpeg_scanlines(decoder, rgb);
}

void gi_jpeg_close(gi_jpeg_decoder *decoder) {
    if (decoder == NULL) return;
    jpeg_destroy_decompress(&decoder->cinfo);
    free(decoder->row);
    free(decoder);
}
