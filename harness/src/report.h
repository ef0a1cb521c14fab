/* The normalized form every parser produces: one report per finding of a tool,
 * whatever its output format. */
#ifndef RACELAB_REPORT_H
#define RACELAB_REPORT_H

#include "kinds.h"

#include <stdbool.h>
#include <stddef.h>

/* One frame of a program's own code: a file, a line and (when known) a function. */
typedef struct rl_frame {
    char *file;
    int line;
    char *function; /* may be NULL */
} rl_frame;

/* How many of the program's frames below the top one a parser keeps per stack: enough
 * to step over a program's own wrappers (unwrap.h) without holding whole stacks. */
#define RL_CALLERS_MAX 6

/* One source location a report points at: the top user frame of one of its
 * primary stacks (an access, an acquisition, an unlock), not a "created at" stack.
 * Parsers know nothing of the case, so they keep the next user frames of the same stack
 * as `callers`; once the case's wrappers are known (unwrap.c), a location in a wrapper
 * moves to its first caller outside them, and the wrapper frame is kept as `wrapper`. */
typedef struct rl_location {
    char *file;      /* as the tool printed it (absolute in practice) */
    int line;        /* > 0 */
    char *function;  /* may be NULL */
    char *role;      /* what the stack is, e.g. "write", "previous read", "lock"; may be NULL */
    rl_frame callers[RL_CALLERS_MAX]; /* the frames below it, innermost first */
    size_t n_callers;
    rl_frame *wrapper; /* the program's wrapper frame the location stepped over; NULL */
} rl_location;

typedef struct rl_report {
    rl_kind kind;    /* normalized (kinds.def) */
    char *tool_kind; /* the tool's own name: TSan's heading, Valgrind's <kind> */
    char *message;   /* one line: TSan's SUMMARY or Valgrind's <what>; may be NULL */
    int pid;         /* process that reported it, 0 when unknown */
    rl_location *locations;
    size_t n_locations;
} rl_report;

typedef struct rl_report_list {
    rl_report *items;
    size_t n, cap;
} rl_report_list;

/* Appends a report with the given kind and tool kind/message (copied) and no locations; returns it. */
rl_report *rl_report_add(rl_report_list *list, rl_kind kind, const char *tool_kind,
                         const char *message);
/* Appends a location (strings copied). function/role may be NULL. */
void rl_report_add_location(rl_report *report, const char *file, int line,
                            const char *function, const char *role);
/* Adds a caller below the report's last location (dropped beyond RL_CALLERS_MAX). */
void rl_location_add_caller(rl_location *loc, const char *file, int line,
                            const char *function);
/* Appends a copy of `from` (callers and wrapper included) to the report. */
void rl_report_copy_location(rl_report *report, const rl_location *from);
void rl_frame_free(rl_frame *f);
void rl_report_list_free(rl_report_list *list);

#endif
