/* Finds `racelab: NAME` marker comments in a case's .c and .h files. */
#include "markers.h"

#include "fsutil.h"
#include "xalloc.h"

#include <regex.h>
#include <stdlib.h>
#include <string.h>

static void add_marker(rl_marker **markers, size_t *n, const char *name, size_t len,
                       const char *file, int line)
{
    *markers = xrealloc(*markers, (*n + 1) * sizeof **markers);
    rl_marker *m = &(*markers)[(*n)++];
    m->name = xstrndup(name, len);
    m->file = xstrdup(file);
    m->line = line;
}

static void scan_text(const regex_t *re, const char *text, const char *file,
                      rl_marker **markers, size_t *n)
{
    int line = 1;
    for (const char *p = text; *p; line++) {
        const char *eol = strchr(p, '\n');
        size_t len = eol ? (size_t)(eol - p) : strlen(p);
        char *copy = xstrndup(p, len);
        regmatch_t m[2];
        for (const char *q = copy; regexec(re, q, 2, m, 0) == 0; q += m[0].rm_eo)
            add_marker(markers, n, q + m[1].rm_so, (size_t)(m[1].rm_eo - m[1].rm_so), file, line);
        free(copy);
        p += len + (eol ? 1 : 0);
    }
}

static void scan_suffix(const regex_t *re, const char *dir, const char *suffix,
                        rl_marker **markers, size_t *n)
{
    char **names;
    size_t count = rl_list_dir(dir, suffix, false, &names);
    for (size_t i = 0; i < count; i++) {
        char *path = xasprintf("%s/%s", dir, names[i]);
        char *text = rl_read_file(path, NULL);
        if (text)
            scan_text(re, text, names[i], markers, n);
        free(text);
        free(path);
    }
    rl_free_strings(names, count);
}

size_t rl_markers_scan(const char *dir, rl_marker **markers)
{
    regex_t re;
    /* Compiled once per case; the pattern is a constant, so failure is a programming error. */
    if (regcomp(&re, "racelab:[[:space:]]*([A-Za-z0-9_-]+)", REG_EXTENDED) != 0)
        abort();
    size_t n = 0;
    *markers = NULL;
    scan_suffix(&re, dir, ".c", markers, &n);
    scan_suffix(&re, dir, ".h", markers, &n);
    regfree(&re);
    return n;
}

bool rl_marker_exists(const rl_marker *markers, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(markers[i].name, name) == 0)
            return true;
    return false;
}

bool rl_marker_at(const rl_marker *markers, size_t n, const char *name, const char *file,
                  int line)
{
    const char *base = rl_basename(file);
    for (size_t i = 0; i < n; i++)
        if (markers[i].line == line && strcmp(markers[i].name, name) == 0 &&
            strcmp(markers[i].file, base) == 0)
            return true;
    return false;
}
