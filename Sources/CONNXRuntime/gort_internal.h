// Definitions shared by the shim's source files (not part of the Swift-visible API).
#ifndef GORT_INTERNAL_H
#define GORT_INTERNAL_H

#include "CONNXRuntime.h"
#include "ort_abi.h"

struct gort_runtime {
    /// The dlopen handle (never closed once the runtime is created; see gort_runtime_close).
    void *library;
    const OrtApi *api;
    OrtEnv *env;
    /// Describes caller-owned CPU buffers handed to CreateTensorWithDataAsOrtValue.
    OrtMemoryInfo *cpu;
    const char *version;
};

struct gort_session {
    const gort_runtime *runtime;
    OrtSession *session;
    /// The fixed input and output of gort_session_run; NULL for sessions from gort_session_open.
    char *input_name;
    char *output_name;
};

/// Writes a formatted message (truncated to fit).
void gort_set_message(gort_message *message, const char *format, ...) __attribute__((format(printf, 2, 3)));

/// GORT_OK for a NULL status; otherwise copies "<context>: <ONNX Runtime's message>" into `message`,
/// releases the status and returns GORT_ERR_RUNTIME.
gort_status gort_check(const OrtApi *api, OrtStatus *status, gort_message *message, const char *context);

#endif
