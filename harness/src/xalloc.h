/* Allocation that cannot fail: out of memory ends the harness with a message,
 * so no caller carries an unreachable error path. */
#ifndef RACELAB_XALLOC_H
#define RACELAB_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrdup_or_null(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Appends `line` (taken over) to the malloc'd *text, a newline between lines. */
void xappend_line(char **text, char *line);

#endif
