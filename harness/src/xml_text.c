#define _GNU_SOURCE /* memmem */
#include "xml_text.h"

#include "parse.h"
#include "xalloc.h"

#include <limits.h>

#include <string.h>

static bool blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

bool rl_xml_error_at_end(const char *text, size_t len, int error_line)
{
    int lines = 1;
    size_t last_content = 0;
    for (size_t i = 0; i < len; i++)
        if (!blank(text[i]))
            last_content = i;
    for (size_t i = 0; i < last_content; i++)
        if (text[i] == '\n')
            lines++;
    return error_line >= lines;
}

bool rl_xml_starts_like_xml(const char *text, size_t len, int *line, const char **start)
{
    *line = 1;
    size_t i = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        i = 3; /* a UTF-8 byte-order mark */
    for (; i < len && blank(text[i]); i++)
        if (text[i] == '\n')
            (*line)++;
    *start = text + i;
    return i < len && text[i] == '<';
}

void rl_xml_keep_first_error(char **message, int *line, const xmlError *err)
{
    if (*message != NULL || err == NULL)
        return;
    char *msg = xstrdup(err->message ? err->message : "XML error");
    size_t n = strlen(msg);
    while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
        msg[--n] = '\0';
    *message = msg;
    *line = err->line;
}

bool rl_xml_refused(const char *text, size_t len, char **error)
{
    if (len > RL_REPORT_MAX || len > INT_MAX) {
        *error = xasprintf("line 1: %zu bytes: larger than a report may be (%zu MiB)", len,
                           (size_t)RL_REPORT_MAX >> 20);
        return true;
    }
    static const char *const declarations[] = {"<!DOCTYPE", "<!ENTITY"};
    for (size_t i = 0; i < sizeof declarations / sizeof declarations[0]; i++) {
        const char *at = memmem(text, len, declarations[i], strlen(declarations[i]));
        if (at == NULL)
            continue;
        int line = 1;
        for (const char *p = text; p < at; p++)
            line += *p == '\n';
        *error = xasprintf("line %d: the document declares %s: refused (the tool writes "
                           "none, and entities can expand without bound)",
                           line, i == 0 ? "a DTD" : "an entity");
        return true;
    }
    return false;
}
