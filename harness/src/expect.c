/* The grammar of one tool line in case.ini (see cases/FORMAT.md):
 *   clean | manifest | correct | hang | blind: REASON | not-evaluated[: REASON]
 *   exit N | signal NAME
 *   detect KIND at MARKER...
 *   may KIND at MARKER...
 *   false-alarm KIND at MARKER...: REASON */
#define _GNU_SOURCE
#include "expect.h"

#include "xalloc.h"

#include <ctype.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *rl_expect_type_name(rl_expect_type t)
{
    switch (t) {
    case RL_EXPECT_CLEAN: return "clean";
    case RL_EXPECT_DETECT: return "detect";
    case RL_EXPECT_BLIND: return "blind";
    case RL_EXPECT_MANIFEST: return "manifest";
    case RL_EXPECT_CORRECT: return "correct";
    case RL_EXPECT_HANG: return "hang";
    case RL_EXPECT_EXIT: return "exit";
    case RL_EXPECT_SIGNAL: return "signal";
    case RL_EXPECT_NOT_EVALUATED: return "not-evaluated";
    }
    return "?";
}

static const char *skip_space(const char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    return s;
}

/* Copies the next whitespace-delimited word (stopping at `stop` too) and advances *s. */
static char *next_word(const char **s, char stop)
{
    const char *p = skip_space(*s);
    const char *start = p;
    while (*p && !isspace((unsigned char)*p) && *p != stop)
        p++;
    *s = p;
    return p == start ? NULL : xstrndup(start, (size_t)(p - start));
}

static bool marker_name_valid(const char *name)
{
    for (const char *p = name; *p; p++)
        if (!isalnum((unsigned char)*p) && *p != '_' && *p != '-')
            return false;
    return *name != '\0';
}

static int fail(char **error, char *message)
{
    *error = message;
    return -1;
}

/* Parses "KIND at M1 M2 ..." up to the end or, for false alarms, up to ':'. */
static int parse_report(const char **s, bool false_alarm, rl_expected_report *r, char **error)
{
    const char *what = false_alarm ? "false-alarm" : "detect";
    r->false_alarm = false_alarm;
    char *kind = next_word(s, ':');
    if (kind == NULL)
        return fail(error, xasprintf("'%s' needs a report kind, e.g. '%s %s at MARKER'", what,
                                     what, rl_kind_name(RL_KIND_DATA_RACE)));
    if (!rl_kind_parse(kind, &r->kind)) {
        char *known = rl_kind_list();
        char *msg = xasprintf("unknown report kind '%s' (known: %s)", kind, known);
        free(known);
        free(kind);
        return fail(error, msg);
    }
    free(kind);
    char *at = next_word(s, ':');
    bool has_at = at != NULL && strcmp(at, "at") == 0;
    r->anywhere = at != NULL && strcmp(at, "anywhere") == 0;
    free(at);
    if (r->anywhere)
        return 0;
    if (!has_at)
        return fail(error, xasprintf("expected 'at MARKER...' (or 'anywhere: REASON') after "
                                     "'%s %s'", what, rl_kind_name(r->kind)));
    char *marker;
    while ((marker = next_word(s, ':')) != NULL) {
        if (!marker_name_valid(marker)) {
            char *msg = xasprintf("marker name '%s' may hold only letters, digits, '_' and '-'",
                                  marker);
            free(marker);
            return fail(error, msg);
        }
        r->markers = xrealloc(r->markers, (r->n_markers + 1) * sizeof *r->markers);
        r->markers[r->n_markers++] = marker;
    }
    if (r->n_markers == 0)
        return fail(error, xasprintf("'%s %s at' names no marker", what, rl_kind_name(r->kind)));
    return 0;
}

static int parse_reason(const char *s, const char *what, char **reason, char **error)
{
    s = skip_space(s);
    if (*s != ':')
        return fail(error, xasprintf("'%s' needs ': REASON' (why the tool behaves so)", what));
    s = skip_space(s + 1);
    if (*s == '\0')
        return fail(error, xasprintf("'%s:' has an empty reason", what));
    *reason = xstrdup(s);
    return 0;
}

static int parse_detect(const char *s, bool false_alarm, bool may, rl_expectation *into,
                        char **error)
{
    into->type = RL_EXPECT_DETECT;
    into->reports = xcalloc(1, sizeof *into->reports);
    into->n_reports = 1;
    rl_expected_report *r = &into->reports[0];
    r->may = may;
    if (parse_report(&s, false_alarm, r, error) != 0)
        return -1;
    if (false_alarm || r->anywhere)
        return parse_reason(s, r->anywhere ? "anywhere" : "false-alarm", &r->reason, error);
    if (*skip_space(s) != '\0')
        return fail(error, xasprintf("unexpected '%s' after the markers", skip_space(s)));
    return 0;
}

static bool starts_with_word(const char *s, const char *word)
{
    size_t n = strlen(word);
    return strncmp(s, word, n) == 0 && (s[n] == '\0' || isspace((unsigned char)s[n]) || s[n] == ':');
}

const char *rl_signal_name(int sig)
{
    const char *abbrev = sig > 0 && sig < NSIG ? sigabbrev_np(sig) : NULL;
    static __thread char name[16];
    snprintf(name, sizeof name, "SIG%s", abbrev ? abbrev : "?");
    return name;
}

/* "SIGABRT", "ABRT" or "6". */
static int parse_signal(const char *s, int *sig)
{
    char *end = NULL;
    long n = strtol(s, &end, 10);
    if (end != s && *end == '\0' && n > 0 && n < NSIG) {
        *sig = (int)n;
        return 0;
    }
    const char *name = strncmp(s, "SIG", 3) == 0 ? s + 3 : s;
    for (int i = 1; i < NSIG; i++) {
        const char *abbrev = sigabbrev_np(i);
        if (abbrev && strcmp(abbrev, name) == 0) {
            *sig = i;
            return 0;
        }
    }
    return -1;
}

/* "exit N" (0..255) or "signal NAME". */
static int parse_ending(const char *s, bool signal, rl_expectation *into, char **error)
{
    s = skip_space(s);
    char *word = xstrdup(s);
    size_t len = strlen(word);
    while (len > 0 && isspace((unsigned char)word[len - 1]))
        word[--len] = '\0';
    char *end = NULL;
    long n = signal ? 0 : strtol(word, &end, 10);
    bool ok = signal ? parse_signal(word, &into->status) == 0
                     : end != word && *end == '\0' && n >= 0 && n <= 255;
    if (!signal)
        into->status = (int)n;
    into->type = signal ? RL_EXPECT_SIGNAL : RL_EXPECT_EXIT;
    int rc = ok ? 0 : fail(error, xasprintf(signal ? "'signal %s': not a signal name "
                                                     "(e.g. SIGABRT) or number"
                                                   : "'exit %s': not a status 0..255",
                                            word));
    free(word);
    return rc;
}

int rl_expectation_parse(const char *value, rl_expectation *into, char **error)
{
    static const struct {
        const char *word;
        rl_expect_type type;
    } plain[] = {
        {"clean", RL_EXPECT_CLEAN},
        {"manifest", RL_EXPECT_MANIFEST},
        {"correct", RL_EXPECT_CORRECT},
        {"hang", RL_EXPECT_HANG},
    };
    const char *s = skip_space(value);
    for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++) {
        if (strcmp(s, plain[i].word) == 0) {
            into->type = plain[i].type;
            return 0;
        }
    }
    if (starts_with_word(s, "blind")) {
        into->type = RL_EXPECT_BLIND;
        return parse_reason(s + strlen("blind"), "blind", &into->reason, error);
    }
    if (starts_with_word(s, "not-evaluated")) {
        into->type = RL_EXPECT_NOT_EVALUATED;
        const char *rest = skip_space(s + strlen("not-evaluated"));
        return *rest ? parse_reason(rest, "not-evaluated", &into->reason, error) : 0;
    }
    if (starts_with_word(s, "exit") || starts_with_word(s, "signal"))
        return parse_ending(s + (s[0] == 'e' ? 4 : 6), s[0] == 's', into, error);
    if (starts_with_word(s, "detect"))
        return parse_detect(s + strlen("detect"), false, false, into, error);
    if (starts_with_word(s, "may"))
        return parse_detect(s + strlen("may"), false, true, into, error);
    if (starts_with_word(s, "false-alarm"))
        return parse_detect(s + strlen("false-alarm"), true, false, into, error);
    return fail(error, xasprintf("expected one of: clean, detect KIND at MARKER..., "
                                 "may KIND at MARKER..., blind: REASON, "
                                 "false-alarm KIND at MARKER...: REASON, not-evaluated, "
                                 "manifest, correct, hang, exit N, signal NAME; got '%s'", s));
}

void rl_expectation_free(rl_expectation *e)
{
    for (size_t i = 0; i < e->n_reports; i++) {
        rl_expected_report *r = &e->reports[i];
        for (size_t j = 0; j < r->n_markers; j++)
            free(r->markers[j]);
        free(r->markers);
        free(r->reason);
        free(r->limit);
    }
    free(e->reports);
    free(e->reason);
    free(e->limit);
    free(e->tool);
    free(e->inherited);
    memset(e, 0, sizeof *e);
}

rl_expectation rl_expectation_copy(const rl_expectation *from, const char *tool)
{
    rl_expectation e = *from;
    e.tool = xstrdup(tool);
    e.reason = xstrdup_or_null(from->reason);
    e.limit = xstrdup_or_null(from->limit);
    e.inherited = xstrdup_or_null(from->inherited);
    e.reports = from->n_reports ? xcalloc(from->n_reports, sizeof *e.reports) : NULL;
    for (size_t i = 0; i < from->n_reports; i++) {
        rl_expected_report *r = &e.reports[i];
        *r = from->reports[i];
        r->reason = xstrdup_or_null(r->reason);
        r->limit = xstrdup_or_null(r->limit);
        r->markers = xcalloc(r->n_markers + 1, sizeof *r->markers);
        for (size_t j = 0; j < r->n_markers; j++)
            r->markers[j] = xstrdup(from->reports[i].markers[j]);
    }
    return e;
}
