// Runs with several named inputs of mixed element types and several float32 outputs that stay allocated
// by ONNX Runtime until the caller releases them (a decoder's key/value cache is fed back from them).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gort_internal.h"

struct gort_output {
    const OrtApi *api;
    OrtValue *value;
    const float *data;
    int64_t shape[8];
    size_t rank;
    size_t count;
};

/// The most inputs or outputs one run may have (Moonshine's merged decoder has 35 inputs, 33 outputs).
enum { GORT_MAX_TENSORS = 128 };

static size_t gort_element_size(gort_element_type type) {
    switch (type) {
    case GORT_FLOAT: return sizeof(float);
    case GORT_INT64: return sizeof(int64_t);
    case GORT_BOOL: return 1;
    }
    return 0;
}

/// Wraps one caller tensor (not copied) as an OrtValue.
static gort_status gort_wrap(const gort_runtime *runtime, const gort_input *input, OrtValue **out,
                             gort_message *message) {
    size_t size = gort_element_size(input->type);
    if (input->name == NULL || size == 0 || input->rank == 0 || input->rank > 8 || input->shape == NULL) {
        gort_set_message(message, "input %s: needs a name, a known element type and 1 to 8 dimensions",
                         input->name != NULL ? input->name : "(unnamed)");
        return GORT_ERR_ARGUMENT;
    }
    size_t elements = 1;
    for (size_t i = 0; i < input->rank; i++) {
        if (input->shape[i] < 0) {
            gort_set_message(message, "input %s: dimension %zu is %lld; dimensions must not be negative",
                             input->name, i, (long long)input->shape[i]);
            return GORT_ERR_ARGUMENT;
        }
        elements *= (size_t)input->shape[i];
    }
    if (elements > 0 && input->data == NULL) {
        gort_set_message(message, "input %s: %zu elements but no data", input->name, elements);
        return GORT_ERR_ARGUMENT;
    }
    // ONNX Runtime wants a pointer even for an empty tensor; it reads nothing from it.
    static const int64_t empty = 0;
    void *data = (void *)(elements > 0 ? input->data : &empty);
    char context[200];
    snprintf(context, sizeof context, "wrapping the input %s", input->name);
    return gort_check(runtime->api,
                      runtime->api->CreateTensorWithDataAsOrtValue(runtime->cpu, data, elements * size, input->shape,
                                                                   input->rank, (ONNXTensorElementDataType)input->type,
                                                                   out),
                      message, context);
}

/// Takes ownership of `value` into a new gort_output after checking that it is a float32 tensor.
static gort_status gort_adopt(const OrtApi *api, OrtValue *value, const char *name, gort_output **out,
                              gort_message *message) {
    gort_output *output = calloc(1, sizeof *output);
    if (output == NULL) {
        api->ReleaseValue(value);
        gort_set_message(message, "out of memory");
        return GORT_ERR_RUNTIME;
    }
    output->api = api;
    output->value = value;
    OrtTensorTypeAndShapeInfo *info = NULL;
    ONNXTensorElementDataType type = 0;
    gort_status status = gort_check(api, api->GetTensorTypeAndShape(value, &info), message, "reading an output shape");
    if (status == GORT_OK) status = gort_check(api, api->GetTensorElementType(info, &type), message, "reading a type");
    if (status == GORT_OK) status = gort_check(api, api->GetDimensionsCount(info, &output->rank), message, "rank");
    if (status == GORT_OK && (output->rank > 8 || type != ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT)) {
        gort_set_message(message, "output %s has element type %d and %zu dimensions; expected float32, at most 8",
                         name, (int)type, output->rank);
        status = GORT_ERR_ARGUMENT;
    }
    if (status == GORT_OK)
        status = gort_check(api, api->GetDimensions(info, output->shape, output->rank), message, "reading dimensions");
    if (info != NULL) api->ReleaseTensorTypeAndShapeInfo(info);
    void *data = NULL;
    if (status == GORT_OK) status = gort_check(api, api->GetTensorMutableData(value, &data), message, "output data");
    if (status != GORT_OK) {
        gort_output_release(output);
        return status;
    }
    output->data = data;
    output->count = 1;
    for (size_t i = 0; i < output->rank; i++) output->count *= output->shape[i] > 0 ? (size_t)output->shape[i] : 0;
    *out = output;
    return GORT_OK;
}

gort_status gort_session_run_tensors(gort_session *session, const gort_input *inputs, size_t input_count,
                                     const char *const *output_names, size_t output_count, gort_output **outputs,
                                     gort_message *message) {
    if (session == NULL || inputs == NULL || output_names == NULL || outputs == NULL || input_count == 0 ||
        output_count == 0 || input_count > GORT_MAX_TENSORS || output_count > GORT_MAX_TENSORS) {
        gort_set_message(message, "run needs a session and 1 to %d inputs and outputs", GORT_MAX_TENSORS);
        return GORT_ERR_ARGUMENT;
    }
    const OrtApi *api = session->runtime->api;
    OrtValue *values[GORT_MAX_TENSORS] = {0};
    const char *names[GORT_MAX_TENSORS] = {0};
    OrtValue *results[GORT_MAX_TENSORS] = {0};
    gort_status status = GORT_OK;
    for (size_t i = 0; i < input_count && status == GORT_OK; i++) {
        names[i] = inputs[i].name;
        status = gort_wrap(session->runtime, &inputs[i], &values[i], message);
    }
    if (status == GORT_OK)
        status = gort_check(api,
                            api->Run(session->session, NULL, names, (const OrtValue *const *)values, input_count,
                                     output_names, output_count, results),
                            message, "running the model");
    for (size_t i = 0; i < input_count; i++)
        if (values[i] != NULL) api->ReleaseValue(values[i]);
    for (size_t i = 0; i < output_count; i++) {
        outputs[i] = NULL;
        if (results[i] == NULL) continue;
        if (status == GORT_OK)
            status = gort_adopt(api, results[i], output_names[i], &outputs[i], message);
        else
            api->ReleaseValue(results[i]);
    }
    if (status != GORT_OK) {
        for (size_t i = 0; i < output_count; i++) {
            gort_output_release(outputs[i]);
            outputs[i] = NULL;
        }
    }
    return status;
}

const float *gort_output_data(const gort_output *output) { return output->data; }
size_t gort_output_rank(const gort_output *output) { return output->rank; }
const int64_t *gort_output_shape(const gort_output *output) { return output->shape; }
size_t gort_output_count(const gort_output *output) { return output->count; }

void gort_output_release(gort_output *output) {
    if (output == NULL) return;
    if (output->value != NULL) output->api->ReleaseValue(output->value);
    free(output);
}
