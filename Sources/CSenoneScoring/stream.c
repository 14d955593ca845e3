// fopencookie is a GNU extension: declared only with _GNU_SOURCE, which Swift's Glibc module lacks.
#define _GNU_SOURCE
#include <stdio.h>

#include "senone_scoring.h"

FILE *gss_open_stream(void *cookie, gss_read_function read, gss_seek_function seek, gss_close_function close) {
    cookie_io_functions_t functions = {
        .read = (cookie_read_function_t *)read,
        .write = NULL,
        .seek = (cookie_seek_function_t *)seek,
        .close = (cookie_close_function_t *)close,
    };
    return fopencookie(cookie, "rb", functions);
}
