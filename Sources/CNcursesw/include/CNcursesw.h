#ifndef SOUNDSCAPE_CNCURSESW_H
#define SOUNDSCAPE_CNCURSESW_H

/* SwiftPM drops ncursesw's -D_XOPEN_SOURCE flags, so the wide-character API
   must be switched on here, before the header is read. */
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/* Swift 6 rejects C globals and function-like macros; these wrappers are the
   only way the TUI reaches them. */
static inline WINDOW *shim_stdscr(void) { return stdscr; }
static inline int shim_lines(void) { return LINES; }
static inline int shim_cols(void) { return COLS; }
static inline int shim_colors(void) { return COLORS; }
static inline int shim_color_pair(int n) { return (int)COLOR_PAIR(n); }
static inline int shim_a_bold(void) { return (int)A_BOLD; }
static inline int shim_a_reverse(void) { return (int)A_REVERSE; }
static inline int shim_a_dim(void) { return (int)A_DIM; }
static inline int shim_a_normal(void) { return (int)A_NORMAL; }
static inline int shim_key_resize(void) { return KEY_RESIZE; }
static inline int shim_err(void) { return ERR; }
static inline int shim_getmaxy(WINDOW *w) { int y, x; getmaxyx(w, y, x); (void)x; return y; }
static inline int shim_getmaxx(WINDOW *w) { int y, x; getmaxyx(w, y, x); (void)y; return x; }
static inline int shim_attron(int a) { return attron(a); }
static inline int shim_attroff(int a) { return attroff(a); }
static inline int shim_mvaddstr(int y, int x, const char *s) { return mvaddstr(y, x, s); }
static inline int shim_addstr(const char *s) { return addstr(s); }
static inline int shim_move(int y, int x) { return move(y, x); }
static inline int shim_clrtoeol(void) { return clrtoeol(); }
static inline int shim_erase(void) { return erase(); }
static inline int shim_refresh(void) { return refresh(); }
static inline int shim_getch(void) { return getch(); }
static inline int shim_timeout(int ms) { timeout(ms); return 0; }
static inline int shim_keypad_on(void) { return keypad(stdscr, TRUE); }
static inline int shim_curs_set(int v) { return curs_set(v); }

/* Added for the TUI: wide-character input, attributes, colours, locale. */
static inline int shim_get_wch(wint_t *c) { return get_wch(c); }
static inline int shim_key_code_yes(void) { return KEY_CODE_YES; }
static inline int shim_key_f(int n) { return KEY_F(n); }
static inline int shim_attrset(int a) { return attrset(a); }
static inline int shim_set_escdelay(int ms) { return set_escdelay(ms); }
static inline int shim_init_pair(int pair, int fg, int bg) { return init_pair((short)pair, (short)fg, (short)bg); }
static inline int shim_clearok_curscr(void) { return clearok(curscr, TRUE); }
/* setlocale(LC_ALL, "") then whether the terminal's character set is UTF-8,
   which decides between block-element bars and ASCII ones. */
static inline int shim_setlocale_is_utf8(void) {
    setlocale(LC_ALL, "");
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && strcmp(codeset, "UTF-8") == 0;
}
/* newterm on the process's stdin/stdout; unlike initscr it returns NULL
   instead of exiting when TERM is unknown. */
static inline SCREEN *shim_newterm(void) { return newterm(NULL, stdout, stdin); }
/* ncurses checks stdin for typeahead during every refresh (a poll per line group); the
   mixer reads every key before it draws, so the check only costs system calls. */
static inline int shim_typeahead_off(void) { return typeahead(-1); }
/* ncurses 6.4 flushes its output after every cursor movement until the screen has once
   been left with endwin() (lib_mvcur.c flushes while SP->_endwin == ewInitial), so a frame
   became one write(2) per changed run. Leaving and re-entering once, before anything is
   drawn, makes a refresh one write. */
static inline int shim_enter_buffered_output(void) { endwin(); return refresh(); }

#endif
