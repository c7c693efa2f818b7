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

#include <locale.h>
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

#endif
