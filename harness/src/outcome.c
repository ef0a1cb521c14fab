/* The one legend: which outcome a cell is, and how each outcome is said and coloured. */
#define _GNU_SOURCE
#include "outcome.h"

#include "judge.h"
#include "xalloc.h"

#include <stdlib.h>

static const rl_outcome_info legend[RL_OUTCOME_COUNT] = {
    [RL_OUTCOME_CAUGHT] = {"caught", "caught", "caught", "#1a7f37", "#ffffff", "\033[32m",
                           "the tool reported the bug the case expects, on the marked lines",
                           false, true},
    [RL_OUTCOME_MISSED] = {"missed", "MISSED", "MISSED", "#cf222e", "#ffffff", "\033[1;31m",
                           "the tool should have reported the bug and did not: a failure", true,
                           true},
    [RL_OUTCOME_BLIND] = {"blind", "blind", "blind", "#f2cc60", "#24292f", "\033[33m",
                          "a documented blind spot: the tool cannot see this bug, and why is "
                          "written in case.ini",
                          false, false},
    [RL_OUTCOME_CLEAN] = {"clean", "clean", "clean", "#eaeef2", "#57606a", "\033[2m",
                          "correct code, and the tool rightly reported nothing", false, false},
    [RL_OUTCOME_FALSE_ALARM] = {"false-alarm", "false alarm", "f.alrm", "#fb8f44", "#24292f",
                                "\033[35m",
                                "a documented false alarm: the tool reports a bug where there "
                                "is none, and why is written in case.ini",
                                false, true},
    [RL_OUTCOME_BUG_SHOWS] = {"bug-shows", "bug shows", "bug", "#80ccff", "#24292f", "\033[34m",
                              "native run: the program's own check saw the bug happen", false,
                              true},
    [RL_OUTCOME_CORRECT] = {"correct", "correct", "ok", "#eaeef2", "#57606a", "\033[2m",
                            "native run: the program's own check found its result right", false,
                            false},
    [RL_OUTCOME_HANGS] = {"hangs", "hangs", "hangs", "#80ccff", "#24292f", "\033[34m",
                          "native run: the program deadlocks, as the case expects", false, true},
    [RL_OUTCOME_FAIL] = {"fail", "FAIL", "FAIL", "#cf222e", "#ffffff", "\033[1;31m",
                         "the tool did not do what the case expects (an unexpected report, a "
                         "crash, a hang): a failure",
                         true, true},
    [RL_OUTCOME_XPASS] = {"xpass", "XPASS", "XPASS", "#8250df", "#ffffff", "\033[1;33m",
                          "a documented blind spot was detected: the tool got better, update "
                          "case.ini",
                          true, true},
    [RL_OUTCOME_SKIP] = {"skip", "skip", "skip", "#f6f8fa", "#57606a", "\033[2m",
                         "the tool or its build is not available on this machine", false,
                         false},
    [RL_OUTCOME_ERROR] = {"error", "ERROR", "ERROR", "#6e40c9", "#ffffff", "\033[1;35m",
                          "the tool itself could not run: an environment problem, not a "
                          "verdict",
                          true, false},
    [RL_OUTCOME_ENDS] = {"ends", "ends", "ends", "#80ccff", "#24292f", "\033[34m",
                         "the program ended the way case.ini says (an exit status or a signal)",
                         false, false},
    [RL_OUTCOME_NOT_EVALUATED] = {"not-evaluated", "not evaluated", "n/e", "#f6f8fa", "#57606a",
                                  "\033[2m",
                                  "case.ini says this tool is not evaluated on this program, "
                                  "and why",
                                  false, false},
};

bool rl_expects_real_report(const rl_expectation *e)
{
    for (size_t i = 0; e && i < e->n_reports; i++)
        if (!e->reports[i].false_alarm)
            return true;
    return false;
}

bool rl_cell_caught_for_real(const rl_cell *cell)
{
    for (size_t r = 0; cell->runs && r < cell->n_runs; r++)
        for (size_t i = 0; i < cell->runs[r].reports.n; i++) {
            const rl_expected_report *x = rl_explaining(cell->expect, &cell->runs[r], i);
            if (x && !x->false_alarm && !x->may) /* a `may` report is no catch */
                return true;
        }
    return false;
}

/* The word for a cell that passed: what the expectation says happened, and for a
 * detection, whether the judge explained a report as the bug or as a known false alarm. */
static rl_outcome passed_outcome(const rl_cell *cell)
{
    const rl_expectation *e = cell->expect;
    switch (e->type) {
    case RL_EXPECT_DETECT:
        if (rl_cell_caught_for_real(cell))
            return RL_OUTCOME_CAUGHT;
        for (size_t i = 0; i < e->n_reports; i++)
            if (!e->reports[i].may)
                return RL_OUTCOME_FALSE_ALARM;
        return RL_OUTCOME_CLEAN; /* only `may` reports: none is required, none is a catch */
    case RL_EXPECT_BLIND: return RL_OUTCOME_BLIND;
    case RL_EXPECT_CLEAN: return RL_OUTCOME_CLEAN;
    case RL_EXPECT_MANIFEST: return RL_OUTCOME_BUG_SHOWS;
    case RL_EXPECT_CORRECT: return RL_OUTCOME_CORRECT;
    case RL_EXPECT_HANG: return RL_OUTCOME_HANGS;
    case RL_EXPECT_EXIT:
    case RL_EXPECT_SIGNAL: return RL_OUTCOME_ENDS;
    case RL_EXPECT_NOT_EVALUATED: return RL_OUTCOME_NOT_EVALUATED;
    }
    return RL_OUTCOME_FAIL;
}

rl_outcome rl_cell_outcome(const rl_cell *cell)
{
    switch (cell->verdict) {
    case RL_VERDICT_NOT_EVALUATED: return RL_OUTCOME_NOT_EVALUATED;
    case RL_VERDICT_SKIP: return RL_OUTCOME_SKIP;
    case RL_VERDICT_ERROR: return RL_OUTCOME_ERROR;
    case RL_VERDICT_XPASS: return RL_OUTCOME_XPASS;
    case RL_VERDICT_FAIL:
        /* Not one run saw the expected bug: the plainest failure gets its own word. */
        if (cell->expect && cell->expect->type == RL_EXPECT_DETECT &&
            rl_expects_real_report(cell->expect) && cell->detected_runs == 0)
            return RL_OUTCOME_MISSED;
        return RL_OUTCOME_FAIL;
    case RL_VERDICT_PASS:
        return cell->expect ? passed_outcome(cell) : RL_OUTCOME_FAIL;
    }
    return RL_OUTCOME_FAIL;
}

const rl_outcome_info *rl_outcome_describe(rl_outcome o)
{
    return &legend[(unsigned)o < RL_OUTCOME_COUNT ? o : RL_OUTCOME_FAIL];
}

char *rl_cell_words(const rl_cell *cell, bool abbreviated)
{
    const rl_outcome_info *info = rl_outcome_describe(rl_cell_outcome(cell));
    const char *word = abbreviated ? info->abbrev : info->word;
    if (!info->counts_runs || cell->n_runs == 0)
        return xstrdup(word);
    return xasprintf("%s %zu/%zu", word, cell->detected_runs, cell->n_runs);
}
