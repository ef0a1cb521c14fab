#define _GNU_SOURCE
#include "xalloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *check(void *p)
{
    if (p == NULL) {
        fputs("racelab: out of memory\n", stderr);
        exit(3);
    }
    return p;
}

void *xmalloc(size_t n) { return check(malloc(n ? n : 1)); }
void *xcalloc(size_t n, size_t size) { return check(calloc(n ? n : 1, size ? size : 1)); }
void *xrealloc(void *p, size_t n) { return check(realloc(p, n ? n : 1)); }
char *xstrdup(const char *s) { return check(strdup(s)); }
char *xstrdup_or_null(const char *s) { return s ? xstrdup(s) : NULL; }
char *xstrndup(const char *s, size_t n) { return check(strndup(s, n)); }

char *xasprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *out = NULL;
    int rc = vasprintf(&out, fmt, ap);
    va_end(ap);
    return check(rc < 0 ? NULL : out);
}

void xappend_line(char **text, char *line)
{
    char *next = xasprintf("%s%s%s", *text ? *text : "", *text ? "\n" : "", line);
    free(*text);
    free(line);
    *text = next;
}
