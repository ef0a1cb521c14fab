#include "parse.h"

#include "fsutil.h"
#include "xalloc.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *name;
    rl_parse_fn *parse;
} parsers[] = {
    {"none", NULL},
    {"tsan", rl_parse_tsan_file},
    {"valgrind-xml", rl_parse_valgrind_xml_file},
    {"diagnostics", rl_parse_diagnostics_file},
    {"sarif", rl_parse_sarif_file},
    {"cppcheck-xml", rl_parse_cppcheck_file},
};

rl_parse_fn *rl_parser_by_name(const char *name)
{
    for (size_t i = 0; i < sizeof parsers / sizeof parsers[0]; i++)
        if (strcmp(parsers[i].name, name) == 0)
            return parsers[i].parse;
    return NULL;
}

int rl_parser_known(const char *name)
{
    for (size_t i = 0; i < sizeof parsers / sizeof parsers[0]; i++)
        if (strcmp(parsers[i].name, name) == 0)
            return 1;
    return 0;
}

rl_parse_status rl_parse_file_as(const char *path, rl_parse_text_fn *parse, rl_report_list *out,
                                 char **error)
{
    size_t len = 0;
    char *text = rl_read_file_max(path, RL_REPORT_MAX, &len);
    if (text == NULL && errno == EFBIG) {
        *error = xasprintf("%s: larger than %zu MiB: not read as a report", path,
                           (size_t)RL_REPORT_MAX >> 20);
        return RL_PARSE_MALFORMED;
    }
    if (text == NULL) {
        *error = xasprintf("%s: cannot read: %s", path, strerror(errno));
        return RL_PARSE_MALFORMED;
    }
    rl_parse_status status = parse(text, len, out, error);
    if (*error) {
        char *with_path = xasprintf("%s: %s", path, *error);
        free(*error);
        *error = with_path;
    }
    free(text);
    return status;
}

int rl_positive_int(const char *s)
{
    long long v = 0;
    for (; *s >= '0' && *s <= '9'; s++) {
        v = v * 10 + (*s - '0');
        if (v > INT_MAX)
            return 0;
    }
    return (int)v;
}
