#include <alsa/asoundlib.h>

/* alsa-lib prints its own "ALSA lib pcm.c:…" lines to stderr for every failed
   open; soundscape reports errors itself, in one line. The handler is variadic,
   which Swift cannot define, hence this shim. */
static void soundscape_alsa_ignore_error(const char *file, int line, const char *function, int err,
                                         const char *format, ...) {
    (void)file; (void)line; (void)function; (void)err; (void)format;
}

static inline void soundscape_alsa_silence_errors(void) {
    snd_lib_error_set_handler(soundscape_alsa_ignore_error);
}
