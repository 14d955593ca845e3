// The part of ONNX Runtime's C ABI that the shim calls, declared here from the public API's facts
// (onnxruntime_c_api.h is not shipped with the wheel's library). Private to the shim: Swift never sees it.
//
// Facts relied on (all stable by the API's rules): OrtGetApiBase() returns {GetApi, GetVersionString};
// GetApi(v) returns the function table for API version v, or NULL when the library is older than v;
// the table only ever grows at its end, so a slot's index never changes. Slots the shim does not call
// are opaque placeholders; each used slot's index is checked by a static assertion below.
#ifndef GORT_ORT_ABI_H
#define GORT_ORT_ABI_H

#include <stddef.h>
#include <stdint.h>

/// The API version this declaration covers: AddSessionConfigEntry (slot 130) arrived in API 5;
/// everything else used is API 1. Requesting 5 makes a library older than that fail cleanly.
#define GORT_ORT_API_VERSION 5

typedef struct OrtStatus OrtStatus;
typedef struct OrtEnv OrtEnv;
typedef struct OrtSession OrtSession;
typedef struct OrtSessionOptions OrtSessionOptions;
typedef struct OrtMemoryInfo OrtMemoryInfo;
typedef struct OrtValue OrtValue;
typedef struct OrtRunOptions OrtRunOptions;
typedef struct OrtTensorTypeAndShapeInfo OrtTensorTypeAndShapeInfo;

typedef enum OrtLoggingLevel {
    ORT_LOGGING_LEVEL_VERBOSE = 0,
    ORT_LOGGING_LEVEL_INFO = 1,
    ORT_LOGGING_LEVEL_WARNING = 2,
    ORT_LOGGING_LEVEL_ERROR = 3,
    ORT_LOGGING_LEVEL_FATAL = 4,
} OrtLoggingLevel;

typedef enum ONNXTensorElementDataType {
    ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT = 1,
    ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64 = 7,
    ONNX_TENSOR_ELEMENT_DATA_TYPE_BOOL = 9,
} ONNXTensorElementDataType;

typedef enum GraphOptimizationLevel {
    ORT_ENABLE_ALL = 99,
} GraphOptimizationLevel;

typedef enum OrtAllocatorType {
    OrtArenaAllocator = 1,
} OrtAllocatorType;

typedef enum OrtMemType {
    OrtMemTypeDefault = 0,
} OrtMemType;

/// The function table, slot by slot; `void *` slots are functions the shim never calls.
typedef struct OrtApi {
    OrtStatus *(*CreateStatus)(int code, const char *message);                                   // 0
    int (*GetErrorCode)(const OrtStatus *status);                                                // 1
    const char *(*GetErrorMessage)(const OrtStatus *status);                                     // 2
    OrtStatus *(*CreateEnv)(OrtLoggingLevel level, const char *log_id, OrtEnv **out);            // 3
    void *unused_4_to_6[3];
    OrtStatus *(*CreateSession)(const OrtEnv *env, const char *model_path, const OrtSessionOptions *options,
                                OrtSession **out);                                               // 7
    void *unused_8;
    OrtStatus *(*Run)(OrtSession *session, const OrtRunOptions *run_options, const char *const *input_names,
                      const OrtValue *const *inputs, size_t input_count, const char *const *output_names,
                      size_t output_count, OrtValue **outputs);                                  // 9
    OrtStatus *(*CreateSessionOptions)(OrtSessionOptions **out);                                 // 10
    void *unused_11_to_22[12];
    OrtStatus *(*SetSessionGraphOptimizationLevel)(OrtSessionOptions *options, GraphOptimizationLevel level); // 23
    OrtStatus *(*SetIntraOpNumThreads)(OrtSessionOptions *options, int threads);                 // 24
    OrtStatus *(*SetInterOpNumThreads)(OrtSessionOptions *options, int threads);                 // 25
    void *unused_26_to_48[23];
    OrtStatus *(*CreateTensorWithDataAsOrtValue)(const OrtMemoryInfo *info, void *data, size_t data_bytes,
                                                 const int64_t *shape, size_t rank, ONNXTensorElementDataType type,
                                                 OrtValue **out);                                // 49
    void *unused_50;
    OrtStatus *(*GetTensorMutableData)(OrtValue *value, void **out);                             // 51
    void *unused_52_to_59[8];
    OrtStatus *(*GetTensorElementType)(const OrtTensorTypeAndShapeInfo *info, ONNXTensorElementDataType *out); // 60
    OrtStatus *(*GetDimensionsCount)(const OrtTensorTypeAndShapeInfo *info, size_t *out);        // 61
    OrtStatus *(*GetDimensions)(const OrtTensorTypeAndShapeInfo *info, int64_t *dims, size_t count); // 62
    void *unused_63_to_64[2];
    OrtStatus *(*GetTensorTypeAndShape)(const OrtValue *value, OrtTensorTypeAndShapeInfo **out); // 65
    void *unused_66_to_68[3];
    OrtStatus *(*CreateCpuMemoryInfo)(OrtAllocatorType type, OrtMemType mem_type, OrtMemoryInfo **out); // 69
    void *unused_70_to_91[22];
    void (*ReleaseEnv)(OrtEnv *env);                                                             // 92
    void (*ReleaseStatus)(OrtStatus *status);                                                    // 93
    void (*ReleaseMemoryInfo)(OrtMemoryInfo *info);                                              // 94
    void (*ReleaseSession)(OrtSession *session);                                                 // 95
    void (*ReleaseValue)(OrtValue *value);                                                       // 96
    void *unused_97_to_98[2];
    void (*ReleaseTensorTypeAndShapeInfo)(OrtTensorTypeAndShapeInfo *info);                      // 99
    void (*ReleaseSessionOptions)(OrtSessionOptions *options);                                   // 100
    void *unused_101_to_129[29];
    OrtStatus *(*AddSessionConfigEntry)(OrtSessionOptions *options, const char *key, const char *value); // 130
} OrtApi;

/// The library's entry point: the only exported function the shim looks up with dlsym.
typedef struct OrtApiBase {
    const OrtApi *(*GetApi)(uint32_t version);
    const char *(*GetVersionString)(void);
} OrtApiBase;

#define GORT_SLOT(field, index) \
    _Static_assert(offsetof(OrtApi, field) == (index) * sizeof(void *), #field " must be slot " #index)
GORT_SLOT(GetErrorMessage, 2);
GORT_SLOT(CreateEnv, 3);
GORT_SLOT(CreateSession, 7);
GORT_SLOT(Run, 9);
GORT_SLOT(CreateSessionOptions, 10);
GORT_SLOT(SetSessionGraphOptimizationLevel, 23);
GORT_SLOT(SetIntraOpNumThreads, 24);
GORT_SLOT(SetInterOpNumThreads, 25);
GORT_SLOT(CreateTensorWithDataAsOrtValue, 49);
GORT_SLOT(GetTensorMutableData, 51);
GORT_SLOT(GetTensorElementType, 60);
GORT_SLOT(GetDimensionsCount, 61);
GORT_SLOT(GetDimensions, 62);
GORT_SLOT(GetTensorTypeAndShape, 65);
GORT_SLOT(CreateCpuMemoryInfo, 69);
GORT_SLOT(ReleaseEnv, 92);
GORT_SLOT(ReleaseStatus, 93);
GORT_SLOT(ReleaseMemoryInfo, 94);
GORT_SLOT(ReleaseSession, 95);
GORT_SLOT(ReleaseValue, 96);
GORT_SLOT(ReleaseTensorTypeAndShapeInfo, 99);
GORT_SLOT(ReleaseSessionOptions, 100);
GORT_SLOT(AddSessionConfigEntry, 130);
#undef GORT_SLOT

#endif
