// See include/CSDBus.h. Every function is a thin, checked call into sd-bus; the only logic here is the
// routing of the two objects' method calls to the one Swift callback.
#include "CSDBus.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <systemd/sd-bus.h>

struct csdbus_service {
    sd_bus *bus;
    sd_bus_slot *gnome_slot;
    sd_bus_slot *krunner_slot;
    csdbus_method_fn callback;
    void *context;
};

// One trampoline for every method: the interface and member say which one was called.
static int dispatch(sd_bus_message *call, void *userdata, sd_bus_error *error) {
    (void)error;
    csdbus_service *service = userdata;
    return service->callback(call, service->context, sd_bus_message_get_interface(call),
                             sd_bus_message_get_member(call));
}

// org.gnome.Shell.SearchProvider2, as GNOME Shell's search-provider documentation defines it.
static const sd_bus_vtable gnome_vtable[] = {
    SD_BUS_VTABLE_START(0),
    SD_BUS_METHOD_WITH_NAMES("GetInitialResultSet", "as", SD_BUS_PARAM(terms), "as", SD_BUS_PARAM(results),
                             dispatch, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD_WITH_NAMES("GetSubsearchResultSet", "asas", SD_BUS_PARAM(previous_results) SD_BUS_PARAM(terms),
                             "as", SD_BUS_PARAM(results), dispatch, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD_WITH_NAMES("GetResultMetas", "as", SD_BUS_PARAM(identifiers), "aa{sv}", SD_BUS_PARAM(metas),
                             dispatch, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD_WITH_NAMES("ActivateResult", "sasu", SD_BUS_PARAM(identifier) SD_BUS_PARAM(terms)
                             SD_BUS_PARAM(timestamp), "", , dispatch, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD_WITH_NAMES("LaunchSearch", "asu", SD_BUS_PARAM(terms) SD_BUS_PARAM(timestamp), "", ,
                             dispatch, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_VTABLE_END,
};

// org.kde.krunner1, as KRunner's org.kde.krunner1.xml defines it.
static const sd_bus_vtable krunner_vtable[] = {
    SD_BUS_VTABLE_START(0),
    SD_BUS_METHOD_WITH_NAMES("Match", "s", SD_BUS_PARAM(query), "a(sssida{sv})", SD_BUS_PARAM(matches), dispatch,
                             SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD_WITH_NAMES("Actions", "", , "a(sss)", SD_BUS_PARAM(matches), dispatch,
                             SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD_WITH_NAMES("Run", "ss", SD_BUS_PARAM(matchId) SD_BUS_PARAM(actionId), "", , dispatch,
                             SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD("Teardown", "", "", dispatch, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_VTABLE_END,
};

int csdbus_service_open(const char *bus_name, const char *gnome_path, const char *krunner_path,
                        csdbus_method_fn callback, void *context, csdbus_service **out) {
    csdbus_service *service = calloc(1, sizeof *service);
    if (!service) return -ENOMEM;
    service->callback = callback;
    service->context = context;
    int r = sd_bus_open_user(&service->bus);
    if (r >= 0)
        r = sd_bus_add_object_vtable(service->bus, &service->gnome_slot, gnome_path,
                                     "org.gnome.Shell.SearchProvider2", gnome_vtable, service);
    if (r >= 0)
        r = sd_bus_add_object_vtable(service->bus, &service->krunner_slot, krunner_path, "org.kde.krunner1",
                                     krunner_vtable, service);
    if (r >= 0) r = sd_bus_request_name(service->bus, bus_name, 0);
    if (r < 0) {
        csdbus_service_free(service);
        return r;
    }
    *out = service;
    return 0;
}

int csdbus_service_step(csdbus_service *service, uint64_t timeout_usec) {
    int r = sd_bus_process(service->bus, NULL);
    if (r != 0) return r < 0 ? r : 1;
    r = sd_bus_wait(service->bus, timeout_usec);
    if (r == -EINTR) return 0;
    return r < 0 ? r : 0;
}

void csdbus_service_free(csdbus_service *service) {
    if (!service) return;
    sd_bus_slot_unref(service->gnome_slot);
    sd_bus_slot_unref(service->krunner_slot);
    if (service->bus) sd_bus_flush_close_unref(service->bus);
    free(service);
}

const char *csdbus_strerror(int negative_errno) { return strerror(-negative_errno); }

int csdbus_read_string(struct sd_bus_message *call, const char **out) {
    return sd_bus_message_read_basic(call, 's', out);
}

int csdbus_read_uint32(struct sd_bus_message *call, uint32_t *out) {
    return sd_bus_message_read_basic(call, 'u', out);
}

int csdbus_read_strv(struct sd_bus_message *call, char ***out) { return sd_bus_message_read_strv(call, out); }

void csdbus_strv_free(char **strv) {
    if (!strv) return;
    for (char **item = strv; *item; item++) free(*item);
    free(strv);
}

struct sd_bus_message *csdbus_reply_new(struct sd_bus_message *call) {
    sd_bus_message *reply = NULL;
    return sd_bus_message_new_method_return(call, &reply) < 0 ? NULL : reply;
}

int csdbus_open(struct sd_bus_message *reply, char type, const char *contents) {
    return sd_bus_message_open_container(reply, type, contents);
}

int csdbus_close(struct sd_bus_message *reply) { return sd_bus_message_close_container(reply); }

int csdbus_append_string(struct sd_bus_message *reply, const char *value) {
    return sd_bus_message_append_basic(reply, 's', value);
}

int csdbus_append_int32(struct sd_bus_message *reply, int32_t value) {
    return sd_bus_message_append_basic(reply, 'i', &value);
}

int csdbus_append_double(struct sd_bus_message *reply, double value) {
    return sd_bus_message_append_basic(reply, 'd', &value);
}

int csdbus_append_bool(struct sd_bus_message *reply, int value) {
    int boolean = value != 0;  // D-Bus booleans are 0 or 1 in a 32-bit slot
    return sd_bus_message_append_basic(reply, 'b', &boolean);
}

int csdbus_append_bytes(struct sd_bus_message *reply, const void *bytes, size_t size) {
    return sd_bus_message_append_array(reply, 'y', bytes, size);
}

int csdbus_append_strv(struct sd_bus_message *reply, char **strv) { return sd_bus_message_append_strv(reply, strv); }

int csdbus_reply_send(struct sd_bus_message *reply) {
    int r = sd_bus_send(NULL, reply, NULL);
    sd_bus_message_unref(reply);
    return r < 0 ? r : 0;
}

void csdbus_reply_free(struct sd_bus_message *reply) { sd_bus_message_unref(reply); }

int csdbus_reply_error(struct sd_bus_message *call, const char *name, const char *message) {
    sd_bus_error error = SD_BUS_ERROR_MAKE_CONST(name, message);
    int r = sd_bus_reply_method_error(call, &error);
    return r < 0 ? r : 0;
}
