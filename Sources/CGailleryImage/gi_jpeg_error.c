#include "gi_jpeg_error.h"
#include "gi_internal.h"

#include <jerror.h>

static void gi_jpeg_record(j_common_ptr cinfo, gi_status status) {
    gi_jpeg_error *error = (gi_jpeg_error *)cinfo->err;
    char text[JMSG_LENGTH_MAX];
    (*cinfo->err->format_message)(cinfo, text);
    error->status = status;
    gi_set_message(error->message, "%s", text);
}

/// Replaces libjpeg's error_exit, which would call exit(): classify, record, jump back to the shim.
static void gi_jpeg_error_exit(j_common_ptr cinfo) {
    gi_jpeg_error *error = (gi_jpeg_error *)cinfo->err;
    gi_status status;
    switch (cinfo->err->msg_code) {
    case JERR_OUT_OF_MEMORY:
        status = GI_ERR_NO_MEMORY;
        break;
    case JERR_BAD_PRECISION:
    case JERR_CONVERSION_NOTIMPL:
    case JERR_NOT_COMPILED:
    case JERR_ARITH_NOTIMPL:
    case JERR_EMPTY_IMAGE:
        status = GI_ERR_UNSUPPORTED;
        break;
    case JERR_INPUT_EOF:
    case JERR_INPUT_EMPTY:
        status = GI_ERR_TRUNCATED;
        break;
    default:
        status = cinfo->is_decompressor ? GI_ERR_CORRUPT : GI_ERR_ARGUMENT;
        break;
    }
    gi_jpeg_record(cinfo, status);
    longjmp(error->jump, 1);
}

/// Replaces emit_message. Trace messages (level >= 0) are dropped. Warnings (level -1) mean the data is
/// damaged or missing and libjpeg would silently paint grey blocks, so they fail the decode; the only
/// exceptions are metadata warnings and junk bytes just before EOI, which leave every pixel intact.
static void gi_jpeg_emit_message(j_common_ptr cinfo, int level) {
    if (level >= 0) return;
    struct jpeg_error_mgr *err = cinfo->err;
    err->num_warnings++;
    switch (err->msg_code) {
    case JWRN_ADOBE_XFORM:
    case JWRN_JFIF_MAJOR:
    case JWRN_BOGUS_ICC:
        return;
    case JWRN_EXTRANEOUS_DATA:
        if (err->msg_parm.i[1] == 0xD9) return;
        break;
    default:
        break;
    }
    gi_jpeg_record(cinfo, err->msg_code == JWRN_JPEG_EOF ? GI_ERR_TRUNCATED : GI_ERR_CORRUPT);
    longjmp(((gi_jpeg_error *)err)->jump, 1);
}

/// Replaces output_message, which would print to stderr.
static void gi_jpeg_output_message(j_common_ptr cinfo) { (void)cinfo; }

struct jpeg_error_mgr *gi_jpeg_error_init(gi_jpeg_error *error, gi_message *message) {
    struct jpeg_error_mgr *pub = jpeg_std_error(&error->pub);
    pub->error_exit = gi_jpeg_error_exit;
    pub->emit_message = gi_jpeg_emit_message;
    pub->output_message = gi_jpeg_output_message;
    error->status = GI_OK;
    error->message = message;
    return pub;
}

void gi_jpeg_fail(j_common_ptr cinfo, gi_status status, const char *text) {
    gi_jpeg_error *error = (gi_jpeg_error *)cinfo->err;
    error->status = status;
    gi_set_message(error->message, "%s", text);
    longjmp(error->jump, 1);
}
