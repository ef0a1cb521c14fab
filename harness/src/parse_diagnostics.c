/* Compiler-style text diagnostics into normalized reports: clang -Wthread-safety, the
 * text clang --analyze prints, gcc -fanalyzer and clang-tidy all write
 *
 *     FILE:LINE:COL: SEVERITY: MESSAGE [OPTION]
 *
 * with SEVERITY one of warning, error, fatal error, note, remark, and OPTION the warning
 * option ("-Wthread-safety-analysis", "-Werror,-Wthread-safety-analysis",
 * "-Werror=analyzer-double-free"), the clang-tidy check or the analyzer checker. gcc puts
 * a "[CWE-416]" group before it. Everything else (source echoes, carets, gcc's event
 * paths, "In function 'main':", "3 warnings generated.") is context and skipped.
 *
 * One report per warning (or option-carrying error), located at its own line with role
 * "warning". The notes after it add a location with role "note" when they name another
 * line: that is how thread-safety's "mutex acquired here" (the first acquisition of a
 * double lock, the acquisition a lock-not-released report is about) or clang-tidy's
 * "registered here as signal handler" reach a second marker. "expanded from macro" notes
 * (the macro's definition) and anything in a system header are left out, and so are
 * warnings in system headers.
 *
 * An error without an option ("fatal error: 'x.h' file not found", clang-tidy's
 * [clang-diagnostic-error]) means the tool could not analyse the program: the status is
 * RL_PARSE_TOOL_FAILED, whatever else was found. */
#define _GNU_SOURCE
#include "parse_static.h"

#include "fsutil.h"
#include "xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- kinds, shared with the SARIF and cppcheck parsers -------------------------- */

static bool has(const char *text, const char *words)
{
    return text && strstr(text, words) != NULL;
}

static bool starts_with(const char *s, const char *prefix)
{
    return s && strncmp(s, prefix, strlen(prefix)) == 0;
}

/* clang's thread-safety analysis: every check is -Wthread-safety-analysis (also the beta
 * ones), so the text says which (clang's DiagnosticSemaKinds.td warn_* texts). */
static rl_kind thread_safety_kind(const char *message)
{
    if (has(message, "is still held at the end of") ||
        has(message, "is not held on every path through here") ||
        has(message, "to be held at start of each loop"))
        return RL_KIND_LOCK_NOT_RELEASED;
    if (has(message, "that is already held"))
        return RL_KIND_DOUBLE_LOCK;
    if (has(message, "that was not held") || has(message, "expected shared access") ||
        has(message, "expected exclusive access"))
        return RL_KIND_BAD_UNLOCK;
    if (has(message, "must be acquired before") || has(message, "Cycle in acquired_before"))
        return RL_KIND_LOCK_ORDER_INVERSION;
    if (has(message, "requires holding"))
        return RL_KIND_GUARDED_BY_VIOLATION; /* reading, writing, passing by reference, calling */
    return RL_KIND_OTHER; /* "cannot call function while held", "expecting ... at the end of
                       function" (an ACQUIRE not honoured), negative capabilities */
}

/* The clang analyzer's lock checkers (alpha.unix.PthreadLock, alpha.core.C11Lock, ...):
 * PthreadLockChecker.cpp's report texts. */
static rl_kind lock_checker_kind(const char *message)
{
    if (has(message, "has already been acquired"))
        return RL_KIND_DOUBLE_LOCK;
    if (has(message, "has already been unlocked"))
        return RL_KIND_BAD_UNLOCK;
    if (has(message, "is still locked"))
        return RL_KIND_DESTROY_LOCKED;
    if (has(message, "not the most recently acquired lock"))
        return RL_KIND_LOCK_ORDER_INVERSION;
    if (has(message, "has already been destroyed") || has(message, "is still being held") ||
        has(message, "has already been initialized"))
        return RL_KIND_PTHREAD_API_ERROR; /* use after destroy, re-initialisation */
    return RL_KIND_OTHER;
}

static rl_kind analyzer_kind(const char *checker, const char *message)
{
    if (has(checker, "PthreadLock") || has(checker, "C11Lock") || has(checker, ".Lock"))
        return lock_checker_kind(message);
    if (has(message, "Use of memory after it is freed"))
        return RL_KIND_USE_AFTER_FREE; /* unix.Malloc, cplusplus.NewDelete */
    if (has(checker, "unix.Stream"))
        return RL_KIND_FD_MISUSE; /* a FILE used after fclose, closed twice, leaked; clang 19
                                     moved it from alpha.unix.Stream into unix */
    return RL_KIND_OTHER;
}

static rl_kind gcc_analyzer_kind(const char *option)
{
    static const rl_kind_alias by_option[] = {
        {"-Wanalyzer-use-after-free", RL_KIND_USE_AFTER_FREE},
        {"-Wanalyzer-unsafe-call-within-signal-handler", RL_KIND_SIGNAL_UNSAFE_CALL},
        {"-Wanalyzer-double-fclose", RL_KIND_FD_MISUSE},
        {"-Wanalyzer-file-leak", RL_KIND_FD_MISUSE},
    };
    if (starts_with(option, "-Wanalyzer-fd-"))
        return RL_KIND_FD_MISUSE; /* gcc 13: fd-leak, fd-access-mode-mismatch, fd-use-after-close... */
    return RL_KIND_BY_ALIAS(by_option, option, false);
}

static rl_kind tidy_kind(const char *check)
{
    static const rl_kind_alias by_check[] = {
        {"bugprone-signal-handler", RL_KIND_SIGNAL_UNSAFE_CALL},
        {"cert-sig30-c", RL_KIND_SIGNAL_UNSAFE_CALL},
        {"bugprone-spuriously-wake-up-functions", RL_KIND_COND_MISUSE},
        {"cert-con36-c", RL_KIND_COND_MISUSE},
        {"cert-con54-cpp", RL_KIND_COND_MISUSE},
    };
    /* concurrency-mt-unsafe is among the others: a call, not a bug seen */
    return RL_KIND_BY_ALIAS(by_check, check, false);
}

static rl_kind cppcheck_kind(const char *id)
{
    static const rl_kind_alias by_id[] = {
        {"deallocuse", RL_KIND_USE_AFTER_FREE},
        {"useClosedFile", RL_KIND_FD_MISUSE},
    };
    return RL_KIND_BY_ALIAS(by_id, id, false);
}

rl_kind rl_static_kind(const char *rule, const char *message)
{
    if (!rule || !*rule)
        return RL_KIND_OTHER;
    if (starts_with(rule, "clang-diagnostic-")) {
        /* a compiler warning surfaced by clang-tidy: the same as its -W option */
        char *option = xasprintf("-W%s", rule + strlen("clang-diagnostic-"));
        rl_kind kind = rl_static_kind(option, message);
        free(option);
        return kind;
    }
    if (starts_with(rule, "clang-analyzer-"))
        return analyzer_kind(rule + strlen("clang-analyzer-"), message);
    if (starts_with(rule, "-Wthread-safety"))
        return strcmp(rule, "-Wthread-safety-attributes") == 0 ? RL_KIND_OTHER
                                                               : thread_safety_kind(message);
    if (starts_with(rule, "-Wanalyzer-"))
        return gcc_analyzer_kind(rule);
    if (starts_with(rule, "-W"))
        return RL_KIND_OTHER;
    if (strchr(rule, '-'))
        return tidy_kind(rule); /* clang-tidy checks are group-name */
    if (strchr(rule, '.'))
        return analyzer_kind(rule, message); /* clang analyzer checkers are pkg.Name */
    return cppcheck_kind(rule);
}

bool rl_static_system_path(const char *path)
{
    static const char *const system_dirs[] = {
        "/usr/include/", "/usr/local/include/", "/usr/lib/gcc/", "/usr/lib/llvm-",
        "/usr/lib/clang/", "/usr/lib64/clang/",
    };
    for (size_t i = 0; path && i < sizeof system_dirs / sizeof system_dirs[0]; i++)
        if (starts_with(path, system_dirs[i]))
            return true;
    return false;
}

void rl_static_move_reports(rl_report_list *to, rl_report_list *from)
{
    for (size_t i = 0; i < from->n; i++) {
        rl_report *slot = rl_report_add(to, RL_KIND_OTHER, NULL, NULL);
        *slot = from->items[i]; /* the strings change owner, nothing is copied */
    }
    free(from->items);
    memset(from, 0, sizeof *from);
}

/* ---- one line ------------------------------------------------------------------- */

typedef enum { SEV_NOTE, SEV_REMARK, SEV_WARNING, SEV_ERROR } severity;

typedef struct {
    char *file;     /* NULL for a driver message ("clang: error: ...") */
    int line;       /* 0 when the position has none */
    severity sev;
    char *message;  /* without the option groups */
    char *option;   /* the last [group] that is not a CWE id, "-Werror," removed; or NULL */
} diagnostic;

static void diagnostic_free(diagnostic *d)
{
    free(d->file);
    free(d->message);
    free(d->option);
    memset(d, 0, sizeof *d);
}

/* Removes terminal escapes in place: colours (ESC [ ... letter) and gcc's hyperlinks
 * around option names (ESC ] ... ESC \ or BEL). */
static void strip_escapes(char *s)
{
    char *out = s;
    for (const char *in = s; *in;) {
        if (in[0] == '\033' && in[1] == '[') {
            in += 2;
            while (*in && !(*in >= '@' && *in <= '~'))
                in++;
            if (*in)
                in++;
        } else if (in[0] == '\033' && in[1] == ']') {
            in += 2;
            while (*in && *in != '\a' && !(in[0] == '\033' && in[1] == '\\'))
                in++;
            in += *in == '\a' ? 1 : *in ? 2 : 0;
        } else {
            *out++ = *in++;
        }
    }
    *out = '\0';
}

/* "-Werror,-Wthread-safety-analysis" -> "-Wthread-safety-analysis";
 * "-Werror=analyzer-double-free" -> "-Wanalyzer-double-free";
 * "bugprone-signal-handler,-warnings-as-errors" -> "bugprone-signal-handler". */
static char *clean_option(const char *group)
{
    if (starts_with(group, "-Werror="))
        return xasprintf("-W%s", group + strlen("-Werror="));
    char *copy = xstrdup(group);
    char *chosen = NULL;
    for (char *save = NULL, *part = strtok_r(copy, ",", &save); part;
         part = strtok_r(NULL, ",", &save))
        if (!chosen && strcmp(part, "-Werror") != 0 && strcmp(part, "-warnings-as-errors") != 0)
            chosen = part;
    char *option = xstrdup(chosen ? chosen : group);
    free(copy);
    return option;
}

/* Takes the trailing "[...]" groups off `message` (in place); returns the option. */
static char *cut_option(char *message)
{
    char *option = NULL;
    for (;;) {
        size_t n = strlen(message);
        while (n > 0 && message[n - 1] == ' ')
            message[--n] = '\0';
        if (n < 2 || message[n - 1] != ']')
            break;
        char *open = strrchr(message, '[');
        if (!open || open == message || open[-1] != ' ')
            break;
        message[n - 1] = '\0';
        if (!option && !starts_with(open + 1, "CWE-"))
            option = clean_option(open + 1);
        *open = '\0';
    }
    return option;
}

/* Splits "FILE:LINE:COL", "FILE:LINE" or "FILE" (a driver's name). */
static void split_position(const char *position, size_t n, diagnostic *d)
{
    size_t end = n;
    int numbers[2] = {0, 0}, count = 0;
    while (count < 2) {
        size_t colon = end;
        while (colon > 0 && position[colon - 1] != ':')
            colon--;
        if (colon == 0 || colon == end || strspn(position + colon, "0123456789") != end - colon)
            break;
        numbers[count++] = rl_positive_int(position + colon);
        end = colon - 1;
    }
    if (count == 0) {
        d->file = NULL; /* "clang", "cc1", "<command-line>": no source position */
        return;
    }
    d->file = xstrndup(position, end);
    d->line = numbers[count - 1]; /* FILE:LINE:COL read backwards: COL first */
}

/* Recognizes one diagnostic line (already without escapes). */
static bool parse_diagnostic(const char *line, diagnostic *d)
{
    static const struct {
        const char *word;
        severity sev;
    } severities[] = {
        {"fatal error: ", SEV_ERROR}, {"error: ", SEV_ERROR}, {"warning: ", SEV_WARNING},
        {"note: ", SEV_NOTE},         {"remark: ", SEV_REMARK},
    };
    memset(d, 0, sizeof *d);
    const char *best = NULL;
    size_t best_word = 0;
    for (size_t i = 0; i < sizeof severities / sizeof severities[0]; i++) {
        const char *word = severities[i].word;
        const char *at = starts_with(line, word) ? line : NULL;
        if (!at) {
            char *pattern = xasprintf(": %s", word);
            const char *found = strstr(line, pattern);
            at = found ? found + 2 : NULL;
            free(pattern);
        }
        if (at && (!best || at < best)) {
            best = at;
            best_word = i;
        }
    }
    if (!best || line[0] == ' ')
        return false;
    d->sev = severities[best_word].sev;
    if (best > line)
        split_position(line, (size_t)(best - 2 - line), d);
    d->message = xstrdup(best + strlen(severities[best_word].word));
    d->option = cut_option(d->message);
    return true;
}

/* ---- the whole text ------------------------------------------------------------- */

typedef struct {
    rl_report_list *out;
    rl_report *current; /* the report the next notes belong to, or NULL */
    char *failure;      /* the first compile error */
} diag_state;

static bool is_compile_error(const diagnostic *d)
{
    return d->sev == SEV_ERROR &&
           (!d->option || strcmp(d->option, "clang-diagnostic-error") == 0);
}

static void take_note(diag_state *st, const diagnostic *d)
{
    rl_report *r = st->current;
    if (!r || !d->file || d->line <= 0 || rl_static_system_path(d->file) ||
        starts_with(d->message, "expanded from macro"))
        return;
    for (size_t i = 0; i < r->n_locations; i++)
        if (r->locations[i].line == d->line && strcmp(r->locations[i].file, d->file) == 0)
            return;
    rl_report_add_location(r, d->file, d->line, NULL, "note");
}

static void take_diagnostic(diag_state *st, const diagnostic *d)
{
    if (d->sev == SEV_NOTE) {
        take_note(st, d);
        return;
    }
    st->current = NULL;
    if (is_compile_error(d)) {
        if (!st->failure)
            st->failure = d->file ? xasprintf("%s:%d: %s", d->file, d->line, d->message)
                                  : xstrdup(d->message);
        return;
    }
    if (d->sev == SEV_REMARK || !d->file || d->line <= 0 || rl_static_system_path(d->file))
        return; /* driver warnings, remarks, the library's own code */
    const char *tool_kind = d->option ? d->option : d->sev == SEV_ERROR ? "error" : "warning";
    st->current = rl_report_add(st->out, rl_static_kind(d->option, d->message), tool_kind,
                                d->message);
    rl_report_add_location(st->current, d->file, d->line, NULL, "warning");
}

/* What the text plainly is instead, when it is not diagnostics at all. */
static char *not_diagnostics(const char *text, size_t len)
{
    const char *nul = memchr(text, '\0', len);
    if (nul)
        return xasprintf("byte %zu: binary data (a NUL byte), not compiler diagnostics",
                         (size_t)(nul - text));
    size_t i = strspn(text, " \t\r\n");
    int line = 1;
    for (size_t k = 0; k < i; k++)
        line += text[k] == '\n';
    if (i < len && (text[i] == '<' || text[i] == '{'))
        return xasprintf("line %d: %s document, not compiler diagnostics", line,
                         text[i] == '<' ? "an XML" : "a JSON");
    return NULL;
}

rl_parse_status rl_parse_diagnostics_text(const char *text, size_t len, rl_report_list *out,
                                          char **error)
{
    *error = not_diagnostics(text, len);
    if (*error)
        return RL_PARSE_MALFORMED;
    diag_state st = {.out = out};
    bool cut = len > 0 && text[len - 1] != '\n';
    for (size_t start = 0; start < len;) {
        const char *eol = memchr(text + start, '\n', len - start);
        if (!eol)
            break; /* the writer stopped in the middle of this line */
        char *line = xstrndup(text + start, (size_t)(eol - text - start));
        size_t n = strlen(line);
        if (n > 0 && line[n - 1] == '\r')
            line[n - 1] = '\0';
        strip_escapes(line);
        diagnostic d;
        if (parse_diagnostic(line, &d)) {
            take_diagnostic(&st, &d);
            diagnostic_free(&d);
        }
        free(line);
        start = (size_t)(eol - text) + 1;
    }
    if (st.failure) {
        *error = xasprintf("the tool could not analyse the program: %s", st.failure);
        free(st.failure);
        return RL_PARSE_TOOL_FAILED;
    }
    if (cut) {
        *error = xstrdup("output ends in the middle of a line (cut off): its last line is "
                         "dropped");
        return RL_PARSE_PARTIAL;
    }
    return RL_PARSE_OK;
}

rl_parse_status rl_parse_diagnostics_file(const char *path, rl_report_list *out, char **error)
{
    return rl_parse_file_as(path, rl_parse_diagnostics_text, out, error);
}
