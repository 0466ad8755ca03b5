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

/* Mouse masks are function-like macros that Swift cannot import. */
static inline mmask_t bi_mouse_click_mask(void) {
    return BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED;
}
static inline int bi_mouse_is_click(mmask_t state) {
    return (state & (BUTTON1_PRESSED | BUTTON1_CLICKED)) != 0;
}
static inline int bi_mouse_is_wheel_up(mmask_t state) { return (state & BUTTON4_PRESSED) != 0; }
static inline int bi_mouse_is_wheel_down(mmask_t state) { return (state & BUTTON5_PRESSED) != 0; }

#endif
