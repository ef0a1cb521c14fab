/* Scoreboard arithmetic: per-tool confusion counts over a run, and the interval of a rate. */
#include "scoreboard.h"

#include "outcome.h"
#include "xalloc.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void rl_score_add(rl_score *s, const char *variant, bool ran, bool flagged)
{
    if (!ran)
        return;
    if (strcmp(variant, "unsafe") == 0) {
        s->bugs++;
        if (flagged)
            s->caught++;
        else
            s->blind++;
    } else if (strcmp(variant, "safe") == 0) {
        s->safe++;
        s->false_alarms += flagged;
    }
}

rl_ratio rl_score_precision(const rl_score *s)
{
    size_t flagged = s->caught + s->false_alarms;
    return flagged ? (rl_ratio){true, (double)s->caught / (double)flagged} : (rl_ratio){0};
}

rl_ratio rl_score_recall(const rl_score *s)
{
    return s->bugs ? (rl_ratio){true, (double)s->caught / (double)s->bugs} : (rl_ratio){0};
}

rl_ratio rl_score_f1(const rl_score *s)
{
    rl_ratio p = rl_score_precision(s), r = rl_score_recall(s);
    if (!p.defined || !r.defined)
        return (rl_ratio){0};
    if (p.value + r.value == 0)
        return (rl_ratio){true, 0};
    return (rl_ratio){true, 2 * p.value * r.value / (p.value + r.value)};
}

void rl_ratio_text(rl_ratio r, char *buf, size_t size)
{
    if (r.defined)
        snprintf(buf, size, "%.3f", r.value);
    else
        snprintf(buf, size, "n/a");
}

bool rl_cell_flagged(const rl_cell *cell)
{
    /* On a buggy program, a report the judge explained as a known false alarm is not the
     * bug. */
    if (strcmp(cell->program->variant, "unsafe") == 0 && cell->expect &&
        cell->expect->type == RL_EXPECT_DETECT && !rl_cell_caught_for_real(cell))
        return false;
    return cell->n_runs > 0 && 2 * cell->detected_runs > cell->n_runs;
}

rl_score *rl_scoreboard(const rl_matrix *m)
{
    rl_score *scores = xcalloc(m->n_tools ? m->n_tools : 1, sizeof *scores);
    for (size_t i = 0; i < m->n_cells; i++) {
        const rl_cell *cell = &m->cells[i];
        size_t t = i % m->n_tools; /* cells are laid out row by row, a tool per column */
        if (!rl_tool_is_detector(cell->tool))
            continue;
        bool ran = cell->verdict != RL_VERDICT_SKIP && cell->verdict != RL_VERDICT_ERROR &&
                   cell->n_runs > 0;
        rl_score_add(&scores[t], cell->program->variant, ran, rl_cell_flagged(cell));
    }
    return scores;
}

void rl_wilson95(size_t k, size_t n, double *low, double *high)
{
    if (n == 0 || k > n) {
        *low = 0;
        *high = 1;
        return;
    }
    const double z = 1.96, z2 = z * z, nn = (double)n, p = (double)k / nn;
    double denominator = 1 + z2 / nn;
    double centre = (p + z2 / (2 * nn)) / denominator;
    double half = z * sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn)) / denominator;
    *low = centre - half < 0 ? 0 : centre - half;
    *high = centre + half > 1 ? 1 : centre + half;
}
