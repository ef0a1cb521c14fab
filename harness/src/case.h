/* A case as read from cases/<name>/case.ini: its programs and, per program and tool,
 * what the tool must say. */
#ifndef RACELAB_CASE_H
#define RACELAB_CASE_H

#include "kinds.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    RL_EXPECT_CLEAN,    /* the tool must report nothing */
    RL_EXPECT_DETECT,   /* every listed report must be seen, and nothing else */
    RL_EXPECT_BLIND,    /* the tool cannot see the bug: a report is an xpass */
    RL_EXPECT_MANIFEST, /* native: the program's invariant check must say "bug" */
    RL_EXPECT_CORRECT,  /* native: the invariant check must say "ok" */
    RL_EXPECT_HANG,     /* native: the run must still be running at its deadline */
} rl_expect_type;

/* One report that must be seen: `detect KIND at M...` or `false-alarm KIND at M...: WHY`. */
typedef struct rl_expected_report {
    rl_kind kind;
    char **markers;
    size_t n_markers;
    bool false_alarm;
    bool anywhere; /* `KIND anywhere: WHY`: the tool names no source line for this kind */
    char *reason;  /* false alarms and `anywhere`: in full, a cited limit's text included */
    char *limit;   /* the named limit the reason cites (`@NAME`), or NULL */
    int line;      /* the case.ini line that states it */
} rl_expected_report;

typedef struct rl_expectation {
    char *tool;
    rl_expect_type type;
    rl_expected_report *reports; /* RL_EXPECT_DETECT only */
    size_t n_reports;
    char *reason; /* RL_EXPECT_BLIND: in full, a cited limit's text included */
    char *limit;  /* the named limit a blind reason cites, or the default limit; NULL */
    int line;     /* first line of case.ini that states it; 0: a default (rl_resolve) */
} rl_expectation;

typedef struct rl_program {
    char *name;    /* source is <name>.c in the case folder */
    char *form;    /* "thread" | "process"; from the name (threads_, procs_) unless given */
    char *variant; /* "unsafe" | "safe"; from the name (_unsafe, _safe) unless given */
    double timeout_s;
    bool hangs;    /* `hangs = yes`: every run deadlocks; detectors' runs end at the deadline */
    int line;      /* the [program NAME] line */
    rl_expectation *expects;
    size_t n_expects;
} rl_program;

/* A marker comment `racelab: NAME` found in the case's sources. A name may mark several
 * lines (one access spread over lines), so lookups return every occurrence. */
typedef struct rl_marker {
    char *name;
    char *file; /* basename, e.g. "threads_unsafe.c" */
    int line;
} rl_marker;

typedef struct rl_case {
    char *name;
    char *dir;
    char *ini_path;
    char *title;
    char *lesson;
    rl_program *programs;
    size_t n_programs;
    rl_marker *markers;
    size_t n_markers;
} rl_case;

/* Loads cases/<dir>/case.ini and the markers of the folder's sources. On failure returns
 * -1 and sets *error to "path:line: what was expected" (malloc'd). */
int rl_case_load(const char *dir, rl_case *out, char **error);
void rl_case_free(rl_case *c);

/* Parses one tool line's value (the grammar of cases/FORMAT.md) into a zeroed `into`.
 * Returns -1 with *error set (malloc'd, no location prefix: the caller adds file:line). */
int rl_expectation_parse(const char *value, rl_expectation *into, char **error);
void rl_expectation_free(rl_expectation *e);

const rl_expectation *rl_program_expectation(const rl_program *p, const char *tool);
const char *rl_expect_type_name(rl_expect_type t);

#endif
