/* Parsers turn a tool's raw output into normalized reports (report.h).
 * A tool description in tools.json names its parser; this is the table. */
#ifndef RACELAB_PARSE_H
#define RACELAB_PARSE_H

#include "report.h"

typedef enum {
    RL_PARSE_OK = 0,
    RL_PARSE_PARTIAL = 1,     /* truncated output (run killed at its deadline): the complete reports are kept */
    RL_PARSE_TOOL_FAILED = 2, /* the output shows the tool itself could not run (e.g. TSan's
                                 "unexpected memory mapping"): an environment error, *error says what */
    RL_PARSE_MALFORMED = -1,  /* not this tool's output format; *error says where */
} rl_parse_status;

/* Parses one report file the tool wrote, appending to `out`. On any status other than
 * RL_PARSE_OK, *error is set to a malloc'd message (free it). */
typedef rl_parse_status rl_parse_fn(const char *path, rl_report_list *out, char **error);

/* ThreadSanitizer text output (a log_path file, or captured stderr), clang and gcc flavours. */
rl_parse_status rl_parse_tsan_file(const char *path, rl_report_list *out, char **error);
rl_parse_status rl_parse_tsan_text(const char *text, rl_report_list *out, char **error);

/* Valgrind --xml=yes output (protocol 4/5: Helgrind and DRD), one file. */
rl_parse_status rl_parse_valgrind_xml_file(const char *path, rl_report_list *out, char **error);
rl_parse_status rl_parse_valgrind_xml_text(const char *text, size_t len, rl_report_list *out,
                                           char **error);

/* Compiler-style text diagnostics: clang -Wthread-safety, clang --analyze's stderr,
 * gcc -fanalyzer, clang-tidy. */
rl_parse_status rl_parse_diagnostics_file(const char *path, rl_report_list *out, char **error);
/* SARIF 2.x as clang --analyze -analyzer-output=sarif writes it. */
rl_parse_status rl_parse_sarif_file(const char *path, rl_report_list *out, char **error);
/* cppcheck --xml (version 2). */
rl_parse_status rl_parse_cppcheck_file(const char *path, rl_report_list *out, char **error);

/* A parser of text already in memory; `len` excludes the terminating NUL. */
typedef rl_parse_status rl_parse_text_fn(const char *text, size_t len, rl_report_list *out,
                                         char **error);
/* A line number or pid as a tool printed it: the leading decimal digits as an int, or 0
 * when there are none or they exceed INT_MAX (atoi would wrap 4294967308 into line 12). */
int rl_positive_int(const char *s);

/* The largest report file read (the job runner's RLIMIT_FSIZE keeps a tool's own files at
 * this size): a larger one is malformed, not a reason to hold gigabytes. */
#define RL_REPORT_MAX ((size_t)64 << 20)
/* Reads the file and parses it with `parse`; every message then starts with the path. */
rl_parse_status rl_parse_file_as(const char *path, rl_parse_text_fn *parse, rl_report_list *out,
                                 char **error);

/* The parser named in tools.json ("tsan", "valgrind-xml"), or NULL. "none" is NULL too. */
rl_parse_fn *rl_parser_by_name(const char *name);
/* Whether `name` is a parser this harness knows (including "none"). */
int rl_parser_known(const char *name);

#endif
