/* Compares what a run showed with what the case expects of the tool. */
#include "judge.h"

#include "expect.h"
#include "fsutil.h"
#include "markers.h"
#include "xalloc.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *rl_verdict_name(rl_verdict v)
{
    static const char *const names[] = {"pass", "fail", "xpass", "skip", "error",
                                         "not-evaluated"};
    return (unsigned)v < sizeof names / sizeof names[0] ? names[v] : "?";
}

static void set_verdict(rl_run *run, rl_verdict v, char *reason)
{
    run->verdict = v;
    free(run->reason);
    run->reason = reason;
}

void rl_run_free(rl_run *r)
{
    rl_report_list_free(&r->reports);
    free(r->explained);
    free(r->parse_error);
    free(r->result);
    free(r->stderr_tail);
    free(r->reason);
    memset(r, 0, sizeof *r);
}

char *rl_describe_report(const rl_report *r)
{
    char *out = xasprintf("%s at", rl_kind_name(r->kind));
    for (size_t i = 0; i < r->n_locations; i++) {
        char *next = xasprintf("%s%s %s:%d", out, i ? "," : "",
                               rl_basename(r->locations[i].file), r->locations[i].line);
        free(out);
        out = next;
    }
    if (r->n_locations == 0) {
        char *next = xasprintf("%s no source line (%s)", out,
                               r->message ? r->message : r->tool_kind ? r->tool_kind : "");
        free(out);
        out = next;
    }
    return out;
}

/* "counter_inc (threads_unsafe.c:20) + counter_dec (threads_unsafe.c:31)" */
static char *describe_expected(const rl_case *c, const rl_expected_report *e)
{
    if (e->anywhere)
        return xasprintf("%s anywhere", rl_kind_name(e->kind));
    char *out = xasprintf("%s at", rl_kind_name(e->kind));
    for (size_t i = 0; i < e->n_markers; i++) {
        char *lines = xstrdup("");
        for (size_t m = 0; m < c->n_markers; m++) {
            if (strcmp(c->markers[m].name, e->markers[i]) != 0)
                continue;
            char *next = xasprintf("%s%s%s:%d", lines, *lines ? ", " : "", c->markers[m].file,
                                   c->markers[m].line);
            free(lines);
            lines = next;
        }
        char *next = xasprintf("%s%s %s (%s)", out, i ? " +" : "", e->markers[i], lines);
        free(lines);
        free(out);
        out = next;
    }
    return out;
}

static bool location_on_marker(const rl_case *c, const rl_report *r, const char *marker)
{
    for (size_t i = 0; i < r->n_locations; i++)
        if (rl_marker_at(c->markers, c->n_markers, marker, r->locations[i].file,
                         r->locations[i].line))
            return true;
    return false;
}

/* The report shows every marker of the expectation, with the same kind. */
static bool report_satisfies(const rl_case *c, const rl_report *r, const rl_expected_report *e)
{
    if (r->kind != e->kind)
        return false;
    if (e->anywhere)
        return true;
    for (size_t i = 0; i < e->n_markers; i++)
        if (!location_on_marker(c, r, e->markers[i]))
            return false;
    return true;
}

/* The first marker of `e` that the report has a location on: -1 for `anywhere`, -2 for
 * none (or another kind). */
static int marker_hit(const rl_case *c, const rl_report *r, const rl_expected_report *e)
{
    if (r->kind != e->kind)
        return -2;
    if (e->anywhere)
        return -1;
    for (size_t j = 0; j < e->n_markers; j++)
        if (location_on_marker(c, r, e->markers[j]))
            return (int)j;
    return -2;
}

/* Which expected report accounts for the report (same kind, on one of its markers). One
 * the report satisfies whole comes first, then a real detection before a known false
 * alarm: a race at a line that both a detection and a false alarm name is the race. */
static rl_explanation explain(const rl_case *c, const rl_report *r, const rl_expectation *e)
{
    for (int pass = 0; pass < 4; pass++) /* whole+real, whole+false alarm, part+real, ... */
        for (size_t i = 0; e && i < e->n_reports; i++) {
            const rl_expected_report *x = &e->reports[i];
            int hit = marker_hit(c, r, x);
            bool fits = pass < 2 ? report_satisfies(c, r, x) : hit != -2;
            if (fits && x->false_alarm == (pass % 2 == 1))
                return (rl_explanation){(int)i, hit < 0 ? -1 : hit};
        }
    return (rl_explanation){-1, -1};
}

static void explain_all(const rl_case *c, const rl_expectation *e, rl_run *run)
{
    free(run->explained);
    run->explained = xcalloc(run->reports.n ? run->reports.n : 1, sizeof *run->explained);
    bool detect = e && e->type == RL_EXPECT_DETECT;
    for (size_t i = 0; i < run->reports.n; i++)
        run->explained[i] = detect ? explain(c, &run->reports.items[i], e)
                                   : (rl_explanation){-1, -1};
}

const rl_expected_report *rl_explaining(const rl_expectation *e, const rl_run *run, size_t i)
{
    if (e == NULL || run->explained == NULL || i >= run->reports.n)
        return NULL;
    int k = run->explained[i].report;
    return k >= 0 && (size_t)k < e->n_reports ? &e->reports[k] : NULL;
}

/* The index of the first report nothing explains, or reports.n. */
static size_t first_unexplained_index(const rl_run *run)
{
    size_t i = 0;
    while (i < run->reports.n && run->explained[i].report >= 0)
        i++;
    return i;
}

static char *first_unexplained(const rl_run *run)
{
    for (size_t i = 0; i < run->reports.n; i++)
        if (run->explained[i].report < 0)
            return rl_describe_report(&run->reports.items[i]);
    return NULL;
}

static char *all_reports(const rl_report_list *reports)
{
    if (reports->n == 0)
        return xstrdup("nothing");
    char *out = xstrdup("");
    for (size_t i = 0; i < reports->n && i < 4; i++) {
        char *one = rl_describe_report(&reports->items[i]);
        char *next = xasprintf("%s%s%s", out, i ? "; " : "", one);
        free(one);
        free(out);
        out = next;
    }
    if (reports->n > 4) {
        char *next = xasprintf("%s; and %zu more", out, reports->n - 4);
        free(out);
        out = next;
    }
    return out;
}

/* Whether a report of the run shows expected report `x` whole (its kind, on every one of
 * its markers): what the judge counts as seen. */
static bool run_shows(const rl_case *c, const rl_expected_report *x, const rl_run *run)
{
    for (size_t j = 0; j < run->reports.n; j++)
        if (report_satisfies(c, &run->reports.items[j], x))
            return true;
    return false;
}

size_t *rl_judge_missed(const rl_case *c, const rl_expectation *e, const rl_run *runs,
                        size_t n_runs)
{
    if (e == NULL || e->type != RL_EXPECT_DETECT || e->n_reports == 0)
        return NULL;
    size_t *missed = xcalloc(e->n_reports, sizeof *missed);
    for (size_t i = 0; i < e->n_reports; i++)
        for (size_t r = 0; runs != NULL && r < n_runs; r++)
            missed[i] += !e->reports[i].may && runs[r].verdict == RL_VERDICT_FAIL &&
                         !run_shows(c, &e->reports[i], &runs[r]);
    return missed;
}

static void judge_detect(const rl_case *c, const rl_expectation *e, rl_run *run)
{
    const rl_report_list *got = &run->reports;
    bool all_seen = true;
    for (size_t i = 0; i < e->n_reports && all_seen; i++) {
        if (e->reports[i].may)
            continue; /* seen in some runs only: it explains, it is never missed */
        if (!run_shows(c, &e->reports[i], run)) {
            all_seen = false;
            char *want = describe_expected(c, &e->reports[i]), *have = all_reports(got);
            set_verdict(run, RL_VERDICT_FAIL,
                        xasprintf("%s %s; reported: %s",
                                  e->reports[i].false_alarm ? "known false alarm did not appear:"
                                                            : "missed",
                                  want, have));
            free(want);
            free(have);
        }
    }
    run->detected = all_seen;
    if (!all_seen)
        return;
    bool required = false;
    for (size_t i = 0; i < e->n_reports; i++)
        required |= !e->reports[i].may;
    if (!required) /* only `may` lines: the run counts when one of them showed */
        run->detected = got->n > 0 && first_unexplained_index(run) != 0;
    char *extra = first_unexplained(run);
    if (extra)
        set_verdict(run, RL_VERDICT_FAIL, xasprintf("unexpected report: %s", extra));
    free(extra);
}

static void judge_reports(const rl_case *c, const rl_expectation *e, rl_run *run)
{
    run->detected = run->reports.n > 0;
    if (e->type == RL_EXPECT_DETECT) {
        judge_detect(c, e, run);
        return;
    }
    if (run->reports.n == 0)
        return;
    char *have = all_reports(&run->reports);
    if (e->type == RL_EXPECT_BLIND)
        set_verdict(run, RL_VERDICT_XPASS,
                    xasprintf("XPASS: expected blind (%s) but the tool reported %s", e->reason,
                              have));
    else
        set_verdict(run, RL_VERDICT_FAIL, xasprintf("false alarm: %s", have));
    free(have);
}

char *rl_describe_end(const rl_end *end)
{
    switch (end->kind) {
    case RL_END_EXITED: return xasprintf("exited with status %d", end->status);
    case RL_END_SIGNALED: return xasprintf("killed by %s", rl_signal_name(end->status));
    case RL_END_TIMEOUT: return xstrdup("still running at the deadline");
    default: return xstrdup("did not run");
    }
}

static bool end_matches(rl_expect_type type, int status, const rl_end *end)
{
    return (type == RL_EXPECT_EXIT && end->kind == RL_END_EXITED && end->status == status) ||
           (type == RL_EXPECT_SIGNAL && end->kind == RL_END_SIGNALED && end->status == status);
}

/* `native = exit N | signal NAME`: the program prints no verdict; its ending is it. */
static void judge_native_end(const rl_expectation *e, rl_run *run)
{
    run->detected = false;
    if (end_matches(e->type, e->status, &run->end))
        return;
    char *got = rl_describe_end(&run->end);
    set_verdict(run, RL_VERDICT_FAIL,
                e->type == RL_EXPECT_EXIT
                    ? xasprintf("expected exit status %d, but it %s", e->status, got)
                    : xasprintf("expected to be killed by %s, but it %s",
                                rl_signal_name(e->status), got));
    free(got);
}

static void judge_native(const rl_expectation *e, rl_run *run)
{
    if (e->type == RL_EXPECT_EXIT || e->type == RL_EXPECT_SIGNAL) {
        judge_native_end(e, run);
        return;
    }
    bool hung = run->end.kind == RL_END_TIMEOUT;
    bool bug = run->result && strncmp(run->result, "bug", 3) == 0;
    bool ok = run->result && strncmp(run->result, "ok", 2) == 0;
    run->detected = hung || bug;
    if (e->type == RL_EXPECT_HANG) {
        if (!hung)
            set_verdict(run, RL_VERDICT_FAIL,
                        xasprintf("expected a hang, but it ended: %s",
                                  run->result ? run->result : "no racelab-result line"));
        return;
    }
    if (!ok && !bug)
        set_verdict(run, RL_VERDICT_FAIL, xstrdup("no 'racelab-result: ok|bug' line on stdout"));
    else if (e->type == RL_EXPECT_MANIFEST && ok)
        set_verdict(run, RL_VERDICT_FAIL,
                    xasprintf("the bug did not manifest: the program said '%s'", run->result));
    else if (e->type == RL_EXPECT_CORRECT && bug)
        set_verdict(run, RL_VERDICT_FAIL,
                    xasprintf("the invariant check failed: '%s'", run->result));
}

/* A run that did not end the way the tool ends normally: returns true if it settled it. */
static bool judge_ending(const rl_program *p, const rl_tool *tool, const rl_expectation *e,
                         rl_run *run)
{
    const rl_end *end = &run->end;
    const char *tail = run->stderr_tail ? run->stderr_tail : "";
    if (rl_tool_is_detector(tool) && tool->build && p->ending.type != RL_EXPECT_CLEAN &&
        end->kind != RL_END_SPAWN_FAILED && end->kind != RL_END_INTERRUPTED) {
        /* TSan turns any exit status into its own after reporting */
        bool replaced = p->ending.type == RL_EXPECT_EXIT && end->kind == RL_END_EXITED &&
                        end->status == tool->report_exit_status && run->reports.n > 0;
        if (end_matches(p->ending.type, p->ending.status, end) || replaced)
            return false; /* the ending case.ini announced: judge the reports */
        char *want = p->ending.type == RL_EXPECT_EXIT
                         ? xasprintf("exit status %d", p->ending.status)
                         : xstrdup(rl_signal_name(p->ending.status));
        char *got = rl_describe_end(end);
        set_verdict(run, RL_VERDICT_FAIL, xasprintf("expected the ending %s (ending = ...), "
                                                    "but it %s%s%s", want, got,
                                                    *tail ? ": " : "", tail));
        free(want);
        free(got);
        return true;
    }
    if (!rl_tool_is_detector(tool) && (e->type == RL_EXPECT_EXIT || e->type == RL_EXPECT_SIGNAL) &&
        (end->kind == RL_END_EXITED || end->kind == RL_END_SIGNALED))
        return false; /* judge_native_end compares the ending itself */
    switch (end->kind) {
    case RL_END_SPAWN_FAILED:
        set_verdict(run, RL_VERDICT_ERROR, xstrdup(end->error));
        return true;
    case RL_END_INTERRUPTED:
        set_verdict(run, RL_VERDICT_ERROR, xstrdup("interrupted"));
        return true;
    case RL_END_TIMEOUT:
        if (e->type == RL_EXPECT_HANG || (p->hangs && rl_tool_is_detector(tool)))
            return false;
        set_verdict(run, RL_VERDICT_FAIL,
                    xasprintf("hang: still running at the deadline (%.1f s), group killed",
                              end->wall_s));
        return true;
    case RL_END_SIGNALED:
        set_verdict(run, RL_VERDICT_FAIL, xasprintf("killed by signal %d (%s)%s%s", end->status,
                                                    strsignal(end->status), *tail ? ": " : "",
                                                    tail));
        return true;
    case RL_END_EXITED:
        if (end->status == tool->report_exit_status && run->reports.n == 0) {
            set_verdict(run, RL_VERDICT_FAIL,
                        xasprintf("exited with status %d, the status %s uses after reporting, "
                                  "but no report was found%s%s",
                                  end->status, tool->name, *tail ? ": " : "", tail));
            return true;
        }
        if (end->status == 0 || end->status == tool->report_exit_status)
            return false;
        set_verdict(run, RL_VERDICT_FAIL, xasprintf("exited with status %d%s%s", end->status,
                                                    *tail ? ": " : "", tail));
        return true;
    }
    return false;
}

/* A crash the expectation does not list is a failure whatever it expects (a blind spot
 * that crashes did not get better); returns true if it settled the run. */
static bool judge_crash(rl_run *run)
{
    for (size_t i = 0; i < run->reports.n; i++) {
        const rl_report *r = &run->reports.items[i];
        if (r->kind != RL_KIND_CRASH || run->explained[i].report >= 0)
            continue;
        char *what = rl_describe_report(r);
        set_verdict(run, RL_VERDICT_FAIL, xasprintf("crashed under the tool: %s", what));
        free(what);
        return true;
    }
    return false;
}

void rl_judge_run(const rl_case *c, const rl_program *p, const rl_tool *tool,
                  const rl_expectation *e, rl_run *run)
{
    set_verdict(run, RL_VERDICT_PASS, NULL);
    if (run->parse_status == RL_PARSE_TOOL_FAILED || run->parse_status == RL_PARSE_MALFORMED) {
        set_verdict(run, RL_VERDICT_ERROR,
                    xasprintf("%s: %s", tool->name,
                              run->parse_error ? run->parse_error : "unreadable report"));
        return;
    }
    if (run->parse_status == RL_PARSE_PARTIAL && run->end.kind == RL_END_EXITED) {
        set_verdict(run, RL_VERDICT_ERROR,
                    xasprintf("%s: the run ended normally but its report is cut off: %s",
                              tool->name, run->parse_error ? run->parse_error : "?"));
        return;
    }
    explain_all(c, e, run); /* what explains each report, whatever the ending */
    if (judge_ending(p, tool, e, run) || judge_crash(run))
        return;
    if (rl_tool_is_detector(tool))
        judge_reports(c, e, run);
    else
        judge_native(e, run);
}

rl_verdict rl_judge_cell(const rl_run *runs, size_t n_runs, char **reason,
                         size_t *detected_runs)
{
    static const rl_verdict by_severity[] = {RL_VERDICT_ERROR, RL_VERDICT_FAIL, RL_VERDICT_XPASS};
    *reason = NULL;
    *detected_runs = 0;
    for (size_t r = 0; r < n_runs; r++)
        *detected_runs += runs[r].detected;
    for (size_t s = 0; s < sizeof by_severity / sizeof by_severity[0]; s++) {
        size_t count = 0, first = 0;
        for (size_t r = n_runs; r-- > 0;)
            if (runs[r].verdict == by_severity[s])
                count++, first = r;
        if (count == 0)
            continue;
        *reason = xasprintf("%zu/%zu runs: %s", count, n_runs,
                            runs[first].reason ? runs[first].reason : "");
        return by_severity[s];
    }
    return RL_VERDICT_PASS;
}
