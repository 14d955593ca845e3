// Loading ONNX Runtime: dlopen, OrtGetApiBase, the versioned function table, one environment.
#include <dlfcn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "gort_internal.h"

void gort_set_message(gort_message *message, const char *format, ...) {
    if (message == NULL) return;
    va_list arguments;
    va_start(arguments, format);
    vsnprintf(message->text, sizeof message->text, format, arguments);
    va_end(arguments);
}

gort_status gort_check(const OrtApi *api, OrtStatus *status, gort_message *message, const char *context) {
    if (status == NULL) return GORT_OK;
    const char *text = api->GetErrorMessage(status);
    gort_set_message(message, "%s: %s", context, text != NULL ? text : "no message from ONNX Runtime");
    api->ReleaseStatus(status);
    return GORT_ERR_RUNTIME;
}

uint32_t gort_api_version(void) { return GORT_ORT_API_VERSION; }

/// The entry point's type; dlsym returns it as a data pointer, converted through a union (ISO C forbids
/// the direct cast, POSIX guarantees the representation).
typedef const OrtApiBase *(*gort_get_api_base)(void);

static gort_status gort_fail_closed(void *library, gort_status status) {
    dlclose(library);
    return status;
}

gort_status gort_runtime_open(const char *path, uint32_t api_version, gort_runtime **out, gort_message *message) {
    if (path == NULL || out == NULL) {
        gort_set_message(message, "no library path");
        return GORT_ERR_ARGUMENT;
    }
    *out = NULL;
    void *library = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        const char *reason = dlerror();
        gort_set_message(message, "%s", reason != NULL ? reason : "dlopen failed");
        return GORT_ERR_LOAD;
    }
    union { void *data; gort_get_api_base function; } entry = { .data = dlsym(library, "OrtGetApiBase") };
    const OrtApiBase *base = entry.function != NULL ? entry.function() : NULL;
    if (base == NULL) {
        gort_set_message(message, "%s has no OrtGetApiBase; it is not an ONNX Runtime library", path);
        return gort_fail_closed(library, GORT_ERR_SYMBOL);
    }
    const char *version = base->GetVersionString();
    const OrtApi *api = base->GetApi(api_version);
    if (api == NULL) {
        gort_set_message(message, "libonnxruntime at %s (version %s) is older than API %u", path,
                         version != NULL ? version : "unknown", api_version);
        return gort_fail_closed(library, GORT_ERR_VERSION);
    }
    gort_runtime *runtime = calloc(1, sizeof *runtime);
    if (runtime == NULL) {
        gort_set_message(message, "out of memory");
        return gort_fail_closed(library, GORT_ERR_RUNTIME);
    }
    runtime->library = library;
    runtime->api = api;
    runtime->version = version != NULL ? version : "unknown";
    gort_status status = gort_check(api, api->CreateEnv(ORT_LOGGING_LEVEL_ERROR, "gaillery", &runtime->env),
                                    message, "creating the ONNX Runtime environment");
    if (status == GORT_OK)
        status = gort_check(api, api->CreateCpuMemoryInfo(OrtArenaAllocator, OrtMemTypeDefault, &runtime->cpu),
                            message, "describing CPU memory");
    if (status != GORT_OK) {
        // The library may have started threads or registered state by now: keep it mapped.
        gort_runtime_close(runtime);
        return status;
    }
    *out = runtime;
    return GORT_OK;
}

const char *gort_runtime_version(const gort_runtime *runtime) { return runtime->version; }

void gort_runtime_close(gort_runtime *runtime) {
    if (runtime == NULL) return;
    if (runtime->cpu != NULL) runtime->api->ReleaseMemoryInfo(runtime->cpu);
    if (runtime->env != NULL) runtime->api->ReleaseEnv(runtime->env);
    free(runtime);
}
