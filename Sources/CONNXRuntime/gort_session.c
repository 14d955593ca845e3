// Sessions: create with options, run one float32 input to one float32 output, release.
#define _POSIX_C_SOURCE 200809L  // strdup
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gort_internal.h"

/// Applies the caller's settings to fresh session options.
static gort_status gort_configure(const OrtApi *api, OrtSessionOptions *settings, const gort_session_options *options,
                                  gort_message *message) {
    gort_status status = gort_check(api, api->SetSessionGraphOptimizationLevel(settings, ORT_ENABLE_ALL), message,
                                    "setting the graph optimisation level");
    if (status == GORT_OK && options != NULL) {
        status = gort_check(api, api->SetIntraOpNumThreads(settings, options->intra_op_threads), message,
                            "setting intra-op threads");
        if (status == GORT_OK)
            status = gort_check(api, api->SetInterOpNumThreads(settings, options->inter_op_threads), message,
                                "setting inter-op threads");
        if (status == GORT_OK)
            status = gort_check(api,
                                api->AddSessionConfigEntry(settings, "session.intra_op.allow_spinning",
                                                           options->allow_spinning ? "1" : "0"),
                                message, "setting thread spinning");
    }
    return status;
}

/// Creates the ONNX Runtime session for `model_path` inside `session` (whose runtime is set).
static gort_status gort_load(gort_session *session, const char *model_path, const gort_session_options *options,
                             gort_message *message) {
    const OrtApi *api = session->runtime->api;
    OrtSessionOptions *settings = NULL;
    gort_status status = gort_check(api, api->CreateSessionOptions(&settings), message, "creating session options");
    if (status == GORT_OK) status = gort_configure(api, settings, options, message);
    if (status == GORT_OK) {
        char context[300];
        snprintf(context, sizeof context, "loading the model %s", model_path);
        status = gort_check(api, api->CreateSession(session->runtime->env, model_path, settings, &session->session),
                            message, context);
    }
    if (settings != NULL) api->ReleaseSessionOptions(settings);
    return status;
}

gort_status gort_session_create(gort_runtime *runtime, const char *model_path, const char *input_name,
                                const char *output_name, const gort_session_options *options,
                                gort_session **out, gort_message *message) {
    if (runtime == NULL || model_path == NULL || input_name == NULL || output_name == NULL || out == NULL) {
        gort_set_message(message, "session needs a runtime, a model path and input/output names");
        return GORT_ERR_ARGUMENT;
    }
    *out = NULL;
    gort_session *session = calloc(1, sizeof *session);
    if (session == NULL || (session->input_name = strdup(input_name)) == NULL ||
        (session->output_name = strdup(output_name)) == NULL) {
        gort_session_release(session);
        gort_set_message(message, "out of memory");
        return GORT_ERR_RUNTIME;
    }
    session->runtime = runtime;
    gort_status status = gort_load(session, model_path, options, message);
    if (status != GORT_OK) {
        gort_session_release(session);
        return status;
    }
    *out = session;
    return GORT_OK;
}

gort_status gort_session_open(gort_runtime *runtime, const char *model_path, const gort_session_options *options,
                              gort_session **out, gort_message *message) {
    if (runtime == NULL || model_path == NULL || out == NULL) {
        gort_set_message(message, "session needs a runtime and a model path");
        return GORT_ERR_ARGUMENT;
    }
    *out = NULL;
    gort_session *session = calloc(1, sizeof *session);
    if (session == NULL) {
        gort_set_message(message, "out of memory");
        return GORT_ERR_RUNTIME;
    }
    session->runtime = runtime;
    gort_status status = gort_load(session, model_path, options, message);
    if (status != GORT_OK) {
        gort_session_release(session);
        return status;
    }
    *out = session;
    return GORT_OK;
}

/// Checks that `value` is a float tensor of exactly `expected` elements and copies it into `output`.
static gort_status gort_copy_output(const OrtApi *api, OrtValue *value, float *output, size_t expected,
                                    gort_message *message) {
    OrtTensorTypeAndShapeInfo *info = NULL;
    gort_status status = gort_check(api, api->GetTensorTypeAndShape(value, &info), message, "reading the output shape");
    ONNXTensorElementDataType type = 0;
    size_t rank = 0;
    int64_t dims[8] = {0};
    if (status == GORT_OK)
        status = gort_check(api, api->GetTensorElementType(info, &type), message, "reading the output type");
    if (status == GORT_OK) status = gort_check(api, api->GetDimensionsCount(info, &rank), message, "reading the output rank");
    if (status == GORT_OK && rank > 8) {
        gort_set_message(message, "model output has %zu dimensions; expected a [batch, classes] tensor", rank);
        status = GORT_ERR_ARGUMENT;
    }
    if (status == GORT_OK) status = gort_check(api, api->GetDimensions(info, dims, rank), message, "reading the output shape");
    if (info != NULL) api->ReleaseTensorTypeAndShapeInfo(info);
    if (status != GORT_OK) return status;

    size_t count = 1;
    char shape[160] = "";
    for (size_t i = 0; i < rank; i++) {
        count *= dims[i] > 0 ? (size_t)dims[i] : 0;
        size_t used = strlen(shape);
        snprintf(shape + used, sizeof shape - used, "%s%lld", i == 0 ? "" : ", ", (long long)dims[i]);
    }
    if (type != ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT || count != expected) {
        gort_set_message(message, "model output is [%s] of element type %d; expected %zu float32 values", shape,
                         (int)type, expected);
        return GORT_ERR_ARGUMENT;
    }
    void *data = NULL;
    status = gort_check(api, api->GetTensorMutableData(value, &data), message, "reading the output");
    if (status == GORT_OK) memcpy(output, data, expected * sizeof(float));
    return status;
}

gort_status gort_session_run(gort_session *session, const float *input, const int64_t *shape, size_t rank,
                             float *output, size_t output_count, gort_message *message) {
    if (session == NULL || session->input_name == NULL || input == NULL || shape == NULL || rank == 0 ||
        output == NULL) {
        gort_set_message(message, "run needs a session with a fixed input and output (gort_session_create), "
                                  "an input tensor with a shape and an output buffer");
        return GORT_ERR_ARGUMENT;
    }
    const OrtApi *api = session->runtime->api;
    size_t elements = 1;
    for (size_t i = 0; i < rank; i++) {
        if (shape[i] <= 0) {
            gort_set_message(message, "input dimension %zu is %lld; every dimension must be positive", i,
                             (long long)shape[i]);
            return GORT_ERR_ARGUMENT;
        }
        elements *= (size_t)shape[i];
    }
    OrtValue *tensor = NULL;
    OrtValue *result = NULL;
    // ONNX Runtime only reads an input tensor; the cast drops const for its generic signature.
    gort_status status = gort_check(
        api,
        api->CreateTensorWithDataAsOrtValue(session->runtime->cpu, (void *)input, elements * sizeof(float), shape,
                                            rank, ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT, &tensor),
        message, "wrapping the input tensor");
    if (status == GORT_OK) {
        const char *inputs[1] = {session->input_name};
        const char *outputs[1] = {session->output_name};
        const OrtValue *values[1] = {tensor};
        status = gort_check(api, api->Run(session->session, NULL, inputs, values, 1, outputs, 1, &result), message,
                            "running the model");
    }
    if (status == GORT_OK) status = gort_copy_output(api, result, output, output_count, message);
    if (result != NULL) api->ReleaseValue(result);
    if (tensor != NULL) api->ReleaseValue(tensor);
    return status;
}

void gort_session_release(gort_session *session) {
    if (session == NULL) return;
    if (session->session != NULL) session->runtime->api->ReleaseSession(session->session);
    free(session->input_name);
    free(session->output_name);
    free(session);
}
