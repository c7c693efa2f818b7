#ifndef SOUNDSCAPE_CSYSTEMDBUS_H
#define SOUNDSCAPE_CSYSTEMDBUS_H

#include <stddef.h>
#include <stdint.h>

/* MPRIS (org.mpris.MediaPlayer2) over sd-bus. sd-bus describes objects with vtable
   macros and variadic calls, which Swift cannot use, so the object lives here and
   Swift drives it: it opens the bus, keeps the properties up to date, and receives
   the methods a media key or a desktop calls. All calls on one object must come
   from one thread. */

typedef struct soundscape_mpris soundscape_mpris;

enum {
    SOUNDSCAPE_MPRIS_PLAY_PAUSE = 0,
    SOUNDSCAPE_MPRIS_PLAY = 1,
    SOUNDSCAPE_MPRIS_PAUSE = 2,
    SOUNDSCAPE_MPRIS_STOP = 3,
    SOUNDSCAPE_MPRIS_SET_VOLUME = 4,
    SOUNDSCAPE_MPRIS_QUIT = 5,
};

/* Called for every method and for a Volume write; `value` is the volume. */
typedef void (*soundscape_mpris_handler)(void *context, int command, double value);

/* Connects to the session bus, exports /org/mpris/MediaPlayer2, and takes `name`, or
   `name.instancePID` when another player holds it. Returns NULL with *error set to a
   negative errno when there is no session bus or the name cannot be had; otherwise
   the name taken is copied into `chosen`. */
soundscape_mpris *soundscape_mpris_open(const char *name, soundscape_mpris_handler handler, void *context,
                                        int *error, char *chosen, size_t chosen_size);

/* Waits up to `timeout_microseconds` for bus traffic, then handles every pending
   message. Returns a negative errno when the connection broke. */
int soundscape_mpris_run_once(soundscape_mpris *mpris, uint64_t timeout_microseconds);

/* Sets what PlaybackStatus ("Playing", "Paused", "Stopped"), Volume and the title in
   Metadata say, and signals PropertiesChanged for those that changed. */
int soundscape_mpris_update(soundscape_mpris *mpris, const char *playback_status, double volume, const char *title);

void soundscape_mpris_close(soundscape_mpris *mpris);

#endif
