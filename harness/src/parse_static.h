/* Parsers of static analyzers' output: compiler-style text diagnostics (clang
 * -Wthread-safety, clang --analyze's text, gcc -fanalyzer, clang-tidy), SARIF (clang
 * --analyze -analyzer-output=sarif) and cppcheck --xml (version 2).
 *
 * The kinds they produce are those of kinds.def; guarded-by-violation, lock-not-released
 * and fd-misuse come only from them.
 *
 * Private until parse.h declares the three *_file functions (rl_parse_fn). */
#ifndef RACELAB_PARSE_STATIC_H
#define RACELAB_PARSE_STATIC_H

#include <stdbool.h>
#include <stddef.h>

#include "parse.h"

/* "file:line:col: warning: message [option]" lines, with their notes. */
rl_parse_status rl_parse_diagnostics_file(const char *path, rl_report_list *out, char **error);
rl_parse_status rl_parse_diagnostics_text(const char *text, size_t len, rl_report_list *out,
                                          char **error);

/* SARIF 2.1.0 as the clang static analyzer writes it. */
rl_parse_status rl_parse_sarif_file(const char *path, rl_report_list *out, char **error);
rl_parse_status rl_parse_sarif_text(const char *text, size_t len, rl_report_list *out,
                                    char **error);

/* cppcheck --xml (version 2). */
rl_parse_status rl_parse_cppcheck_file(const char *path, rl_report_list *out, char **error);
rl_parse_status rl_parse_cppcheck_text(const char *text, size_t len, rl_report_list *out,
                                       char **error);

/* The normalized kind of one static finding, from the tool's name for the check (a
 * warning option "-Wthread-safety-analysis", a clang-tidy check, a clang analyzer
 * checker "alpha.unix.PthreadLock", a cppcheck id "deallocuse"; may be NULL) and, where
 * that name covers several problems, the message text; RL_KIND_OTHER when unknown. */
rl_kind rl_static_kind(const char *rule, const char *message);

/* Whether a path is in a system header directory (/usr/include, a compiler's own
 * headers): findings there are the library's, not the program's. */
bool rl_static_system_path(const char *path);

/* Moves every report of `from` to the end of `to`, leaving `from` empty. */
void rl_static_move_reports(rl_report_list *to, rl_report_list *from);

#endif
