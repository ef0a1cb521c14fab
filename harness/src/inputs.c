#include "inputs.h"

#include "xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

bool rl_name_valid(const char *name)
{
    size_t n = strlen(name);
    return n > 0 && n <= RL_NAME_MAX &&
           strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-") == n;
}

char *rl_name_problem(const char *what, const char *name)
{
    /* the name itself may hold anything: show only its printable ASCII */
    char shown[RL_NAME_MAX + 4];
    size_t k = 0;
    for (const char *p = name; *p && k < RL_NAME_MAX; p++)
        shown[k++] = *p >= 0x20 && *p < 0x7f ? *p : '?';
    shown[k] = '\0';
    return xasprintf("%s name '%s%s' is not allowed: names are 1 to %d of A-Z a-z 0-9 _ - "
                     "(they become paths and arguments)",
                     what, shown, strlen(name) > k ? "..." : "", RL_NAME_MAX);
}

char *rl_text_file_problem(const char *path)
{
    FILE *f = fopen(path, "rbe");
    if (f == NULL)
        return xasprintf("%s: cannot open: %s", path, strerror(errno));
    char *problem = NULL;
    int line = 1, c;
    size_t length = 0;
    while (problem == NULL && (c = getc(f)) != EOF) {
        if (c == '\n') {
            line++;
            length = 0;
        } else if (c == '\0') {
            problem = xasprintf("%s:%d: a NUL byte: the file must be text", path, line);
        } else if (++length > RL_LINE_MAX) {
            problem = xasprintf("%s:%d: line longer than %d bytes", path, line, RL_LINE_MAX);
        }
    }
    if (problem == NULL && ferror(f))
        problem = xasprintf("%s: cannot read: %s", path, strerror(errno));
    fclose(f);
    return problem;
}
