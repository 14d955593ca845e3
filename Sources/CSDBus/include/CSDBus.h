// A small shim over systemd's sd-bus for Swift: sd-bus describes exported methods with vtable macros and
// reads and writes messages through varargs, neither of which imports into Swift. This header exposes plain
// functions instead: one service object that owns the bus connection and routes every method call of the
// two exported objects to one Swift callback, and typed readers and writers for message bodies.
//
// Threading: a service and the messages handed to its callback belong to the thread that calls
// `csdbus_service_step`; sd-bus handles are not thread-safe.
#ifndef CSDBUS_H
#define CSDBUS_H

#include <stddef.h>
#include <stdint.h>

struct sd_bus_message;
typedef struct csdbus_service csdbus_service;

/// Called for each method call on an exported object. `interface` and `member` name the method. The
/// callback must send exactly one reply (`csdbus_reply_send` or `csdbus_reply_error`) and return 0, or
/// return a negative errno, in which case sd-bus answers with that error.
typedef int (*csdbus_method_fn)(struct sd_bus_message *call, void *context, const char *interface,
                                const char *member);

/// Connects to the session bus (`DBUS_SESSION_BUS_ADDRESS`, else `$XDG_RUNTIME_DIR/bus`), exports
/// org.gnome.Shell.SearchProvider2 at `gnome_path` and org.kde.krunner1 at `krunner_path`, then requests
/// `bus_name` (without queueing: another owner makes it fail with -EEXIST). Returns 0 or a negative errno.
int csdbus_service_open(const char *bus_name, const char *gnome_path, const char *krunner_path,
                        csdbus_method_fn callback, void *context, csdbus_service **out);

/// Processes pending work; when there is none, waits for the bus up to `timeout_usec`.
/// Returns 1 when something was processed, 0 when the wait timed out or was interrupted, a negative errno
/// when the connection failed.
int csdbus_service_step(csdbus_service *service, uint64_t timeout_usec);

/// Flushes queued replies, closes the connection and frees the service.
void csdbus_service_free(csdbus_service *service);

/// The strerror text of a negative errno returned by these functions.
const char *csdbus_strerror(int negative_errno);

// Reading the arguments of a call, in order. Strings stay valid while the call is being handled.

/// Reads an `s`. Returns 1, or a negative errno on a type mismatch.
int csdbus_read_string(struct sd_bus_message *call, const char **out);
/// Reads a `u`.
int csdbus_read_uint32(struct sd_bus_message *call, uint32_t *out);
/// Reads an `as` as a NULL-terminated array, which the caller frees with `csdbus_strv_free`.
int csdbus_read_strv(struct sd_bus_message *call, char ***out);
/// Frees an array from `csdbus_read_strv`.
void csdbus_strv_free(char **strv);

// Building a reply: `csdbus_reply_new`, appends, then `csdbus_reply_send` (which also frees it).

/// A new method return for `call`, or NULL when out of memory.
struct sd_bus_message *csdbus_reply_new(struct sd_bus_message *call);
/// Opens a container: `type` is 'a', 'r' (struct), 'e' (dict entry) or 'v'; `contents` its signature
/// ("s", "{sv}", "sssida{sv}", ...).
int csdbus_open(struct sd_bus_message *reply, char type, const char *contents);
/// Closes the innermost open container.
int csdbus_close(struct sd_bus_message *reply);
/// Appends an `s` (UTF-8).
int csdbus_append_string(struct sd_bus_message *reply, const char *value);
/// Appends an `i`.
int csdbus_append_int32(struct sd_bus_message *reply, int32_t value);
/// Appends a `d`.
int csdbus_append_double(struct sd_bus_message *reply, double value);
/// Appends a `b`.
int csdbus_append_bool(struct sd_bus_message *reply, int value);
/// Appends an `ay` of `size` bytes.
int csdbus_append_bytes(struct sd_bus_message *reply, const void *bytes, size_t size);
/// Appends an `as`.
int csdbus_append_strv(struct sd_bus_message *reply, char **strv);
/// Sends the reply and frees it; returns 0 or a negative errno.
int csdbus_reply_send(struct sd_bus_message *reply);
/// Frees a reply that will not be sent.
void csdbus_reply_free(struct sd_bus_message *reply);
/// Answers `call` with the D-Bus error `name` (e.g. "org.freedesktop.DBus.Error.Failed") and `message`.
int csdbus_reply_error(struct sd_bus_message *call, const char *name, const char *message);

#endif
