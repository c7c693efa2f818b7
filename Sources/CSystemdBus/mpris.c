#include "CSystemdBus.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <systemd/sd-bus.h>

#define OBJECT_PATH "/org/mpris/MediaPlayer2"
#define ROOT_INTERFACE "org.mpris.MediaPlayer2"
#define PLAYER_INTERFACE "org.mpris.MediaPlayer2.Player"
/* The scene is the one "track"; MPRIS wants an object path for it. */
#define TRACK_ID "/org/soundscape/Scene"

struct soundscape_mpris {
    sd_bus *bus;
    sd_bus_slot *root_slot;
    sd_bus_slot *player_slot;
    soundscape_mpris_handler handler;
    void *context;
    char playback_status[16];
    double volume;
    char *title;
};

static int reply_true(sd_bus *bus, const char *path, const char *interface, const char *property,
                      sd_bus_message *reply, void *userdata, sd_bus_error *error) {
    (void)bus; (void)path; (void)interface; (void)property; (void)userdata; (void)error;
    return sd_bus_message_append(reply, "b", 1);
}

static int reply_false(sd_bus *bus, const char *path, const char *interface, const char *property,
                       sd_bus_message *reply, void *userdata, sd_bus_error *error) {
    (void)bus; (void)path; (void)interface; (void)property; (void)userdata; (void)error;
    return sd_bus_message_append(reply, "b", 0);
}

static int reply_identity(sd_bus *bus, const char *path, const char *interface, const char *property,
                          sd_bus_message *reply, void *userdata, sd_bus_error *error) {
    (void)bus; (void)path; (void)interface; (void)property; (void)userdata; (void)error;
    return sd_bus_message_append(reply, "s", "Soundscape");
}

static int reply_empty_strings(sd_bus *bus, const char *path, const char *interface, const char *property,
                               sd_bus_message *reply, void *userdata, sd_bus_error *error) {
    (void)bus; (void)path; (void)interface; (void)property; (void)userdata; (void)error;
    return sd_bus_message_append_strv(reply, NULL);
}

static int reply_rate(sd_bus *bus, const char *path, const char *interface, const char *property,
                      sd_bus_message *reply, void *userdata, sd_bus_error *error) {
    (void)bus; (void)path; (void)interface; (void)property; (void)userdata; (void)error;
    return sd_bus_message_append(reply, "d", 1.0);
}

static int reply_position(sd_bus *bus, const char *path, const char *interface, const char *property,
                          sd_bus_message *reply, void *userdata, sd_bus_error *error) {
    (void)bus; (void)path; (void)interface; (void)property; (void)userdata; (void)error;
    return sd_bus_message_append(reply, "x", (int64_t)0);
}

static int reply_playback_status(sd_bus *bus, const char *path, const char *interface, const char *property,
                                 sd_bus_message *reply, void *userdata, sd_bus_error *error) {
    (void)bus; (void)path; (void)interface; (void)property; (void)error;
    struct soundscape_mpris *mpris = userdata;
    return sd_bus_message_append(reply, "s", mpris->playback_status);
}

static int reply_volume(sd_bus *bus, const char *path, const char *interface, const char *property,
                        sd_bus_message *reply, void *userdata, sd_bus_error *error) {
    (void)bus; (void)path; (void)interface; (void)property; (void)error;
    struct soundscape_mpris *mpris = userdata;
    return sd_bus_message_append(reply, "d", mpris->volume);
}

static int reply_metadata(sd_bus *bus, const char *path, const char *interface, const char *property,
                          sd_bus_message *reply, void *userdata, sd_bus_error *error) {
    (void)bus; (void)path; (void)interface; (void)property; (void)error;
    struct soundscape_mpris *mpris = userdata;
    return sd_bus_message_append(reply, "a{sv}", 2, "mpris:trackid", "o", TRACK_ID, "xesam:title", "s",
                                 mpris->title ? mpris->title : "");
}

static int write_volume(sd_bus *bus, const char *path, const char *interface, const char *property,
                        sd_bus_message *value, void *userdata, sd_bus_error *error) {
    (void)bus; (void)path; (void)interface; (void)property; (void)error;
    struct soundscape_mpris *mpris = userdata;
    double volume = 0;
    int result = sd_bus_message_read(value, "d", &volume);
    if (result < 0) return result;
    if (isnan(volume)) volume = 0;
    mpris->handler(mpris->context, SOUNDSCAPE_MPRIS_SET_VOLUME, volume);
    return 0;
}

static int call(sd_bus_message *message, void *userdata, int command) {
    struct soundscape_mpris *mpris = userdata;
    if (command >= 0) mpris->handler(mpris->context, command, 0);
    return sd_bus_reply_method_return(message, NULL);
}

static int method_play_pause(sd_bus_message *m, void *u, sd_bus_error *e) { (void)e; return call(m, u, SOUNDSCAPE_MPRIS_PLAY_PAUSE); }
static int method_play(sd_bus_message *m, void *u, sd_bus_error *e) { (void)e; return call(m, u, SOUNDSCAPE_MPRIS_PLAY); }
static int method_pause(sd_bus_message *m, void *u, sd_bus_error *e) { (void)e; return call(m, u, SOUNDSCAPE_MPRIS_PAUSE); }
static int method_stop(sd_bus_message *m, void *u, sd_bus_error *e) { (void)e; return call(m, u, SOUNDSCAPE_MPRIS_STOP); }
static int method_quit(sd_bus_message *m, void *u, sd_bus_error *e) { (void)e; return call(m, u, SOUNDSCAPE_MPRIS_QUIT); }
/* A soundscape has no next, previous or position: these answer and do nothing, as the spec asks. */
static int method_nothing(sd_bus_message *m, void *u, sd_bus_error *e) { (void)e; return call(m, u, -1); }

static const sd_bus_vtable root_vtable[] = {
    SD_BUS_VTABLE_START(0),
    SD_BUS_METHOD("Raise", "", "", method_nothing, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD("Quit", "", "", method_quit, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_PROPERTY("CanQuit", "b", reply_true, 0, SD_BUS_VTABLE_PROPERTY_CONST),
    SD_BUS_PROPERTY("CanRaise", "b", reply_false, 0, SD_BUS_VTABLE_PROPERTY_CONST),
    SD_BUS_PROPERTY("HasTrackList", "b", reply_false, 0, SD_BUS_VTABLE_PROPERTY_CONST),
    SD_BUS_PROPERTY("Identity", "s", reply_identity, 0, SD_BUS_VTABLE_PROPERTY_CONST),
    SD_BUS_PROPERTY("SupportedUriSchemes", "as", reply_empty_strings, 0, SD_BUS_VTABLE_PROPERTY_CONST),
    SD_BUS_PROPERTY("SupportedMimeTypes", "as", reply_empty_strings, 0, SD_BUS_VTABLE_PROPERTY_CONST),
    SD_BUS_VTABLE_END,
};

static const sd_bus_vtable player_vtable[] = {
    SD_BUS_VTABLE_START(0),
    SD_BUS_METHOD("PlayPause", "", "", method_play_pause, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD("Play", "", "", method_play, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD("Pause", "", "", method_pause, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD("Stop", "", "", method_stop, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD("Next", "", "", method_nothing, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD("Previous", "", "", method_nothing, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD("Seek", "x", "", method_nothing, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD("SetPosition", "ox", "", method_nothing, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD("OpenUri", "s", "", method_nothing, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_SIGNAL("Seeked", "x", 0),
    SD_BUS_PROPERTY("PlaybackStatus", "s", reply_playback_status, 0, SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
    SD_BUS_PROPERTY("Rate", "d", reply_rate, 0, SD_BUS_VTABLE_PROPERTY_CONST),
    SD_BUS_PROPERTY("MinimumRate", "d", reply_rate, 0, SD_BUS_VTABLE_PROPERTY_CONST),
    SD_BUS_PROPERTY("MaximumRate", "d", reply_rate, 0, SD_BUS_VTABLE_PROPERTY_CONST),
    SD_BUS_PROPERTY("Metadata", "a{sv}", reply_metadata, 0, SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
    SD_BUS_WRITABLE_PROPERTY("Volume", "d", reply_volume, write_volume, 0,
                             SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE | SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_PROPERTY("Position", "x", reply_position, 0, SD_BUS_VTABLE_PROPERTY_EMITS_INVALIDATION),
    SD_BUS_PROPERTY("CanGoNext", "b", reply_false, 0, SD_BUS_VTABLE_PROPERTY_CONST),
    SD_BUS_PROPERTY("CanGoPrevious", "b", reply_false, 0, SD_BUS_VTABLE_PROPERTY_CONST),
    SD_BUS_PROPERTY("CanPlay", "b", reply_true, 0, SD_BUS_VTABLE_PROPERTY_CONST),
    SD_BUS_PROPERTY("CanPause", "b", reply_true, 0, SD_BUS_VTABLE_PROPERTY_CONST),
    SD_BUS_PROPERTY("CanSeek", "b", reply_false, 0, SD_BUS_VTABLE_PROPERTY_CONST),
    SD_BUS_PROPERTY("CanControl", "b", reply_true, 0, SD_BUS_VTABLE_PROPERTY_CONST),
    SD_BUS_VTABLE_END,
};

soundscape_mpris *soundscape_mpris_open(const char *name, soundscape_mpris_handler handler, void *context,
                                        int *error, char *chosen, size_t chosen_size) {
    struct soundscape_mpris *mpris = calloc(1, sizeof *mpris);
    if (!mpris) {
        *error = -ENOMEM;
        return NULL;
    }
    mpris->handler = handler;
    mpris->context = context;
    mpris->volume = 1;
    snprintf(mpris->playback_status, sizeof mpris->playback_status, "Playing");
    int result = sd_bus_open_user(&mpris->bus);
    if (result >= 0)
        result = sd_bus_add_object_vtable(mpris->bus, &mpris->root_slot, OBJECT_PATH, ROOT_INTERFACE, root_vtable, mpris);
    if (result >= 0)
        result = sd_bus_add_object_vtable(mpris->bus, &mpris->player_slot, OBJECT_PATH, PLAYER_INTERFACE,
                                          player_vtable, mpris);
    if (result >= 0) {
        snprintf(chosen, chosen_size, "%s", name);
        result = sd_bus_request_name(mpris->bus, chosen, 0);
        if (result == -EEXIST) {
            /* Another session has the name: the spec's way to run several players. */
            snprintf(chosen, chosen_size, "%s.instance%ld", name, (long)getpid());
            result = sd_bus_request_name(mpris->bus, chosen, 0);
        }
    }
    if (result < 0) {
        *error = result;
        soundscape_mpris_close(mpris);
        return NULL;
    }
    *error = 0;
    return mpris;
}

int soundscape_mpris_run_once(soundscape_mpris *mpris, uint64_t timeout_microseconds) {
    for (;;) {
        int result = sd_bus_process(mpris->bus, NULL);
        if (result < 0) return result;
        if (result == 0) break;
    }
    int result = sd_bus_wait(mpris->bus, timeout_microseconds);
    return result < 0 && result != -EINTR ? result : 0;
}

int soundscape_mpris_update(soundscape_mpris *mpris, const char *playback_status, double volume, const char *title) {
    const char *changed[4];
    int count = 0;
    if (strcmp(mpris->playback_status, playback_status) != 0) {
        snprintf(mpris->playback_status, sizeof mpris->playback_status, "%s", playback_status);
        changed[count++] = "PlaybackStatus";
    }
    if (fabs(mpris->volume - volume) > 1e-9) {
        mpris->volume = volume;
        changed[count++] = "Volume";
    }
    if (!mpris->title || strcmp(mpris->title, title) != 0) {
        char *copy = strdup(title);
        if (!copy) return -ENOMEM;
        free(mpris->title);
        mpris->title = copy;
        changed[count++] = "Metadata";
    }
    if (count == 0) return 0;
    changed[count] = NULL;
    return sd_bus_emit_properties_changed_strv(mpris->bus, OBJECT_PATH, PLAYER_INTERFACE, (char **)changed);
}

void soundscape_mpris_close(soundscape_mpris *mpris) {
    if (!mpris) return;
    sd_bus_slot_unref(mpris->root_slot);
    sd_bus_slot_unref(mpris->player_slot);
    if (mpris->bus) sd_bus_flush_close_unref(mpris->bus);
    free(mpris->title);
    free(mpris);
}
