/* Did-you-mean for names (suggest.h). */
#include "suggest.h"

#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

/* Levenshtein distance, one row at a time. */
static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    size_t *row = xcalloc(lb + 1, sizeof *row);
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t above = row[j];
            size_t best = diagonal + (a[i - 1] != b[j - 1]);
            if (above + 1 < best)
                best = above + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diagonal = above;
        }
    }
    size_t d = row[lb];
    free(row);
    return d;
}

const char *rl_closest_name(const char *word, const char *const *candidates, size_t n)
{
    size_t limit = strlen(word) / 3 > 1 ? strlen(word) / 3 : 1;
    const char *best = NULL;
    size_t best_d = limit + 1;
    for (size_t i = 0; i < n; i++) {
        size_t d = edit_distance(word, candidates[i]);
        if (d < best_d)
            best = candidates[i], best_d = d;
    }
    return best;
}

char *rl_name_hint(const char *word, const char *const *candidates, size_t n)
{
    const char *near = rl_closest_name(word, candidates, n);
    char *out = near ? xasprintf(" (did you mean '%s'?); valid:", near) : xstrdup("; valid:");
    for (size_t i = 0; i < n; i++) {
        char *next = xasprintf("%s%s %s", out, i ? "," : "", candidates[i]);
        free(out);
        out = next;
    }
    return out;
}
