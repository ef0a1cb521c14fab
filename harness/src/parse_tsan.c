/* ThreadSanitizer's text reports (clang 14 and gcc 12 runtimes) into normalized reports.
 *
 * A report is the block from "WARNING: ThreadSanitizer: <heading> (pid=N)" to its
 * "SUMMARY:" line or the "==================" separator. Inside it, lines indented by two
 * spaces name a stack ("Write of size 4 at ... by thread T1:", "Mutex M0 created at:", ...)
 * and lines indented by four are its frames ("#1 main /path/x.c:5:7 (x+0x11) (BuildId: ..)").
 * Stacks printed right after the WARNING line have no name. Only primary stacks (the
 * accesses, acquisitions, the offending call) give locations; "created at", "Location is"
 * and thread-creation stacks describe context, except in a thread leak where the creation
 * stack is the finding.
 *
 * A program that dies under the runtime leaves "==N==ERROR: ThreadSanitizer: SEGV on ..."
 * (or "requested allocation size ... exceeds", or "ThreadSanitizer:DEADLYSIGNAL") and exits
 * with TSan's exitcode: that is a report of kind "crash" at its top user frame, never
 * silence. A log with text but nothing of the runtime's in it is not TSan output. */
#define _GNU_SOURCE
#include "parse.h"

#include "fsutil.h"
#include "remedies.h"
#include "xalloc.h"

#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char warning_marker[] = "WARNING: ThreadSanitizer: ";
static const char summary_marker[] = "SUMMARY: ";
static const char separator[] = "==================";
static const char error_marker[] = "ERROR: ThreadSanitizer: ";
static const char deadly_signal[] = "ThreadSanitizer:DEADLYSIGNAL";

/* ---- headings ------------------------------------------------------------------- */

/* Every heading the runtime's ReportTypeString() prints (LLVM 14 to 19), by prefix, so
 * that the variants "data race on vptr (...)" and "heap-use-after-free (virtual call
 * vs free)" fold into their family. External races print a tag-defined heading; those
 * say "race on ...". */
static const rl_kind_alias heading_kinds[] = {
    {"data race", RL_KIND_DATA_RACE},
    {"race on ", RL_KIND_DATA_RACE},
    {"heap-use-after-free", RL_KIND_USE_AFTER_FREE},
    {"thread leak", RL_KIND_THREAD_LEAK},
    {"destroy of a locked mutex", RL_KIND_DESTROY_LOCKED},
    {"double lock of a mutex", RL_KIND_DOUBLE_LOCK},
    {"use of an invalid mutex", RL_KIND_PTHREAD_API_ERROR},
    {"unlock of an unlocked mutex", RL_KIND_BAD_UNLOCK},
    {"read lock of a write locked mutex", RL_KIND_BAD_UNLOCK},
    {"read unlock of a write locked mutex", RL_KIND_BAD_UNLOCK},
    {"signal-unsafe call inside of a signal", RL_KIND_SIGNAL_UNSAFE_CALL},
    {"signal handler spoils errno", RL_KIND_ERRNO_SPOILED},
    {"lock-order-inversion", RL_KIND_LOCK_ORDER_INVERSION},
};

static rl_kind kind_of_heading(const char *heading)
{
    return RL_KIND_BY_ALIAS(heading_kinds, heading, true);
}

/* What the unnamed stacks right after the WARNING line are, per kind. */
static const char *first_stack_role(rl_kind kind)
{
    if (kind == RL_KIND_DOUBLE_LOCK)
        return "lock";
    if (kind == RL_KIND_BAD_UNLOCK)
        return "unlock";
    if (kind == RL_KIND_DESTROY_LOCKED)
        return "destroy";
    if (kind == RL_KIND_ERRNO_SPOILED)
        return "handler";
    return "call";
}

/* The "and:" stacks that follow it: for a destroyed locked mutex, where it was locked. */
static const char *and_stack_role(rl_kind kind)
{
    return kind == RL_KIND_DESTROY_LOCKED ? "lock" : "and";
}

/* ---- lines ---------------------------------------------------------------------- */

/* A mutable copy of the text cut into lines, with terminal colour escapes removed
 * (TSan colours its output when stderr is a terminal). */
typedef struct {
    char **lines;
    size_t n;
    char *storage;
    bool last_unterminated; /* the text does not end with a newline: its last line may be cut */
} line_set;

static void strip_colours(char *s)
{
    char *out = s;
    for (const char *in = s; *in;) {
        if (in[0] == '\033' && in[1] == '[') {
            in += 2;
            while (*in && !isalpha((unsigned char)*in))
                in++;
            if (*in)
                in++;
            continue;
        }
        *out++ = *in++;
    }
    *out = '\0';
}

static line_set split_lines(const char *text)
{
    line_set set = {0};
    set.storage = xstrdup(text);
    size_t text_len = strlen(text);
    set.last_unterminated = text_len > 0 && text[text_len - 1] != '\n';
    size_t cap = 0;
    for (char *p = set.storage; *p;) {
        char *end = strchr(p, '\n');
        if (end)
            *end = '\0';
        size_t len = strlen(p);
        if (len > 0 && p[len - 1] == '\r')
            p[len - 1] = '\0';
        strip_colours(p);
        if (set.n == cap) {
            cap = cap ? cap * 2 : 64;
            set.lines = xrealloc(set.lines, cap * sizeof *set.lines);
        }
        set.lines[set.n++] = p;
        if (!end)
            break;
        p = end + 1;
    }
    return set;
}

static void free_lines(line_set *set)
{
    free(set->lines);
    free(set->storage);
}

static bool starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static size_t indent_of(const char *line)
{
    size_t n = 0;
    while (line[n] == ' ')
        n++;
    return n;
}

/* A start-up or internal failure of the runtime itself, e.g. "FATAL: ThreadSanitizer:
 * unexpected memory mapping ...", "ThreadSanitizer: CHECK failed: ...". Not the
 * program's own crash: "==N==ERROR: ThreadSanitizer: SEGV on unknown address" followed by
 * "ThreadSanitizer can not provide additional info." is the program failing. */
static bool is_tool_failure(const char *line)
{
    static const char *const signs[] = {
        "FATAL: ThreadSanitizer",         "ThreadSanitizer: CHECK failed",
        "ThreadSanitizer CHECK failed",   "ThreadSanitizer: failed to",
        "ThreadSanitizer failed to",      "ThreadSanitizer can not mmap",
        "ThreadSanitizer can not protect",
    };
    for (size_t i = 0; i < sizeof signs / sizeof signs[0]; i++)
        if (strstr(line, signs[i]))
            return true;
    return false;
}

/* ---- frames --------------------------------------------------------------------- */

typedef struct {
    char *function; /* NULL for <null> */
    char *file;     /* NULL when the frame has no source position */
    int line;
    char *module;   /* "race", "libtsan.so.2", ... or NULL */
} frame;

static void frame_free(frame *f)
{
    free(f->function);
    free(f->file);
    free(f->module);
}

/* Removes a trailing "(...)" group from [s, *end) and returns it (without parentheses),
 * or NULL when the text does not end with one. */
static char *cut_trailing_group(const char *s, size_t *end)
{
    size_t e = *end;
    while (e > 0 && s[e - 1] == ' ')
        e--;
    if (e == 0 || s[e - 1] != ')')
        return NULL;
    size_t depth = 0, b = e;
    while (b > 0) {
        b--;
        if (s[b] == ')')
            depth++;
        else if (s[b] == '(' && --depth == 0)
            break;
    }
    if (depth != 0 || b == 0 || s[b - 1] != ' ')
        return NULL;
    *end = b - 1;
    return xstrndup(s + b + 1, e - b - 2);
}

/* Splits "file:line[:col]" into file and line; false if it is not one. */
static bool split_position(const char *token, char **file, int *line)
{
    const char *p = token + strlen(token);
    int numbers = 0;
    const char *colon = NULL;
    while (numbers < 2) {
        const char *digits_end = p;
        while (p > token && isdigit((unsigned char)p[-1]))
            p--;
        if (p == digits_end || p == token || p[-1] != ':')
            break;
        colon = p - 1;
        numbers++;
        p = colon;
    }
    if (numbers == 0)
        return false;
    /* With "file:line:col" the line is the first number after the file name. */
    const char *first_colon = colon;
    *line = rl_positive_int(first_colon + 1);
    *file = xstrndup(token, (size_t)(first_colon - token));
    return *line > 0 && first_colon > token;
}

/* Parses "#N function location (module+0xoff) (BuildId: ...)" (leading blanks removed).
 * The function may contain blanks ("__tsan::CallUserSignalHandler(__tsan::ThreadState*,
 * bool, ...)"), so the line is taken apart from its end. */
static bool parse_frame(const char *line, frame *out)
{
    memset(out, 0, sizeof *out);
    if (line[0] != '#' || !isdigit((unsigned char)line[1]))
        return false;
    const char *p = line + 1;
    while (isdigit((unsigned char)*p))
        p++;
    while (*p == ' ')
        p++;
    size_t end = strlen(p);
    for (;;) {
        char *group = cut_trailing_group(p, &end);
        if (!group)
            break;
        if (starts_with(group, "BuildId:")) {
            free(group);
            continue;
        }
        char *plus = strrchr(group, '+');
        if (plus)
            *plus = '\0';
        free(out->module);
        out->module = group;
        break;
    }
    char *rest = xstrndup(p, end);
    char *space = strrchr(rest, ' ');
    const char *position = space ? space + 1 : rest;
    if (space)
        *space = '\0';
    const char *function = space ? rest : "<null>";
    if (strcmp(function, "<null>") != 0)
        out->function = xstrdup(function);
    if (strcmp(position, "<null>") != 0 && !split_position(position, &out->file, &out->line)) {
        free(out->file);
        out->file = NULL;
        out->line = 0;
    }
    free(rest);
    return true;
}

/* Frames of the sanitizer runtime, and of the C/C++ runtime libraries (glibc ships line
 * information, so "libio/filedoalloc.c:101" in libc.so.6 would otherwise pass for the
 * program's own code). */
static bool is_runtime_frame(const frame *f)
{
    static const char *const runtime_paths[] = {
        "libsanitizer/", "compiler-rt/lib/", "sanitizer_common/", "/tsan/rtl/",
    };
    static const char *const runtime_functions[] = {
        "__tsan", "__interceptor_", "__sanitizer", "___interceptor_",
    };
    static const char *const system_modules[] = {
        "libtsan.so", "libclang_rt.", "libc.so", "libpthread.so", "ld-linux", "libm.so",
        "libstdc++.so", "libc++.so", "libc++abi.so", "libgcc_s.so",
    };
    for (size_t i = 0; f->file && i < sizeof runtime_paths / sizeof runtime_paths[0]; i++)
        if (strstr(f->file, runtime_paths[i]))
            return true;
    for (size_t i = 0; f->function && i < sizeof runtime_functions / sizeof runtime_functions[0];
         i++)
        if (starts_with(f->function, runtime_functions[i]))
            return true;
    if (f->module) {
        const char *base = strrchr(f->module, '/');
        base = base ? base + 1 : f->module;
        for (size_t i = 0; i < sizeof system_modules / sizeof system_modules[0]; i++)
            if (starts_with(base, system_modules[i]))
                return true;
    }
    return false;
}

/* ---- stacks --------------------------------------------------------------------- */

/* The role of the stack under a named header that is not an access ("Write of size
 * ..."): a lock acquisition, a signal handler, an "and:" continuation, or a thread
 * creation when the report is a thread leak. NULL when the stack is context only
 * ("Location is ...", "Mutex M0 (0x...) created at:", "As if synchronized via sleep:"). */
static const char *role_of_header(const char *header, rl_kind kind)
{
    if (starts_with(header, "Mutex ") && strstr(header, " acquired here while holding mutex "))
        return "lock";
    if (starts_with(header, "Mutex ") && strstr(header, " previously acquired by the same thread"))
        return "previous lock";
    if (starts_with(header, "Signal ") && strstr(header, " handler invoked at"))
        return "handler";
    if (strcmp(header, "and:") == 0)
        return and_stack_role(kind);
    if (starts_with(header, "Thread T") && strstr(header, " created by ") &&
        kind == RL_KIND_THREAD_LEAK)
        return "thread created";
    return NULL;
}

/* "Previous atomic write of size 8 at ... by thread T1:" -> "previous atomic write". */
static char *access_role(const char *header)
{
    static const char *const access_words[] = {" of size ", " access of "};
    for (size_t i = 0; i < sizeof access_words / sizeof access_words[0]; i++) {
        const char *w = strstr(header, access_words[i]);
        if (w && !starts_with(header, "Location is") && !starts_with(header, "Mutex ") &&
            !starts_with(header, "Thread ")) {
            char *role = xstrndup(header, (size_t)(w - header));
            for (char *c = role; *c; c++)
                *c = (char)tolower((unsigned char)*c);
            return role;
        }
    }
    return NULL;
}

/* Adds the top user frame of the stack starting at lines[i] (its frame lines) to the
 * report, under `role`, with the user frames below it as its callers; returns the index of the first line after the stack.
 * A primary stack whose program frames have no source position ("#0 <null> <null>
 * (threads_unsafe+0xd0351)") means the runtime could not symbolize them (no
 * llvm-symbolizer, no debug info): the first such module is left in *unsymbolized, so
 * that the run is an environment error and not a report without a line. */
static size_t take_stack(const line_set *set, size_t i, rl_report *report, const char *role,
                         char **unsymbolized)
{
    bool found = false;
    char *blind_module = NULL;
    for (; i < set->n; i++) {
        const char *line = set->lines[i] + indent_of(set->lines[i]);
        if (indent_of(set->lines[i]) < 4 || (line[0] != '#' && line[0] != '['))
            break;
        frame f;
        if (found && parse_frame(line, &f)) { /* the callers below the top user frame */
            if (f.file && f.line > 0 && !is_runtime_frame(&f))
                rl_location_add_caller(&report->locations[report->n_locations - 1], f.file,
                                       f.line, f.function);
            frame_free(&f);
        } else if (role && parse_frame(line, &f)) {
            if (f.file && f.line > 0 && !is_runtime_frame(&f)) {
                rl_report_add_location(report, f.file, f.line, f.function, role);
                found = true;
            } else if (!f.file && f.module && !blind_module && !is_runtime_frame(&f)) {
                blind_module = xstrdup(f.module);
            }
            frame_free(&f);
        }
    }
    if (!found && blind_module && *unsymbolized == NULL)
        *unsymbolized = blind_module;
    else
        free(blind_module);
    return i;
}

/* ---- reports -------------------------------------------------------------------- */

typedef enum { BLOCK_COMPLETE, BLOCK_CUT } block_end;

static void append_copy(rl_report_list *out, const rl_report *r)
{
    rl_report *copy = rl_report_add(out, r->kind, r->tool_kind, r->message);
    copy->pid = r->pid;
    for (size_t i = 0; i < r->n_locations; i++)
        rl_report_copy_location(copy, &r->locations[i]);
}

/* A lock error is about the call that failed as much as about its heading: "unlock of an
 * unlocked mutex" raised inside pthread_cond_wait (given a mutex the caller does not hold)
 * is the condition-variable misuse Helgrind and DRD report for it (parse_valgrind.c's
 * kind_by_call), so it gets the same kind. `frame0` is the stack's #0 line. */
static rl_kind kind_by_call(rl_kind kind, const char *frame0)
{
    frame f;
    if (kind != RL_KIND_BAD_UNLOCK || !parse_frame(frame0, &f))
        return kind;
    if (f.function && strncmp(f.function, "pthread_cond_", 13) == 0)
        kind = RL_KIND_COND_MISUSE;
    frame_free(&f);
    return kind;
}

/* Parses the report whose WARNING line is lines[*i]; leaves *i on the line after it.
 * Only a report that reaches its SUMMARY line or separator is added to `out`. */
static block_end parse_report(const line_set *set, size_t *i, rl_report_list *out,
                              char **unsymbolized)
{
    char *heading = xstrdup(strstr(set->lines[*i], warning_marker) + strlen(warning_marker));
    int pid = 0;
    char *pid_part = strstr(heading, " (pid=");
    if (pid_part) {
        pid = rl_positive_int(pid_part + strlen(" (pid="));
        *pid_part = '\0';
    }
    rl_kind kind = kind_of_heading(heading);
    rl_report_list draft = {0};
    rl_report *report = rl_report_add(&draft, kind, heading, heading);
    report->pid = pid;
    free(heading);

    size_t k = *i + 1;
    block_end end = BLOCK_CUT;
    char *blind = NULL; /* counts only for a complete report: a cut one ends mid-stack */
    while (k < set->n) {
        const char *raw = set->lines[k];
        const char *line = raw + indent_of(raw);
        if (strstr(raw, warning_marker) || strstr(raw, error_marker) || is_tool_failure(raw))
            break; /* something else began before this report ended: it is cut */
        if (k == set->n - 1 && set->last_unterminated)
            break; /* the writer died in the middle of this line */
        if (starts_with(raw, summary_marker)) {
            free(report->message);
            report->message = xstrdup(raw + strlen(summary_marker));
            k++;
            if (k < set->n && starts_with(set->lines[k], separator))
                k++;
            end = BLOCK_COMPLETE;
            break;
        }
        if (starts_with(raw, separator)) {
            k++;
            end = BLOCK_COMPLETE;
            break;
        }
        if (indent_of(raw) >= 4 && (line[0] == '#' || line[0] == '[')) {
            /* an unnamed stack: right after the WARNING line */
            report->kind = kind_by_call(report->kind, line);
            k = take_stack(set, k, report, first_stack_role(report->kind), &blind);
        } else if (indent_of(raw) == 2) {
            char *role = access_role(line);
            k = take_stack(set, k + 1, report, role ? role : role_of_header(line, kind),
                           &blind);
            free(role);
        } else {
            k++; /* blank lines, "Cycle in lock order graph: ...", "HINT: ..." */
        }
    }
    *i = k;
    if (end == BLOCK_COMPLETE)
        append_copy(out, report);
    if (end == BLOCK_COMPLETE && blind && *unsymbolized == NULL)
        *unsymbolized = blind;
    else
        free(blind);
    rl_report_list_free(&draft);
    return end;
}

/* Parses the crash whose "==N==ERROR: ThreadSanitizer: ..." or DEADLYSIGNAL line is
 * lines[*i] into a "crash" report, at its top user frame, ending at its SUMMARY line or
 * "==N==ABORTING". A cut crash is still a crash: it is added whatever follows. */
static void parse_crash(const line_set *set, size_t *i, rl_report_list *out)
{
    const char *line = set->lines[*i];
    const char *at = strstr(line, error_marker);
    const char *heading = at ? at + strlen(error_marker) : "deadly signal";
    rl_report *report = rl_report_add(out, RL_KIND_CRASH, heading, heading);
    const char *eq = line[0] == '=' && line[1] == '=' ? line + 2 : NULL;
    report->pid = eq ? rl_positive_int(eq) : 0;
    size_t k = *i + 1;
    char *blind = NULL; /* a crash is reported even without a source line */
    while (k < set->n) {
        const char *raw = set->lines[k];
        if (strstr(raw, warning_marker) || strstr(raw, error_marker) ||
            strstr(raw, deadly_signal) || is_tool_failure(raw))
            break;
        if (starts_with(raw, summary_marker)) {
            free(report->message);
            report->message = xstrdup(raw + strlen(summary_marker));
            k++;
            break;
        }
        if (strstr(raw, "==ABORTING")) {
            k++;
            break;
        }
        if (indent_of(raw) >= 4 && raw[indent_of(raw)] == '#' && report->n_locations == 0)
            k = take_stack(set, k, report, "crash", &blind);
        else
            k++;
    }
    free(blind);
    *i = k;
}

/* Whether a line outside any report is one the runtime writes ("ThreadSanitizer: reported
 * 2 warnings", "==N==...", separators): a log with none of them is not TSan's. */
static bool runtime_line(const char *line)
{
    return strstr(line, "ThreadSanitizer") != NULL || starts_with(line, "==") ||
           starts_with(line, summary_marker);
}

static bool blank_line(const char *line)
{
    return line[strspn(line, " \t")] == '\0';
}

rl_parse_status rl_parse_tsan_text(const char *text, rl_report_list *out, char **error)
{
    *error = NULL;
    line_set set = split_lines(text);
    rl_parse_status status = RL_PARSE_OK;
    size_t cut_reports = 0, other_lines = 0;
    bool runtime_seen = false;
    char *unsymbolized = NULL;
    for (size_t i = 0; i < set.n;) {
        const char *line = set.lines[i];
        if (is_tool_failure(line) && status != RL_PARSE_TOOL_FAILED) {
            const char *start = strstr(line, "ThreadSanitizer");
            const char *fatal = strstr(line, "FATAL: ");
            if (fatal && fatal < start)
                start = fatal;
            free(*error);
            *error = xasprintf("ThreadSanitizer itself failed: %s", start);
            status = RL_PARSE_TOOL_FAILED;
            i++;
        } else if (strstr(line, warning_marker)) {
            runtime_seen = true;
            if (parse_report(&set, &i, out, &unsymbolized) == BLOCK_CUT)
                cut_reports++;
        } else if (strstr(line, error_marker) || strstr(line, deadly_signal)) {
            runtime_seen = true;
            parse_crash(&set, &i, out);
        } else {
            runtime_seen |= runtime_line(line);
            /* a last line cut by a killed writer may be the runtime's own, unfinished */
            other_lines += !blank_line(line) && !(i == set.n - 1 && set.last_unterminated);
            i++;
        }
    }
    if (status != RL_PARSE_TOOL_FAILED && unsymbolized) {
        free(*error);
        *error = xasprintf("ThreadSanitizer could not symbolize the program's frames (%s+0x...: "
                           "no file:line): %s",
                           unsymbolized, RL_FIX_SYMBOLIZER);
        status = RL_PARSE_TOOL_FAILED;
    }
    free(unsymbolized);
    if (status == RL_PARSE_OK && !runtime_seen && other_lines > 0) {
        status = RL_PARSE_MALFORMED;
        *error = xasprintf("not ThreadSanitizer output: %zu line%s of text and none from the "
                           "runtime (no WARNING, ERROR or SUMMARY line)",
                           other_lines, other_lines == 1 ? "" : "s");
    } else if (status == RL_PARSE_OK && cut_reports > 0) {
        status = RL_PARSE_PARTIAL;
        *error = xasprintf("ThreadSanitizer output ends inside a report (%zu incomplete "
                           "report%s dropped)",
                           cut_reports, cut_reports == 1 ? "" : "s");
    }
    free_lines(&set);
    return status;
}

/* A NUL inside the log (a killed writer can leave zero bytes, a program can write any)
 * must not hide the reports after it: each one becomes a blank. */
static rl_parse_status parse_tsan_buffer(const char *text, size_t len, rl_report_list *out,
                                         char **error)
{
    if (memchr(text, '\0', len) == NULL)
        return rl_parse_tsan_text(text, out, error);
    char *copy = xmalloc(len + 1);
    for (size_t i = 0; i < len; i++)
        copy[i] = text[i] == '\0' ? ' ' : text[i];
    copy[len] = '\0';
    rl_parse_status status = rl_parse_tsan_text(copy, out, error);
    free(copy);
    return status;
}

rl_parse_status rl_parse_tsan_file(const char *path, rl_report_list *out, char **error)
{
    return rl_parse_file_as(path, parse_tsan_buffer, out, error);
}
