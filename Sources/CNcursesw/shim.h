#ifndef BPMN_INBOX_CNCURSESW_SHIM_H
#define BPMN_INBOX_CNCURSESW_SHIM_H

/* Wide-character API (cchar_t, get_wch, add_wch) is only declared with this set. */
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/* glibc declares wcwidth only under _XOPEN_SOURCE, which Swift's Glibc module lacks. */
extern int wcwidth(wchar_t c);

/* Attribute bits are cast/shift macros that Swift cannot import. */
static inline attr_t bi_attr_normal(void) { return A_NORMAL; }
static inline attr_t bi_attr_bold(void) { return A_BOLD; }
static inline attr_t bi_attr_reverse(void) { return A_REVERSE; }
static inline attr_t bi_attr_underline(void) { return A_UNDERLINE; }
static inline attr_t bi_attr_dim(void) { return A_DIM; }
static inline attr_t bi_attr_standout(void) { return A_STANDOUT; }

static inline int bi_key_f(int n) { return KEY_F(n); }

/* Writes one string with an attribute set and an extended colour pair (above 255). */
static inline int bi_attr_set(attr_t attrs, int pair) {
    return attr_set(attrs, (short)(pair > 32767 ? 0 : pair), &pair);
}

#endif
