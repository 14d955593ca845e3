// Private: a libjpeg error manager that never exits or prints, and turns damaged-data warnings into
// failures. The owner of a gi_jpeg_error calls setjmp(error.jump) before any libjpeg call.
#ifndef GI_JPEG_ERROR_H
#define GI_JPEG_ERROR_H

#include "CGailleryImage.h"

#include <setjmp.h>
#include <stdio.h>
#include <jpeglib.h>

/// libjpeg's error manager extended with a jump target, the status to report and the message sink.
typedef struct gi_jpeg_error {
    struct jpeg_error_mgr pub;
    jmp_buf jump;
    gi_status status;
    gi_message *message;
} gi_jpeg_error;

/// Fills error with libjpeg's defaults, replaces the exit/print/warning hooks and returns &error->pub
/// for cinfo.err. message may be NULL and may be changed later through error->message.
struct jpeg_error_mgr *gi_jpeg_error_init(gi_jpeg_error *error, gi_message *message);

/// Fails the current call from a hook (progress monitor, ...): records status and text, then longjmps.
void gi_jpeg_fail(j_common_ptr cinfo, gi_status status, const char *text);

#endif
