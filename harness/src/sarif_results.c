/* The results of one cell in results.sarif. What the case expected, as the judge recorded
 * it, decides what GitHub code scanning shows: an intended bug or a known false alarm is a
 * result with an external suppression (the case's reason as its justification), so it
 * never stays open; only what the case did not expect is open: a missed detection (a
 * result at the expected marker), an unexpected report, a documented blind spot the tool
 * now sees (XPASS). A message links its related locations by id (`[previous read](1)`),
 * and a partial fingerprint made of names and source text, not line numbers, lets an
 * alert survive lines moving. */
#define _GNU_SOURCE
#include "sarif_results.h"

#include "fsutil.h"
#include "judge.h"
#include "output_common.h"
#include "xalloc.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A place a result points at: a file relative to the repository root, a line, the
 * function there (NULL: unknown) and what it is there (its message and link text). */
typedef struct spot {
    char *uri;
    int line;
    const char *function;
    char *label;
} spot;

typedef struct spots {
    spot *at;
    size_t n;
} spots;

static void spots_add(spots *s, char *uri, int line, const char *function, const char *label)
{
    s->at = xrealloc(s->at, (s->n + 1) * sizeof *s->at);
    s->at[s->n++] = (spot){uri, line, function, xstrdup_or_null(label)};
}

static void spots_free(spots *s)
{
    for (size_t i = 0; i < s->n; i++) {
        free(s->at[i].uri);
        free(s->at[i].label);
    }
    free(s->at);
}

/* A file of the case's folder, relative to the repository root (malloc'd). */
static char *case_file(const rl_matrix *m, const char *root, const rl_case *c, const char *file)
{
    char *path = xasprintf("%s/%s/%s", m->opt->cases_dir, c->name, file);
    char *rel = rl_relative_path(root, path);
    free(path);
    return rel;
}

/* ---- message text --------------------------------------------------------------- */

static void append(char **text, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void append(char **text, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *more;
    if (vasprintf(&more, fmt, ap) < 0)
        abort();
    va_end(ap);
    char *next = xasprintf("%s%s", *text ? *text : "", more);
    free(more);
    free(*text);
    *text = next;
}

/* Text for a message: brackets escaped, so that only our links are links (SARIF 3.11.6). */
static char *plain(const char *s)
{
    char *out = xmalloc(2 * strlen(s) + 1), *o = out;
    for (; *s; s++) {
        if (*s == '[' || *s == ']' || *s == '\\')
            *o++ = '\\';
        *o++ = *s;
    }
    *o = '\0';
    return out;
}

/* "write here and [previous read](1), [lock](2)": the primary spot, then a link to every
 * related one by its id. */
static void append_spots(char **text, const spots *where, const char *unlabelled)
{
    char *first = plain(where->at[0].label ? where->at[0].label : unlabelled);
    append(text, "%s here", first);
    free(first);
    for (size_t i = 1; i < where->n; i++) {
        char *label = plain(where->at[i].label ? where->at[i].label : "the other location");
        append(text, "%s[%s](%zu)", i == 1 ? " and " : ", ", label, i);
        free(label);
    }
}

/* ---- locations and fingerprints ------------------------------------------------- */

static json_t *location(const spot *s, size_t id)
{
    json_t *j = json_pack("{s:{s:{s:o, s:s}, s:{s:i}}}", "physicalLocation", "artifactLocation",
                          "uri", rl_json_text(s->uri), "uriBaseId", "%SRCROOT%", "region",
                          "startLine", s->line);
    if (id > 0)
        json_object_set_new(j, "id", json_integer((json_int_t)id));
    if (s->label)
        json_object_set_new(j, "message", json_pack("{s:o}", "text", rl_json_text(s->label)));
    return j;
}

static void put_locations(json_t *result, const spots *where)
{
    json_object_set_new(result, "locations", json_pack("[o]", location(&where->at[0], 0)));
    if (where->n < 2)
        return;
    json_t *related = json_array();
    for (size_t i = 1; i < where->n; i++)
        json_array_append_new(related, location(&where->at[i], i));
    json_object_set_new(result, "relatedLocations", related);
}

/* Line `line` of the file, blanks trimmed (malloc'd; "" when it cannot be read). */
static char *line_text(const char *root, const char *uri, int line)
{
    char *path = uri[0] == '/' ? xstrdup(uri) : xasprintf("%s/%s", root ? root : ".", uri);
    char *text = rl_read_file_max(path, (size_t)16 << 20, NULL), *at = text;
    free(path);
    for (int n = 1; at && n < line; n++)
        at = (at = strchr(at, '\n')) ? at + 1 : NULL;
    char *out = xstrdup("");
    if (at) {
        while (*at == ' ' || *at == '\t')
            at++;
        size_t len = strcspn(at, "\r\n");
        while (len > 0 && isspace((unsigned char)at[len - 1]))
            len--;
        free(out);
        out = xstrndup(at, len);
    }
    free(text);
    return out;
}

/* What a spot is, whatever its line number: the marker on it (if any) and its source text
 * (a marker may name several lines: a read and a write). */
static char *anchor(const rl_case *c, const char *root, const spot *s)
{
    const char *marker = "";
    for (size_t i = 0; i < c->n_markers; i++)
        if (c->markers[i].line == s->line && strcmp(c->markers[i].file, rl_basename(s->uri)) == 0)
            marker = c->markers[i].name;
    char *text = line_text(root, s->uri, s->line), *out = xasprintf("%s: %s", marker, text);
    free(text);
    return out;
}

/* A stable hash of what the result is (`what`: a report or a miss), its tool, cell and
 * kind, and every spot's file, function and anchor: no line number, so moving the code
 * keeps the alert, and changing the marked line or the kind makes a new one. */
static json_t *fingerprints(const rl_cell *cell, const char *root, const char *what,
                            rl_kind kind, const spots *where)
{
    const char *names[] = {what, cell->tool->name, cell->c->name, cell->program->name,
                           rl_kind_name(kind)};
    uint64_t h = RL_FNV1A_SEED;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        h = rl_fnv1a(h, names[i], strlen(names[i]) + 1);
    for (size_t i = 0; i < where->n; i++) {
        const spot *s = &where->at[i];
        char *a = anchor(cell->c, root, s);
        h = rl_fnv1a(h, s->uri, strlen(s->uri) + 1);
        h = rl_fnv1a(h, s->function ? s->function : "", strlen(s->function ? s->function : "") + 1);
        h = rl_fnv1a(h, a, strlen(a) + 1);
        free(a);
    }
    char hex[17];
    snprintf(hex, sizeof hex, "%016llx", (unsigned long long)h);
    return json_pack("{s:s}", "racelab/v1", hex);
}

/* ---- what the case expected of a result ----------------------------------------- */

typedef struct outcome {
    const char *name;    /* properties.outcome */
    const char *level;
    char *justification; /* the suppression's; NULL: the result stays open */
    char *says;          /* the message's last sentence */
} outcome;

static outcome report_outcome(const rl_cell *cell, const rl_seen_report *seen)
{
    const rl_expected_report *x = seen->explained;
    const char *c = cell->c->name, *p = cell->program->name;
    if (x && x->false_alarm)
        return (outcome){"known-false-alarm", "note",
                         xasprintf("known false alarm of %s in case %s (%s): %s",
                                   cell->tool->name, c, p, x->reason ? x->reason : "?"),
                         xstrdup("A known false alarm of this tool here; case.ini says why.")};
    if (x)
        return (outcome){"expected", "warning",
                         xasprintf("intended bug of case %s (%s): the %s it expects %s%s", c, p,
                                   rl_kind_name(x->kind), seen->marker ? "at " : "anywhere",
                                   seen->marker ? seen->marker : ""),
                         xstrdup("The intended bug of this case, caught as expected.")};
    if (cell->verdict == RL_VERDICT_ERROR) /* the judge saw no usable run to explain it by */
        return (outcome){"unjudged", "warning", NULL,
                         xasprintf("Not judged: the tool could not run properly here (%s).",
                                   cell->reason ? cell->reason : "an error")};
    if (cell->expect && cell->expect->type == RL_EXPECT_BLIND)
        return (outcome){"xpass", "warning", NULL,
                         xstrdup("XPASS: case.ini says this tool is blind to this bug, and it "
                                 "saw it: the tool got better, update case.ini.")};
    return (outcome){"unexpected", "error", NULL,
                     xstrdup("The case does not expect this report: a false alarm to document "
                             "in case.ini, a report on the wrong lines, or a real bug.")};
}

/* The result's common part; takes over `text` and the outcome's strings. */
static json_t *result_of(const rl_cell *cell, rl_kind kind, outcome o, char *text)
{
    char *says = plain(o.says); /* a cell's reason may hold brackets */
    append(&text, " %s", says);
    free(says);
    json_t *j = json_pack("{s:s, s:i, s:s, s:{s:o}, s:{s:s, s:s, s:s, s:s}}", "ruleId",
                          rl_kind_name(kind), "ruleIndex", (int)kind, "level", o.level,
                          "message", "text", rl_json_text(text), "properties", "case",
                          cell->c->name, "program", cell->program->name, "verdict",
                          rl_verdict_name(cell->verdict), "outcome", o.name);
    if (o.justification)
        json_object_set_new(j, "suppressions",
                            json_pack("[{s:s, s:s, s:o}]", "kind", "external", "status",
                                      "accepted", "justification",
                                      rl_json_text(o.justification)));
    free(o.justification);
    free(o.says);
    free(text);
    return j;
}

/* ---- a report the tool made ----------------------------------------------------- */

static json_t *report_result(const rl_matrix *m, const rl_cell *cell, const rl_seen_report *seen,
                             const char *root)
{
    const rl_report *r = seen->report;
    spots where = {0};
    for (size_t i = 0; i < r->n_locations; i++) {
        const rl_location *loc = &r->locations[i];
        char *rel = rl_relative_path(root, loc->file);
        if (rel != NULL && rel[0] != '/')
            spots_add(&where, rel, loc->line, loc->function, loc->role);
        else
            free(rel); /* libc, the tool's runtime: not in the repository */
        char *inside = loc->wrapper ? rl_relative_path(root, loc->wrapper->file) : NULL;
        if (inside != NULL && inside[0] != '/') { /* the program's own helper it stepped over */
            char *label = xasprintf("inside the wrapper %s",
                                    loc->wrapper->function ? loc->wrapper->function : "");
            spots_add(&where, inside, loc->wrapper->line, loc->wrapper->function, label);
            free(label);
        } else {
            free(inside);
        }
    }
    if (where.n == 0) { /* nothing in the repository: the program's source stands in */
        char *file = xasprintf("%s.c", cell->program->name);
        spots_add(&where, case_file(m, root, cell->c, file), 1, NULL, NULL);
        free(file);
    }
    char *what = plain(r->tool_kind ? r->tool_kind : rl_kind_name(r->kind)), *text = NULL;
    append(&text, "%s: %s in %s/%s: ", cell->tool->name, what, cell->c->name, cell->program->name);
    append_spots(&text, &where, "reported");
    append(&text, " (%zu of %zu runs).", seen->runs, cell->n_runs);
    json_t *j = result_of(cell, r->kind, report_outcome(cell, seen), text);
    put_locations(j, &where);
    json_object_set_new(j, "partialFingerprints",
                        fingerprints(cell, root, "report", r->kind, &where));
    json_object_set_new(json_object_get(j, "properties"), "toolMessage",
                        rl_json_text(r->message));
    spots_free(&where);
    free(what);
    return j;
}

/* ---- an expected report the tool did not make ----------------------------------- */

/* Every marked line of `x`, then the case.ini line that states it. */
static spots expected_spots(const rl_matrix *m, const rl_cell *cell, const rl_expected_report *x,
                            const char *root)
{
    spots where = {0};
    const rl_case *c = cell->c;
    for (size_t k = 0; k < x->n_markers; k++)
        for (size_t i = 0; i < c->n_markers; i++)
            if (strcmp(c->markers[i].name, x->markers[k]) == 0)
                spots_add(&where, case_file(m, root, c, c->markers[i].file), c->markers[i].line,
                          NULL, x->markers[k]);
    if (where.n == 0) { /* `anywhere`: the program's source */
        char *file = xasprintf("%s.c", cell->program->name);
        spots_add(&where, case_file(m, root, c, file), 1, NULL, "anywhere in the program");
        free(file);
    }
    if (x->line > 0)
        spots_add(&where, case_file(m, root, c, "case.ini"), x->line, NULL, "the expectation");
    return where;
}

static json_t *missed_result(const rl_matrix *m, const rl_cell *cell, const rl_expected_report *x,
                             size_t missing, const char *root)
{
    spots where = expected_spots(m, cell, x, root);
    char *text = NULL;
    outcome o = x->false_alarm
                    ? (outcome){"false-alarm-gone", "warning", NULL,
                                xstrdup("The tool no longer raises this documented false alarm: "
                                        "it got better, remove it from case.ini.")}
                    : (outcome){"missed", "error", NULL,
                                xstrdup("A detection the case expects was missed: fix the "
                                        "tool's set-up or parser, or document the blind spot "
                                        "in case.ini.")};
    append(&text, "%s did not report the %s%s that case %s lists for %s: ", cell->tool->name,
           x->false_alarm ? "known false alarm " : "", rl_kind_name(x->kind), cell->c->name,
           cell->program->name);
    append_spots(&text, &where, "expected");
    append(&text, " (%zu of %zu runs).", missing, cell->n_runs);
    json_t *j = result_of(cell, x->kind, o, text);
    put_locations(j, &where);
    json_object_set_new(j, "partialFingerprints",
                        fingerprints(cell, root, x->false_alarm ? "gone" : "missed", x->kind,
                                     &where));
    spots_free(&where);
    return j;
}

/* Two results of a cell that the fingerprint cannot tell apart (the same text on two
 * lines) would be one alert on GitHub: the second one's fingerprint gets ":2" hashed in,
 * the third ":3", in the order of the results. */
static void number_repeats(json_t *results, size_t from)
{
    size_t n = json_array_size(results) - from;
    char **given = xcalloc(n ? n : 1, sizeof *given);
    for (size_t i = 0; i < n; i++) {
        json_t *fp = json_object_get(json_array_get(results, from + i), "partialFingerprints");
        given[i] = xstrdup(json_string_value(json_object_get(fp, "racelab/v1")));
        size_t same = 1;
        for (size_t j = 0; j < i; j++)
            same += strcmp(given[j], given[i]) == 0;
        if (same == 1)
            continue;
        char *numbered = xasprintf("%s:%zu", given[i], same), hex[17];
        snprintf(hex, sizeof hex, "%016llx",
                 (unsigned long long)rl_fnv1a(RL_FNV1A_SEED, numbered, strlen(numbered)));
        json_object_set_new(fp, "racelab/v1", json_string(hex));
        free(numbered);
    }
    for (size_t i = 0; i < n; i++)
        free(given[i]);
    free(given);
}

void rl_sarif_cell_results(const rl_matrix *m, const rl_cell *cell, const char *root,
                           json_t *results)
{
    size_t first = json_array_size(results);
    rl_seen_report *seen;
    size_t n = rl_distinct_reports(cell, &seen);
    for (size_t k = 0; k < n; k++)
        json_array_append_new(results, report_result(m, cell, &seen[k], root));
    free(seen);
    const rl_expectation *e = cell->expect;
    for (size_t i = 0; cell->missed_runs != NULL && i < e->n_reports; i++) {
        size_t missing = cell->missed_runs[i]; /* the judge's record */
        if (missing > 0)
            json_array_append_new(results,
                                  missed_result(m, cell, &e->reports[i], missing, root));
    }
    number_repeats(results, first);
}
