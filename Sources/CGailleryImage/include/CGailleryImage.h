// CGailleryImage: a thin, error-safe shim over libjpeg(-turbo) and libpng for GailleryVision.
//
// Both libraries report errors by leaving the call: libjpeg's default handler calls exit(), libpng
// longjmps. Every function here installs its own handlers, catches the error with setjmp inside the
// shim (never across a Swift frame), frees what it allocated and returns a gi_status plus a message.
// No state is shared between calls, so every function may run on any thread concurrently.
#ifndef CGAILLERYIMAGE_H
#define CGAILLERYIMAGE_H

#include <stddef.h>
#include <stdint.h>

/// Outcome of a shim call. Anything but GI_OK comes with a message in gi_message.
typedef enum gi_status {
    GI_OK = 0,
    /// The data ends early (libjpeg "Premature end of JPEG file", PNG data cut short).
    GI_ERR_TRUNCATED = 1,
    /// The data is damaged (bad Huffman code, CRC error, inconsistent header, ...).
    GI_ERR_CORRUPT = 2,
    /// Valid but unsupported (12-bit JPEG, unknown colour space, ...).
    GI_ERR_UNSUPPORTED = 3,
    /// The declared width*height exceeds the caller's max_pixels; nothing was allocated.
    GI_ERR_TOO_LARGE = 4,
    /// An allocation failed.
    GI_ERR_NO_MEMORY = 5,
    /// The caller passed inconsistent arguments (a bug in the caller, not in the data).
    GI_ERR_ARGUMENT = 6,
} gi_status;

/// A human-readable message, NUL-terminated, filled when a call fails.
typedef struct gi_message {
    char text[256];
} gi_message;

/// Colour model of the stored image (not of the decoded output, which is always 8-bit RGB).
typedef enum gi_color_model {
    GI_COLOR_UNKNOWN = 0,
    GI_COLOR_GRAY = 1,
    GI_COLOR_GRAY_ALPHA = 2,
    GI_COLOR_RGB = 3,
    GI_COLOR_RGBA = 4,
    GI_COLOR_PALETTE = 5,
    GI_COLOR_YCBCR = 6,
    GI_COLOR_CMYK = 7,
    GI_COLOR_YCCK = 8,
} gi_color_model;

/// What a header says about an image, as stored.
typedef struct gi_header {
    uint32_t width;
    uint32_t height;
    /// Samples per pixel in the file (JPEG components, PNG channels).
    int32_t components;
    /// Bits per sample (8 for JPEG; 1, 2, 4, 8 or 16 for PNG).
    int32_t bit_depth;
    /// A gi_color_model value.
    int32_t color_model;
    /// 1 for a progressive JPEG or an Adam7-interlaced PNG.
    int32_t progressive;
    /// 1 if a JPEG carries an Adobe APP14 marker (its CMYK samples are then stored inverted).
    int32_t adobe;
} gi_header;

/// How a PNG's alpha channel (or tRNS transparency) becomes RGB.
typedef enum gi_alpha_mode {
    /// Composite over opaque white: out = (a*c + (255-a)*255) / 255, rounded, in sRGB values without
    /// gamma linearisation (what browsers and viewers show for a transparent photo on white).
    GI_ALPHA_COMPOSITE_WHITE = 0,
    /// Ignore alpha and transparency and keep the colour samples, as PIL's convert("RGB") does.
    GI_ALPHA_DROP = 1,
} gi_alpha_mode;

/// What the caller wants decoded.
typedef struct gi_decode_request {
    /// JPEG only: pick the smallest DCT scale N/8 (N = 1...8) whose output long side is at least
    /// min_long_side and short side at least min_short_side (each capped at the full size).
    /// Pass UINT32_MAX in either for a full-size decode, 0 for "no constraint on this side".
    uint32_t min_long_side;
    uint32_t min_short_side;
    /// Refuse (GI_ERR_TOO_LARGE) before allocating when width*height of the stored image exceeds this.
    uint64_t max_pixels;
    /// A gi_alpha_mode value (PNG only).
    int32_t alpha_mode;
} gi_decode_request;

/// The geometry of a started decode.
typedef struct gi_decode_output {
    /// Output size in pixels; the RGB buffer for *_read must hold width*height*3 bytes.
    uint32_t width;
    uint32_t height;
    /// JPEG DCT scale numerator over 8 (8 = full size); always 8 for PNG.
    int32_t scale_num;
    /// The stored image's header.
    gi_header source;
} gi_decode_output;

/// An in-progress JPEG decode: opened by gi_jpeg_open, filled by gi_jpeg_read, freed by gi_jpeg_close.
typedef struct gi_jpeg_decoder gi_jpeg_decoder;
/// An in-progress PNG decode: opened by gi_png_open, filled by gi_png_read, freed by gi_png_close.
typedef struct gi_png_decoder gi_png_decoder;

/// Reads a JPEG's headers (up to the first scan) without decoding pixels.
gi_status gi_jpeg_probe(const uint8_t *data, size_t size, gi_header *header, gi_message *message);

/// Reads headers, checks the pixel limit, picks the DCT scale and starts decompression. On success
/// *decoder must be passed to gi_jpeg_close; on failure *decoder is NULL and nothing is left allocated.
/// The data must stay valid until gi_jpeg_close.
gi_status gi_jpeg_open(const uint8_t *data, size_t size, const gi_decode_request *request,
                       gi_jpeg_decoder **decoder, gi_decode_output *output, gi_message *message);

/// Decodes every scanline as 8-bit RGB into rgb (capacity >= width*height*3 bytes). Grayscale is
/// replicated, CMYK/YCCK is converted (Adobe-inverted samples handled). Any libjpeg warning about
/// damaged or missing data is a failure, except extraneous bytes just before the end-of-image marker.
gi_status gi_jpeg_read(gi_jpeg_decoder *decoder, uint8_t *rgb, size_t capacity, gi_message *message);

/// Frees a decoder (NULL is allowed).
void gi_jpeg_close(gi_jpeg_decoder *decoder);

/// Reads the PNG signature and chunks up to the first IDAT, checks the pixel limit and sets up the
/// conversion to 8-bit RGB (16-bit scaled with rounding, palette and gray expanded, alpha per
/// request->alpha_mode, Adam7 de-interlaced). Ownership as for gi_jpeg_open.
gi_status gi_png_open(const uint8_t *data, size_t size, const gi_decode_request *request,
                      gi_png_decoder **decoder, gi_decode_output *output, gi_message *message);

/// Decodes the image as 8-bit RGB into rgb (capacity >= width*height*3 bytes) and reads to IEND.
gi_status gi_png_read(gi_png_decoder *decoder, uint8_t *rgb, size_t capacity, gi_message *message);

/// Frees a decoder (NULL is allowed).
void gi_png_close(gi_png_decoder *decoder);

/// Sample layouts the JPEG encoder accepts.
typedef enum gi_jpeg_layout {
    /// 1 byte per pixel, written as a grayscale JPEG.
    GI_LAYOUT_GRAY = 1,
    /// 3 bytes per pixel, written as YCbCr 4:2:0.
    GI_LAYOUT_RGB = 3,
    /// 4 bytes per pixel, written as Adobe CMYK (samples stored as given; Adobe files store them inverted).
    GI_LAYOUT_CMYK = 4,
    /// 4 bytes per pixel CMYK, written as Adobe YCCK.
    GI_LAYOUT_YCCK = 5,
} gi_jpeg_layout;

/// Encodes pixels (rows packed, no padding) as a baseline (or progressive) JPEG with optimised Huffman
/// tables. On success *out is a malloc'd buffer of *out_size bytes that the caller frees with gi_free.
gi_status gi_jpeg_encode(const uint8_t *pixels, uint32_t width, uint32_t height, int32_t layout,
                         int32_t quality, int32_t progressive, uint8_t **out, size_t *out_size,
                         gi_message *message);

/// What the PNG encoder writes.
typedef struct gi_png_encode_request {
    uint32_t width;
    uint32_t height;
    /// PNG colour type: 0 gray, 2 RGB, 3 palette, 4 gray+alpha, 6 RGBA.
    int32_t color_type;
    /// 1, 2, 4, 8 or 16 (as the PNG specification allows for the colour type).
    int32_t bit_depth;
    /// 1 for Adam7 interlacing.
    int32_t interlaced;
    /// Palette as RGB triplets (palette_count entries) for colour type 3; NULL otherwise.
    const uint8_t *palette;
    int32_t palette_count;
    /// tRNS alpha values for the first trns_count palette entries; NULL for none.
    const uint8_t *trns;
    int32_t trns_count;
} gi_png_encode_request;

/// Encodes packed PNG rows (each ceil(width*channels*bit_depth/8) bytes, 16-bit samples big-endian).
/// On success *out is a malloc'd buffer of *out_size bytes that the caller frees with gi_free.
gi_status gi_png_encode(const uint8_t *rows, const gi_png_encode_request *request, uint8_t **out,
                        size_t *out_size, gi_message *message);

/// Frees a buffer returned by an encoder.
void gi_free(void *pointer);

#endif
