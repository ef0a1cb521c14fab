/* Tools as data: harness/tools.json says how each tool's binaries are built (a build
 * flavour), how it is run (an argument vector with {program} and {reports}), which
 * parser reads its reports and what it needs on PATH. */
#ifndef RACELAB_TOOLS_H
#define RACELAB_TOOLS_H

#include "parse.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct rl_env_var {
    char *name;
    char *value; /* may hold {reports} */
} rl_env_var;

typedef struct rl_tool {
    char *name;
    char *about;
    char *build;         /* flavour: binaries are in <build-dir>/cases/<build>/<case>/<program>;
                            NULL for a static analyzer, which reads the source */
    char **argv;         /* template: {program} {source} {cases} {reports} */
    size_t argc;
    rl_env_var *env;
    size_t n_env;
    char *parser;        /* "none", "tsan", "valgrind-xml" */
    rl_parse_fn *parse;  /* NULL for "none" */
    char *reports;       /* fnmatch pattern of report files in {reports}, or "@stdout" /
                            "@stderr" for a tool that prints its findings; NULL: none */
    bool report_required; /* no report file means the tool did not run (Valgrind always writes) */
    char **failure_patterns; /* text on stderr that means the tool itself failed to start */
    size_t n_failure_patterns;
    int report_exit_status; /* the exit status the tool uses after reporting; -1: none */
    char *size;          /* RACELAB_SIZE for the program: "full" or "small" */
    double slowdown;     /* deadline multiplier */
    char **requires;
    size_t n_requires;
    char **version_argv;
    size_t version_argc;
} rl_tool;

typedef struct rl_toolset {
    rl_tool *tools;
    size_t n;
} rl_toolset;

/* Loads tools.json. On failure returns -1 with *error "path: what was expected". */
int rl_tools_load(const char *path, rl_toolset *out, char **error);
void rl_tools_free(rl_toolset *set);
const rl_tool *rl_tool_find(const rl_toolset *set, const char *name);
/* Whether the tool reads reports (a detector) rather than the program's own verdict. */
int rl_tool_is_detector(const rl_tool *tool);

#endif
