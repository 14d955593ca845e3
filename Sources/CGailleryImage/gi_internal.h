// Private helpers shared by the shim's C files (not part of the public header).
#ifndef GI_INTERNAL_H
#define GI_INTERNAL_H

#include "CGailleryImage.h"

#include <stdarg.h>
#include <stdio.h>

/// Formats a message into *message (ignored when message is NULL).
static inline void gi_set_message(gi_message *message, const char *format, ...) {
    if (message == NULL) return;
    va_list arguments;
    va_start(arguments, format);
    vsnprintf(message->text, sizeof message->text, format, arguments);
    va_end(arguments);
}

/// Returns GI_ERR_TOO_LARGE (with a message) when width*height exceeds max_pixels, else GI_OK.
static inline gi_status gi_check_pixels(const char *format_name, uint32_t width, uint32_t height,
                                        uint64_t max_pixels, gi_message *message) {
    uint64_t pixels = (uint64_t)width * (uint64_t)height;
    if (pixels <= max_pixels) return GI_OK;
    gi_set_message(message, "%s declares %ux%u (%llu pixels), over the limit of %llu pixels", format_name,
                   width, height, (unsigned long long)pixels, (unsigned long long)max_pixels);
    return GI_ERR_TOO_LARGE;
}

#endif
