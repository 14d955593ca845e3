#include "gi_png_guard.h"
#include "gi_internal.h"

#include <string.h>

void gi_png_error(png_structp png, png_const_charp text) {
    gi_png_guard *guard = png_get_error_ptr(png);
    if (guard->hit_end) {
        guard->status = GI_ERR_TRUNCATED;
    } else if (strstr(text, "memory") != NULL) {
        guard->status = GI_ERR_NO_MEMORY;
    } else {
        guard->status = guard->default_status;
    }
    gi_set_message(guard->message, "%s", text);
    longjmp(guard->jump, 1);
}

void gi_png_warning(png_structp png, png_const_charp text) {
    (void)png;
    (void)text;
}
