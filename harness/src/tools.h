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

/* Where a tool's findings are: files matching a pattern in {reports}, or what it prints. */
typedef enum {
    RL_REPORTS_NONE,   /* no parser: the program's own verdict is all there is */
    RL_REPORTS_FILES,  /* files matching `reports` in {reports} */
    RL_REPORTS_STDOUT, /* "@stdout" */
    RL_REPORTS_STDERR, /* "@stderr" */
} rl_reports_from;

/* A named limit of a tool: a blind spot or a known false alarm that holds for many
 * programs, said once beside the tool's description (tools.json "limits") because it is a
 * fact about the tool and its version, not about one program. case.ini cites it as
 * `blind: @NAME` or `...: @NAME; what is special here`. */
typedef struct rl_limit {
    char *name;
    char *reason;
    char *observed;     /* the tool version it was observed on, e.g. "gcc 12.2.0" */
    bool is_default;    /* "default_for": the expectation of every unsafe program of
                           `default_form` that says nothing about the tool */
    char *default_form; /* "thread" | "process" | NULL: any form */
} rl_limit;

typedef struct rl_tool {
    char *name;
    char *about;
    char *docs;          /* https URL of the tool's documentation (SARIF informationUri); NULL */
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
    rl_reports_from reports_from; /* `reports` decoded */
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
    rl_limit *limits;
    size_t n_limits;
    char *version_of;    /* "version_of": the family (another tool) this is a version of */
    const struct rl_tool *family; /* that tool, linked after loading; NULL: none */
    bool has_versions;   /* some tool is a version_of this one */
    char *optional;      /* "optional": the name of the set it comes with ("clang-19"),
                            chosen by --with; NULL: a default tool */
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
/* The tool's limit called `name` (without the '@'), or NULL. A version of a family
 * (version_of) has its own limits and, for every name it does not define, its family's:
 * a new version costs lines only where it behaves differently. */
const rl_limit *rl_tool_limit(const rl_tool *tool, const char *name);
/* The tool whose "limits" hold that limit: the tool itself or its family; NULL: none. */
const rl_tool *rl_tool_limit_owner(const rl_tool *tool, const char *name);
/* The limit that is the tool's expectation for an unsafe program of `form` that says
 * nothing about it, or NULL (the family's when the version has none of its own). */
const rl_limit *rl_tool_default_limit(const rl_tool *tool, const char *form);
/* Whether `tool` is `family` or a version of it. */
bool rl_tool_in_family(const rl_tool *tool, const char *family);

#endif
