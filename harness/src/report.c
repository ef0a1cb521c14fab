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
}

static void report_free(rl_report *r)
{
    for (size_t i = 0; i < r->n_locations; i++) {
        free(r->locations[i].file);
        free(r->locations[i].function);
        free(r->locations[i].role);
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
