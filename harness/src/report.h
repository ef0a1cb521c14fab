/* The normalized form every parser produces: one report per finding of a tool,
 * whatever its output format. */
#ifndef RACELAB_REPORT_H
#define RACELAB_REPORT_H

#include "kinds.h"

#include <stdbool.h>
#include <stddef.h>

/* One source location a report points at: the top user frame of one of its
 * primary stacks (an access, an acquisition, an unlock), not a "created at" stack. */
typedef struct rl_location {
    char *file;      /* as the tool printed it (absolute in practice) */
    int line;        /* > 0 */
    char *function;  /* may be NULL */
    char *role;      /* what the stack is, e.g. "write", "previous read", "lock"; may be NULL */
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
void rl_report_list_free(rl_report_list *list);

#endif
