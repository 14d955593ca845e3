// CONNXRuntime: a thin shim over ONNX Runtime's C API, loaded at run time with dlopen (no link-time
// dependency, no vendor header). It finds OrtGetApiBase, asks for the API version it was written against
// and calls through the function table. Every OrtStatus is checked, its message copied into a
// gort_message and the status released before returning.
//
// Threading: a runtime and its sessions may be used from any thread; ONNX Runtime's own objects are
// thread-safe for these calls. Callers decide how many runs they allow at once (see ImageClassifier).
#ifndef CONNXRUNTIME_H
#define CONNXRUNTIME_H

#include <stddef.h>
#include <stdint.h>

/// Outcome of a shim call. Anything but GORT_OK comes with a message in gort_message.
typedef enum gort_status {
    GORT_OK = 0,
    /// dlopen failed: the file does not exist or is not a loadable library (dlerror's text).
    GORT_ERR_LOAD = 1,
    /// The library loaded but exports no OrtGetApiBase: it is not ONNX Runtime.
    GORT_ERR_SYMBOL = 2,
    /// The library is ONNX Runtime, but older than the API version the shim needs.
    GORT_ERR_VERSION = 3,
    /// ONNX Runtime reported an error (its message is copied).
    GORT_ERR_RUNTIME = 4,
    /// The caller passed inconsistent arguments, or the model's output is not what the caller expects.
    GORT_ERR_ARGUMENT = 5,
} gort_status;

/// A human-readable message, NUL-terminated, filled when a call fails.
typedef struct gort_message {
    char text[512];
} gort_message;

/// A loaded library with its function table, one ONNX Runtime environment and CPU memory info.
typedef struct gort_runtime gort_runtime;
/// An inference session for one model file.
typedef struct gort_session gort_session;

/// Session settings.
typedef struct gort_session_options {
    /// Threads inside one operator (ONNX Runtime's intra-op pool, the calling thread included); 0 = default.
    int32_t intra_op_threads;
    /// Threads running independent operators at once; 1 runs the graph sequentially.
    int32_t inter_op_threads;
    /// 1: idle intra-op threads spin briefly before sleeping (ONNX Runtime's default, lowest latency);
    /// 0: they sleep at once (frees the core for other work between runs).
    int32_t allow_spinning;
} gort_session_options;

/// The ONNX Runtime API version the shim is declared against (the minimum library it accepts).
uint32_t gort_api_version(void);

/// dlopens `path` (a file path, or a bare soname searched by the dynamic linker), finds OrtGetApiBase,
/// requests API `api_version` (pass gort_api_version(); larger values exist only to test the refusal)
/// and creates an environment that logs errors only. On failure nothing stays loaded or allocated.
gort_status gort_runtime_open(const char *path, uint32_t api_version, gort_runtime **out, gort_message *message);

/// The library's version string ("1.32.0"), valid while the runtime lives.
const char *gort_runtime_version(const gort_runtime *runtime);

/// Releases the environment. The library itself stays mapped for the process's lifetime: unloading
/// ONNX Runtime while its thread pools or static state may still exist is not safe.
void gort_runtime_close(gort_runtime *runtime);

/// Loads a model into a CPU session with all graph optimisations. `input_name` and `output_name` are
/// copied; every run feeds that input and fetches that output.
gort_status gort_session_create(gort_runtime *runtime, const char *model_path, const char *input_name,
                                const char *output_name, const gort_session_options *options,
                                gort_session **out, gort_message *message);

/// Runs the model on a float32 tensor of `rank` dimensions `shape` read from `input` (not copied), and
/// copies the float32 output into `output`, which must hold exactly `output_count` values; the output's
/// element count must equal it, otherwise GORT_ERR_ARGUMENT names the shape. Blocks until done.
gort_status gort_session_run(gort_session *session, const float *input, const int64_t *shape, size_t rank,
                             float *output, size_t output_count, gort_message *message);

/// Element types of the tensors gort_session_run_tensors passes in (ONNX's TensorProto numbering).
typedef enum gort_element_type {
    GORT_FLOAT = 1,
    GORT_INT64 = 7,
    GORT_BOOL = 9,
} gort_element_type;

/// An input tensor for gort_session_run_tensors. `data` is read during the run, never copied or kept;
/// a dimension may be 0 (an empty tensor, e.g. a key/value cache of length 0), and `data` may then be NULL.
typedef struct gort_input {
    const char *name;
    gort_element_type type;
    const void *data;
    const int64_t *shape;
    size_t rank;
} gort_input;

/// A float32 output tensor that ONNX Runtime allocated; read it, then free it with gort_output_release.
typedef struct gort_output gort_output;

/// Loads a model into a CPU session with all graph optimisations, for gort_session_run_tensors (the
/// session has no fixed input or output: gort_session_run refuses it).
gort_status gort_session_open(gort_runtime *runtime, const char *model_path, const gort_session_options *options,
                              gort_session **out, gort_message *message);

/// Runs the model on named inputs and fetches the named outputs, each of which must be float32 (otherwise
/// GORT_ERR_ARGUMENT names it). On success `outputs[i]` holds output i; on failure none is left allocated.
/// Blocks until done.
gort_status gort_session_run_tensors(gort_session *session, const gort_input *inputs, size_t input_count,
                                     const char *const *output_names, size_t output_count, gort_output **outputs,
                                     gort_message *message);

/// The output's values, row-major, valid until gort_output_release.
const float *gort_output_data(const gort_output *output);
/// The output's number of dimensions (at most 8).
size_t gort_output_rank(const gort_output *output);
/// The output's dimensions (gort_output_rank of them).
const int64_t *gort_output_shape(const gort_output *output);
/// The output's element count (the product of its dimensions).
size_t gort_output_count(const gort_output *output);
/// Frees an output (NULL is allowed).
void gort_output_release(gort_output *output);

/// Frees a session (NULL is allowed). Must not race a gort_session_run on the same session.
void gort_session_release(gort_session *session);

#endif
