#include "report.h"

#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

rl_report *rl_report_add(rl_report_list *list, rl_kind kind, const char *tool_kind,
                         const char *message)
{
    if (list->n == list->cap) {
        list->cap = list->cap ? list->cap * 2 : 8;
        list->items = xrealloc(list->items, list->cap * sizeof *list->items);
    }
    rl_report *r = &list->items[list->n++];
    memset(r, 0, sizeof *r);
    r->kind = kind;
    r->tool_kind = xstrdup_or_null(tool_kind);
    r->message = xstrdup_or_null(message);
    return r;
}

void rl_report_add_location(rl_report *report, const char *file, int line,
                            const char *function, const char *role)
{
    report->locations = xrealloc(report->locations,
                                 (report->n_locations + 1) * sizeof *report->locations);
    rl_location *loc = &report->locations[report->n_locations++];
    loc->file = xstrdup(file);
    loc->line = line;
    loc->function = xstrdup_or_null(function);
    loc->role = xstrdup_or_null(role);
    loc->n_callers = 0;
    loc->wrapper = NULL;
}

void rl_location_add_caller(rl_location *loc, const char *file, int line,
                            const char *function)
{
    if (loc->n_callers == RL_CALLERS_MAX)
        return;
    loc->callers[loc->n_callers++] =
        (rl_frame){xstrdup(file), line, xstrdup_or_null(function)};
}

void rl_report_copy_location(rl_report *report, const rl_location *from)
{
    rl_report_add_location(report, from->file, from->line, from->function, from->role);
    rl_location *to = &report->locations[report->n_locations - 1];
    for (size_t i = 0; i < from->n_callers; i++)
        rl_location_add_caller(to, from->callers[i].file, from->callers[i].line,
                               from->callers[i].function);
    if (from->wrapper) {
        to->wrapper = xcalloc(1, sizeof *to->wrapper);
        *to->wrapper = (rl_frame){xstrdup(from->wrapper->file), from->wrapper->line,
                                  xstrdup_or_null(from->wrapper->function)};
    }
}

void rl_frame_free(rl_frame *f)
{
    free(f->file);
    free(f->function);
    memset(f, 0, sizeof *f);
}

static void report_free(rl_report *r)
{
    for (size_t i = 0; i < r->n_locations; i++) {
        rl_location *loc = &r->locations[i];
        free(loc->file);
        free(loc->function);
        free(loc->role);
        for (size_t k = 0; k < loc->n_callers; k++)
            rl_frame_free(&loc->callers[k]);
        if (loc->wrapper)
            rl_frame_free(loc->wrapper);
        free(loc->wrapper);
    }
    free(r->locations);
    free(r->tool_kind);
    free(r->message);
}

void rl_report_list_free(rl_report_list *list)
{
    for (size_t i = 0; i < list->n; i++)
        report_free(&list->items[i]);
    free(list->items);
    memset(list, 0, sizeof *list);
}
