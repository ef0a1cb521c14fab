/* Valgrind's --xml=yes output (protocol 4, Helgrind and DRD) into normalized reports.
 *
 * The document is read with libxml2's streaming xmlTextReader, and each <error> is
 * collected while it streams by and turned into a report only when its end tag has been
 * read. A file cut off at a deadline (no closing </valgrindoutput>, often in the middle
 * of an <error>) therefore still yields every complete error; the cut one is dropped.
 *
 * An <error> is a <kind>, a <what> or <xwhat><text>, and a sequence of <stack>s, each
 * introduced by the <auxwhat>/<xauxwhat><text> before it (the first one by nothing).
 * Only stacks that show the offending operation give locations: the first stack, a
 * Helgrind race's "This conflicts with a previous ..." stack, the acquisitions of a
 * Helgrind lock-order error, "Lock was previously acquired". "Lock at ... was first
 * observed", DRD's <first_observed_at> and <other_segment_start/end> are context. */
#define _GNU_SOURCE
#include "parse.h"
#include "remedies.h"
#include "xalloc.h"
#include "xml_text.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/xmlreader.h>

/* ---- what an <error> holds ------------------------------------------------------ */

typedef struct {
    char *obj, *fn, *dir, *file;
    int line;
} vg_frame;

typedef struct {
    char *label; /* the auxwhat text before the stack; NULL for the first stack */
    vg_frame *frames;
    size_t n_frames;
} vg_stack;

typedef struct {
    char *kind;
    char *what;      /* <what> or <xwhat><text> */
    char *what_more; /* a <what> after an <xwhat> (Helgrind's "with error code ...") */
    char *label;     /* the latest auxwhat text, for the next stack */
    vg_stack *stacks;
    size_t n_stacks;
} vg_error;

static void vg_error_free(vg_error *e)
{
    for (size_t i = 0; i < e->n_stacks; i++) {
        for (size_t j = 0; j < e->stacks[i].n_frames; j++) {
            free(e->stacks[i].frames[j].obj);
            free(e->stacks[i].frames[j].fn);
            free(e->stacks[i].frames[j].dir);
            free(e->stacks[i].frames[j].file);
        }
        free(e->stacks[i].frames);
        free(e->stacks[i].label);
    }
    free(e->stacks);
    free(e->kind);
    free(e->what);
    free(e->what_more);
    free(e->label);
    memset(e, 0, sizeof *e);
}

/* ---- kinds ---------------------------------------------------------------------- */

static bool says(const char *text, const char *words)
{
    return text && strcasestr(text, words) != NULL;
}

/* Helgrind's "Misc" errors are told apart by their text (hg_main.c's HG_(record_error_Misc)
 * calls). */
static rl_kind kind_of_helgrind_misc(const char *text)
{
    if (says(text, "Exiting thread still holds"))
        return RL_KIND_LOCK_HELD_AT_EXIT;
    if (says(text, "re-lock a non-recursive lock") ||
        says(text, "currently wr-held by a different thread") ||
        says(text, "recursive write lock granted"))
        return RL_KIND_DOUBLE_LOCK;
    if (says(text, "destroy of a locked"))
        return RL_KIND_DESTROY_LOCKED;
    if (says(text, "pthread_cond_"))
        return RL_KIND_COND_MISUSE;
    return RL_KIND_OTHER;
}

/* DRD's mutex and reader-writer lock errors (drd_mutex.c, drd_rwlock.c) by their text. */
static rl_kind kind_of_drd_lock_error(const char *text)
{
    if (says(text, "still locked at thread exit"))
        return RL_KIND_LOCK_HELD_AT_EXIT;
    if (says(text, "not locked"))
        return RL_KIND_BAD_UNLOCK; /* "Mutex not locked", "... not locked by calling thread" */
    if (says(text, "recursive") || says(text, "already locked") ||
        says(text, "locked simultaneously"))
        return RL_KIND_DOUBLE_LOCK;
    if (says(text, "destroying locked"))
        return RL_KIND_DESTROY_LOCKED;
    return RL_KIND_PTHREAD_API_ERROR; /* "Not a mutex", "Mutex reinitialization", type mismatch */
}

/* Helgrind's kinds (hg_errors.c) and DRD's (drd_error.c), by <kind> and text alone. */
static rl_kind kind_of_error(const char *kind, const char *what)
{
    static const rl_kind_alias fixed[] = {
        {"Race", RL_KIND_DATA_RACE},
        {"LockOrder", RL_KIND_LOCK_ORDER_INVERSION},
        {"UnlockUnlocked", RL_KIND_BAD_UNLOCK},
        {"UnlockForeign", RL_KIND_BAD_UNLOCK},
        {"UnlockBogus", RL_KIND_BAD_UNLOCK},
        {"PthAPIerror", RL_KIND_PTHREAD_API_ERROR},
        {"ConflictingAccess", RL_KIND_DATA_RACE},
        {"CondErr", RL_KIND_COND_MISUSE},
        {"CondDestrErr", RL_KIND_COND_MISUSE},
        {"CondRaceErr", RL_KIND_COND_MISUSE},
        {"CondWaitErr", RL_KIND_COND_MISUSE},
        {"SemaphoreErr", RL_KIND_PTHREAD_API_ERROR},
        {"BarrierErr", RL_KIND_PTHREAD_API_ERROR},
        {"InvalidThreadId", RL_KIND_PTHREAD_API_ERROR},
        {"HoldtimeErr", RL_KIND_OTHER},
        {"GenericErr", RL_KIND_OTHER},
        {"UnimpHgClReq", RL_KIND_OTHER},
        {"UnimpDrdClReq", RL_KIND_OTHER},
    };
    if (!kind)
        return RL_KIND_OTHER;
    if (strcmp(kind, "Misc") == 0)
        return kind_of_helgrind_misc(what);
    if (strcmp(kind, "MutexErr") == 0 || strcmp(kind, "RwlockErr") == 0)
        return kind_of_drd_lock_error(what);
    return RL_KIND_BY_ALIAS(fixed, kind, false);
}

/* The pthread call that failed: the function of the error's first frame, which is
 * Valgrind's intercept of it ("pthread_cond_timedwait@*", "pthread_cond_wait_WRK"),
 * with the decoration cut; NULL when the first frame is not a pthread_* function. */
static char *failing_call(const vg_error *e)
{
    if (e->n_stacks == 0 || e->stacks[0].label || e->stacks[0].n_frames == 0)
        return NULL;
    const char *fn = e->stacks[0].frames[0].fn;
    if (fn == NULL || strncmp(fn, "pthread_", 8) != 0)
        return NULL;
    char *call = xstrndup(fn, strcspn(fn, "@"));
    size_t len = strlen(call);
    if (len > 4 && strcmp(call + len - 4, "_WRK") == 0)
        call[len - 4] = '\0';
    return call;
}

/* A lock error is about the call that failed as much as about its words: DRD says
 * "Mutex not locked" both for pthread_mutex_unlock and for pthread_cond_wait given a mutex
 * the caller does not hold, and Helgrind reports the second as a condition-variable error.
 * So a lock error raised inside a pthread_cond_* call is a cond-misuse under both. */
static rl_kind kind_by_call(rl_kind by_text, const char *call)
{
    if (call == NULL)
        return by_text;
    if (strncmp(call, "pthread_cond_", 13) == 0 &&
        (by_text == RL_KIND_BAD_UNLOCK || by_text == RL_KIND_PTHREAD_API_ERROR))
        return RL_KIND_COND_MISUSE;
    return by_text;
}

/* Helgrind's kinds (hg_errors.c) and DRD's (drd_error.c), as their <kind> spells them;
 * lock errors refined by the failing call (kind_by_call). */
static rl_kind normalized_kind(const vg_error *e)
{
    const char *kind = e->kind, *what = e->what;
    rl_kind by_text = kind_of_error(kind, what);
    if (kind && (strcmp(kind, "MutexErr") == 0 || strcmp(kind, "RwlockErr") == 0 ||
                 strcmp(kind, "Misc") == 0)) {
        char *call = failing_call(e);
        by_text = kind_by_call(by_text, call);
        free(call);
    }
    return by_text;
}

/* ---- locations ------------------------------------------------------------------ */

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* Valgrind's own intercepts (the vgpreload_* objects, built from hg_intercepts.c,
 * drd_pthread_intercepts.c, vg_replace_*.c) and the C runtime's libraries, whose frames
 * carry glibc's own file names (pthread_create.c, clone.S). */
static bool is_user_frame(const vg_frame *f)
{
    static const char *const tool_files[] = {
        "hg_intercepts.c", "drd_pthread_intercepts.c", "drd_qtcore_intercepts.c",
        "drd_library_wrappers.c", "vg_replace_malloc.c", "vg_replace_strmem.c",
    };
    static const char *const system_objects[] = {
        "libc.so", "libpthread.so", "ld-linux", "libm.so", "libstdc++.so", "libgcc_s.so",
    };
    if (!f->file || f->line <= 0)
        return false;
    if (f->obj) {
        const char *obj = base_name(f->obj);
        if (strncmp(obj, "vgpreload_", strlen("vgpreload_")) == 0)
            return false;
        for (size_t i = 0; i < sizeof system_objects / sizeof system_objects[0]; i++)
            if (strncmp(obj, system_objects[i], strlen(system_objects[i])) == 0)
                return false;
    }
    for (size_t i = 0; i < sizeof tool_files / sizeof tool_files[0]; i++)
        if (strcmp(base_name(f->file), tool_files[i]) == 0)
            return false;
    return true;
}

static const char *first_stack_role(rl_kind kind)
{
    static const struct {
        rl_kind kind;
        const char *role;
    } roles[] = {
        {RL_KIND_DATA_RACE, "access"},        {RL_KIND_LOCK_ORDER_INVERSION, "lock"},
        {RL_KIND_DOUBLE_LOCK, "lock"},        {RL_KIND_BAD_UNLOCK, "unlock"},
        {RL_KIND_DESTROY_LOCKED, "destroy"},  {RL_KIND_LOCK_HELD_AT_EXIT, "exit"},
        {RL_KIND_USE_AFTER_FREE, "access"},
    };
    for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++)
        if (kind == roles[i].kind)
            return roles[i].role;
    return "call";
}

/* The role of a stack introduced by an auxwhat text, or NULL when it is context. */
static const char *labelled_stack_role(const char *label)
{
    /* --history-level=approx knows no previous access, only the segment of the other
     * thread that held it: "This conflicts with a previous access by thread #2, after"
     * (the segment's start) "but before" (its end). Both are context, not the access. */
    static const char after[] = ", after";
    size_t len = label ? strlen(label) : 0;
    if (says(label, "This conflicts with a previous") && len >= sizeof after - 1 &&
        strcmp(label + len - (sizeof after - 1), after) == 0)
        return NULL;
    if (says(label, "This conflicts with a previous"))
        return "previous access";
    if (says(label, "Required order was established by acquisition"))
        return "order first lock";
    if (says(label, "followed by a later acquisition"))
        return "order second lock";
    if (says(label, "Observed (incorrect) order is: acquisition"))
        return "observed first lock";
    if (says(label, "Lock was previously acquired"))
        return "previous lock";
    return NULL; /* "Lock at 0x... was first observed", "Block was alloc'd at", ... */
}

/* Whether the frame is in the program (not Valgrind's preload, not the C runtime) but
 * has no source position: its object was built without debug info, or stripped. */
static bool is_blind_program_frame(const vg_frame *f)
{
    if (f->file || !f->obj || strncmp(base_name(f->obj), "vgpreload_", 10) == 0)
        return false;
    vg_frame with_line = *f;
    with_line.file = "?";
    with_line.line = 1;
    return is_user_frame(&with_line);
}

/* Valgrind writes the directory apart (<dir>); joined, the path reads like TSan's. */
static char *frame_path(const vg_frame *f)
{
    return f->dir && f->file[0] != '/' ? xasprintf("%s/%s", f->dir, f->file) : xstrdup(f->file);
}

/* The user frames of the stack from `from` on, as the location's callers (unwrap.h). */
static void add_callers(rl_location *loc, const vg_stack *stack, size_t from)
{
    for (size_t i = from; i < stack->n_frames; i++) {
        if (!is_user_frame(&stack->frames[i]))
            continue;
        char *path = frame_path(&stack->frames[i]);
        rl_location_add_caller(loc, path, stack->frames[i].line, stack->frames[i].fn);
        free(path);
    }
}

/* Adds the stack's top user frame under `role`, its callers below it; when it has none but shows program frames
 * without a source line, names the object in *blind_obj (first one wins). */
static void add_top_user_frame(rl_report *report, const vg_stack *stack, const char *role,
                               char **blind_obj)
{
    const vg_frame *blind = NULL;
    for (size_t i = 0; i < stack->n_frames; i++) {
        const vg_frame *f = &stack->frames[i];
        if (is_user_frame(f)) {
            char *path = frame_path(f);
            rl_report_add_location(report, path, f->line, f->fn, role);
            free(path);
            add_callers(&report->locations[report->n_locations - 1], stack, i + 1);
            return;
        }
        if (!blind && is_blind_program_frame(f))
            blind = f;
    }
    if (blind && *blind_obj == NULL)
        *blind_obj = xstrdup(blind->obj);
}

static void emit_error(const vg_error *e, int pid, rl_report_list *out, char **blind_obj)
{
    rl_kind kind = normalized_kind(e);
    char *message = e->what && e->what_more ? xasprintf("%s %s", e->what, e->what_more)
                                            : xstrdup_or_null(e->what ? e->what : e->what_more);
    rl_report *report = rl_report_add(out, kind, e->kind ? e->kind : "(no kind)", message);
    free(message);
    report->pid = pid;
    for (size_t i = 0; i < e->n_stacks; i++) {
        const vg_stack *s = &e->stacks[i];
        const char *role = i == 0 && !s->label ? first_stack_role(kind)
                                               : labelled_stack_role(s->label);
        if (role)
            add_top_user_frame(report, s, role, blind_obj);
    }
}

/* ---- streaming ------------------------------------------------------------------ */

enum { MAX_DEPTH = 16 };

typedef struct {
    rl_report_list *out;
    const char *names[MAX_DEPTH]; /* the open elements, outermost first (interned) */
    int depth;                    /* number of open elements */
    bool saw_root;
    int root_line; /* where the first element is */
    bool in_error;
    vg_error error;
    int pid;
    /* the first parse error libxml2 reported */
    char *xml_error;
    int xml_error_line;
    char *blind_obj; /* a program object whose frames had no source line, if any */
} vg_state;

static void on_xml_error(void *arg, xmlErrorPtr err)
{
    vg_state *st = arg;
    rl_xml_keep_first_error(&st->xml_error, &st->xml_error_line, err);
}

static bool path_is(const vg_state *st, int depth, const char *const *names)
{
    /* names[0..] must equal the open elements from index 1 (below the root) */
    if (st->depth != depth)
        return false;
    for (int i = 1; i < depth; i++)
        if (strcmp(st->names[i], names[i - 1]) != 0)
            return false;
    return true;
}

static char *append_text(char *old, const char *more)
{
    if (!old)
        return xstrdup(more);
    char *joined = xasprintf("%s%s", old, more);
    free(old);
    return joined;
}

static vg_frame *current_frame(vg_state *st)
{
    if (st->error.n_stacks == 0)
        return NULL;
    vg_stack *s = &st->error.stacks[st->error.n_stacks - 1];
    return s->n_frames ? &s->frames[s->n_frames - 1] : NULL;
}

static void on_text(vg_state *st, const char *text)
{
    if (st->depth == 2 && strcmp(st->names[1], "pid") == 0) {
        st->pid = rl_positive_int(text);
        return;
    }
    if (!st->in_error)
        return;
    vg_error *e = &st->error;
    static const char *const kind[] = {"error", "kind"};
    static const char *const what[] = {"error", "what"};
    static const char *const xwhat[] = {"error", "xwhat", "text"};
    static const char *const auxwhat[] = {"error", "auxwhat"};
    static const char *const xauxwhat[] = {"error", "xauxwhat", "text"};
    if (path_is(st, 3, kind)) {
        e->kind = append_text(e->kind, text);
    } else if (path_is(st, 4, xwhat)) {
        e->what = append_text(e->what, text);
    } else if (path_is(st, 3, what)) {
        if (!e->what)
            e->what = xstrdup(text);
        else /* Helgrind's PthAPIerror: <xwhat> then <what>with error code ...</what> */
            e->what_more = append_text(e->what_more, text);
    } else if (path_is(st, 3, auxwhat) || path_is(st, 4, xauxwhat)) {
        free(e->label);
        e->label = xstrdup(text);
    } else if (st->depth == 5 && strcmp(st->names[2], "stack") == 0 &&
               strcmp(st->names[3], "frame") == 0 && current_frame(st)) {
        vg_frame *f = current_frame(st);
        const char *field = st->names[4];
        if (strcmp(field, "obj") == 0)
            f->obj = append_text(f->obj, text);
        else if (strcmp(field, "fn") == 0)
            f->fn = append_text(f->fn, text);
        else if (strcmp(field, "dir") == 0)
            f->dir = append_text(f->dir, text);
        else if (strcmp(field, "file") == 0)
            f->file = append_text(f->file, text);
        else if (strcmp(field, "line") == 0)
            f->line = rl_positive_int(text);
    }
}

/* An element opened; st->names/depth already include it. */
static void on_open(vg_state *st)
{
    const char *name = st->names[st->depth - 1];
    if (st->depth == 2 && strcmp(name, "error") == 0) {
        st->in_error = true;
        memset(&st->error, 0, sizeof st->error);
        return;
    }
    if (!st->in_error)
        return;
    vg_error *e = &st->error;
    if (st->depth == 3 && strcmp(name, "stack") == 0) {
        e->stacks = xrealloc(e->stacks, (e->n_stacks + 1) * sizeof *e->stacks);
        vg_stack *s = &e->stacks[e->n_stacks++];
        memset(s, 0, sizeof *s);
        s->label = e->label; /* the label belongs to this stack now */
        e->label = NULL;
    } else if (st->depth == 4 && strcmp(name, "frame") == 0 &&
               strcmp(st->names[2], "stack") == 0 && e->n_stacks > 0) {
        vg_stack *s = &e->stacks[e->n_stacks - 1];
        s->frames = xrealloc(s->frames, (s->n_frames + 1) * sizeof *s->frames);
        memset(&s->frames[s->n_frames++], 0, sizeof *s->frames);
    }
}

/* An element is about to close; st->names/depth still include it. */
static void on_close(vg_state *st)
{
    if (st->depth == 2 && st->in_error && strcmp(st->names[1], "error") == 0) {
        emit_error(&st->error, st->pid, st->out, &st->blind_obj);
        vg_error_free(&st->error);
        st->in_error = false;
    }
}

/* Walks the document. Returns 1 at the end of a well-formed document, 0 when the root is
 * not <valgrindoutput>, -1 on a parse error (st->xml_error says what and where). */
static int walk(xmlTextReaderPtr reader, vg_state *st)
{
    int rc;
    while ((rc = xmlTextReaderRead(reader)) == 1) {
        int type = xmlTextReaderNodeType(reader);
        if (type == XML_READER_TYPE_ELEMENT) {
            const char *name = (const char *)xmlTextReaderConstLocalName(reader);
            if (!st->saw_root) {
                xmlNodePtr node = xmlTextReaderCurrentNode(reader);
                st->root_line = node ? (int)xmlGetLineNo(node) : 0;
                if (strcmp(name, "valgrindoutput") != 0)
                    return 0;
                st->saw_root = true;
            }
            bool empty = xmlTextReaderIsEmptyElement(reader);
            if (st->depth < MAX_DEPTH) {
                st->names[st->depth++] = name;
                on_open(st);
                if (empty) {
                    on_close(st);
                    st->depth--;
                }
            } else if (!empty) {
                st->depth++; /* deeper than anything Valgrind writes: only counted */
            }
        } else if (type == XML_READER_TYPE_END_ELEMENT) {
            if (st->depth <= MAX_DEPTH)
                on_close(st);
            st->depth--;
        } else if ((type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA) &&
                   st->depth <= MAX_DEPTH) {
            const char *value = (const char *)xmlTextReaderConstValue(reader);
            if (value)
                on_text(st, value);
        }
    }
    return rc == 0 ? 1 : -1;
}

/* Whether the whole text is a beginning of what Valgrind writes first: a run killed
 * within moments of its start leaves that. */
static bool is_cut_header(const char *text, size_t len)
{
    static const char header[] = "<?xml version=\"1.0\"?>\n\n<valgrindoutput>";
    return len < sizeof header - 1 && memcmp(text, header, len) == 0;
}

rl_parse_status rl_parse_valgrind_xml_text(const char *text, size_t len, rl_report_list *out,
                                           char **error)
{
    *error = NULL;
    int first_line;
    const char *start;
    if (len > 0 && is_cut_header(text, len)) {
        *error = xstrdup("line 1: output ends before <valgrindoutput> has begun");
        return RL_PARSE_PARTIAL;
    }
    if (!rl_xml_starts_like_xml(text, len, &first_line, &start)) {
        size_t shown = strcspn(start, "\n");
        if (shown > 40)
            shown = 40;
        *error = start >= text + len
                     ? xasprintf("line %d: empty, not Valgrind XML output", first_line)
                     : xasprintf("line %d: not XML: the text starts with \"%.*s\"", first_line,
                                 (int)shown, start);
        return RL_PARSE_MALFORMED;
    }
    if (rl_xml_refused(text, len, error))
        return RL_PARSE_MALFORMED;
    vg_state st = {.out = out};
    xmlTextReaderPtr reader =
        xmlReaderForMemory(text, (int)len, "valgrind.xml", NULL, XML_PARSE_NONET);
    if (!reader) {
        *error = xstrdup("line 1: libxml2 could not start reading");
        return RL_PARSE_MALFORMED;
    }
    /* Errors come to us instead of libxml2's default printing on stderr. */
    xmlTextReaderSetStructuredErrorHandler(reader, on_xml_error, &st);
    int walked = walk(reader, &st);
    xmlFreeTextReader(reader);

    rl_parse_status status = RL_PARSE_OK;
    if (walked == 0) {
        *error = xasprintf("line %d: root element is not <valgrindoutput>", st.root_line);
        status = RL_PARSE_MALFORMED;
    } else if (walked < 0 && st.saw_root && rl_xml_error_at_end(text, len, st.xml_error_line)) {
        /* libxml2's own words for a cut document ("Extra content at the end of the
         * document", "Couldn't find end of Start Tag") would mislead here. */
        *error = xasprintf("line %d: output ends before </valgrindoutput>%s",
                           st.xml_error_line,
                           st.in_error ? ", inside an <error> (dropped)" : "");
        status = RL_PARSE_PARTIAL;
    } else if (walked < 0) {
        *error = xasprintf("line %d: not well-formed XML: %s", st.xml_error_line,
                           st.xml_error ? st.xml_error : "parse error");
        status = RL_PARSE_MALFORMED;
    }
    if (st.blind_obj && status != RL_PARSE_MALFORMED) {
        free(*error);
        *error = xasprintf("frames in %s have no file:line, so no report can name a source "
                           "line: %s",
                           st.blind_obj, RL_FIX_DEBUG_INFO);
        status = RL_PARSE_TOOL_FAILED;
    }
    if (st.in_error)
        vg_error_free(&st.error);
    free(st.blind_obj);
    free(st.xml_error);
    return status;
}

rl_parse_status rl_parse_valgrind_xml_file(const char *path, rl_report_list *out, char **error)
{
    return rl_parse_file_as(path, rl_parse_valgrind_xml_text, out, error);
}
