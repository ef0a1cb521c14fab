/* out/overview.md: the per-tool scoreboard and the list of cases with their one-line
 * lessons, in Markdown. It is what README's first screen shows (`scripts/racelab readme`
 * splices it in), so a reader sees what a run found before any detail. */
#define _GNU_SOURCE
#include "matrix.h"

#include "fsutil.h"
#include "run_info.h"
#include "scoreboard.h"
#include "outputs.h"
#include "xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void write_scoreboard(const rl_matrix *m, FILE *f)
{
    rl_score *scores = rl_scoreboard(m);
    size_t bugs = 0, safe = 0;
    for (size_t r = 0; r < m->n_rows; r++) {
        bugs += strcmp(m->rows[r].program->variant, "unsafe") == 0;
        safe += strcmp(m->rows[r].program->variant, "safe") == 0;
    }
    fputs("| tool | bugs caught | blind spots | false alarms on safe programs | precision | "
          "recall | F1 |\n|---|---|---|---|---|---|---|\n",
          f);
    for (size_t t = 0; t < m->n_tools; t++) {
        if (!rl_tool_is_detector(m->tools[t]))
            continue;
        const rl_score *s = &scores[t];
        char p[32], r[32], f1[32];
        rl_ratio_text(rl_score_precision(s), p, sizeof p);
        rl_ratio_text(rl_score_recall(s), r, sizeof r);
        rl_ratio_text(rl_score_f1(s), f1, sizeof f1);
        fprintf(f, "| %s | %zu / %zu | %zu / %zu | %zu / %zu | %s | %s | %s |\n",
                m->tools[t]->name, s->caught, s->bugs, s->blind, s->bugs, s->false_alarms,
                s->safe, p, r, f1);
    }
    fprintf(f, "\nOver %zu unsafe and %zu safe programs. A program counts as flagged when the "
               "tool reported in more than half of its runs; precision = caught / (caught + "
               "false alarms), recall = caught / bugs; blind spots are the bugs not caught.\n",
            bugs, safe);
    free(scores);
}

/* Lessons travel in a list, not a table, so any character but a newline is fine. */
static void write_cases(const rl_matrix *m, FILE *f)
{
    for (size_t i = 0; i < m->n_cases; i++) {
        const rl_case *c = &m->cases[i];
        const char *lesson = c->lesson ? c->lesson : c->title;
        fprintf(f, "- [%s](cases/%s/README.md)%s", c->name, c->name, lesson ? ": " : "");
        for (const char *p = lesson ? lesson : ""; *p; p++)
            fputc(*p == '\n' ? ' ' : *p, f);
        fputc('\n', f);
    }
}

static int emit_overview(const rl_matrix *m, FILE *f, char **error)
{
    (void)error;
    rl_run_info info = {0};
    rl_run_info_collect(m, &info);
    fprintf(f, "From a run of %zu cells (%zu cases, %zu tools, %u run(s) each, %.0f s) on %s "
               "at `%s`:\n\n",
            m->n_cells, m->n_cases, m->n_tools, m->opt->repeat, m->wall_s,
            info.date ? info.date : "?", info.commit ? info.commit : "?");
    rl_run_info_free(&info);
    write_scoreboard(m, f);
    fputs("\nThe cases, each a lesson with its README:\n\n", f);
    write_cases(m, f);
    return ferror(f) ? -1 : 0;
}

int rl_write_overview(const rl_matrix *m, const char *path, char **error)
{
    return rl_write_atomic(path, emit_overview, m, error);
}
