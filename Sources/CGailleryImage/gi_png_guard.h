// Private: libpng error handling for the shim. libpng's error callback must not return; ours records a
// status and message and longjmps to the guard's jump buffer, set by the shim function that owns it.
#ifndef GI_PNG_GUARD_H
#define GI_PNG_GUARD_H

#include "CGailleryImage.h"

#include <png.h>
#include <setjmp.h>

/// Where a libpng error lands. Pass it as libpng's error pointer.
typedef struct gi_png_guard {
    jmp_buf jump;
    gi_status status;
    gi_message *message;
    /// Set by the reader when libpng asks for bytes past the end of the data.
    int hit_end;
    /// Status for errors that are not about the data's end or memory (corrupt when reading).
    gi_status default_status;
} gi_png_guard;

/// libpng error callback: classifies (truncated, out of memory, default), records, longjmps.
void gi_png_error(png_structp png, png_const_charp text);

/// libpng warning callback: ignores the warning (benign problems such as a wrong sRGB profile).
void gi_png_warning(png_structp png, png_const_charp text);

#endif
