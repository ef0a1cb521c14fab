/* Reads cases/<name>/case.ini with inih. inih does not tell the handler which line it is
 * on, so the reader below counts lines as inih pulls them: every message can then say
 * "file:line: what was expected". */
#include "case.h"
#include "expect.h"

#include "fsutil.h"
#include "inputs.h"
#include "markers.h"
#include "xalloc.h"

#include <errno.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A [program NAME] header, as the reader saw it go by: inih calls the handler only for
 * keys, so a section with none (a safe program that keeps every default) is known only
 * from here. */
struct header {
    char *name;
    int line;
};

struct line_reader {
    FILE *file;
    int line;        /* line of the text inih last received */
    bool line_start; /* the next chunk begins a new line */
    struct header *headers;
    size_t n_headers;
};

static void note_header(struct line_reader *r, const char *text)
{
    text += strspn(text, " \t");
    if (strncmp(text, "[program ", 9) != 0 || strchr(text, ']') == NULL)
        return;
    const char *name = text + 9 + strspn(text + 9, " \t");
    size_t len = strcspn(name, "] \t");
    r->headers = xrealloc(r->headers, (r->n_headers + 1) * sizeof *r->headers);
    r->headers[r->n_headers++] = (struct header){xstrndup(name, len), r->line};
}

static char *read_counting_lines(char *buf, int size, void *stream)
{
    struct line_reader *r = stream;
    char *got = fgets(buf, size, r->file);
    if (got != NULL) {
        if (r->line_start) {
            r->line++;
            note_header(r, got);
        }
        size_t n = strlen(got);
        r->line_start = n > 0 && got[n - 1] == '\n';
    }
    return got;
}

struct load_state {
    rl_case *c;
    struct line_reader reader;
    char *section;       /* the section of the previous key: inih does not announce sections */
    rl_program *program; /* the [program NAME] being read; NULL in [case] */
    bool in_case_section;
    char *error;         /* first error, "path:line: ..." */
    int error_line;
};

static int load_error(struct load_state *st, char *message)
{
    if (st->error == NULL) {
        st->error = xasprintf("%s:%d: %s", st->c->ini_path, st->reader.line, message);
        st->error_line = st->reader.line;
    }
    free(message);
    return 0;
}

static rl_program *find_program(rl_case *c, const char *name)
{
    for (size_t i = 0; i < c->n_programs; i++)
        if (strcmp(c->programs[i].name, name) == 0)
            return &c->programs[i];
    return NULL;
}

static rl_program *add_program(rl_case *c, const char *name, int line)
{
    c->programs = xrealloc(c->programs, (c->n_programs + 1) * sizeof *c->programs);
    rl_program *p = memset(&c->programs[c->n_programs++], 0, sizeof *p);
    p->name = xstrdup(name);
    p->timeout_s = 10;
    p->line = line;
    return p;
}

static int begin_section(struct load_state *st, const char *section)
{
    st->program = NULL;
    st->in_case_section = strcmp(section, "case") == 0;
    if (st->in_case_section)
        return 1;
    if (strncmp(section, "program ", 8) != 0 || section[8] == '\0')
        return load_error(st, xasprintf("unknown section [%s]: expected [case] or "
                                        "[program NAME]", section));
    const char *name = section + 8;
    if (!rl_name_valid(name))
        return load_error(st, rl_name_problem("program", name));
    if (find_program(st->c, name))
        return load_error(st, xasprintf("program '%s' is described twice", name));
    char *source = xasprintf("%s/%s.c", st->c->dir, name);
    bool exists = rl_is_file(source);
    free(source);
    if (!exists)
        return load_error(st, xasprintf("[program %s] has no source %s.c in %s", name, name,
                                        st->c->dir));
    int line = st->reader.line;
    for (size_t h = 0; h < st->reader.n_headers; h++)
        if (strcmp(st->reader.headers[h].name, name) == 0)
            line = st->reader.headers[h].line;
    st->program = add_program(st->c, name, line);
    return 1;
}

static int set_choice(struct load_state *st, char **field, const char *key, const char *value,
                      const char *a, const char *b)
{
    if (strcmp(value, a) != 0 && strcmp(value, b) != 0)
        return load_error(st, xasprintf("%s must be '%s' or '%s', got '%s'", key, a, b, value));
    free(*field);
    *field = xstrdup(value);
    return 1;
}

static int set_timeout(struct load_state *st, const char *value, double *into)
{
    char *end = NULL;
    double t = strtod(value, &end);
    if (end == value || *end != '\0' || !(t > 0 && t < 3600))
        return load_error(st, xasprintf("timeout must be seconds between 0 and 3600, got '%s'",
                                        value));
    *into = t;
    return 1;
}

/* A second line for the same tool adds reports; only detect/false-alarm lines combine. */
static int merge_expectation(struct load_state *st, rl_expectation *into, rl_expectation *add)
{
    if (into->type != RL_EXPECT_DETECT || add->type != RL_EXPECT_DETECT) {
        int first = into->line;
        rl_expectation_free(add);
        return load_error(st, xasprintf("'%s' is stated again (first at line %d); only "
                                        "detect and false-alarm lines can be repeated",
                                        into->tool, first));
    }
    into->reports = xrealloc(into->reports,
                             (into->n_reports + add->n_reports) * sizeof *into->reports);
    memcpy(into->reports + into->n_reports, add->reports, add->n_reports * sizeof *add->reports);
    into->n_reports += add->n_reports;
    free(add->reports);
    free(add->reason);
    return 1;
}

static int check_markers(struct load_state *st, const rl_expectation *e)
{
    for (size_t i = 0; i < e->n_reports; i++)
        for (size_t j = 0; j < e->reports[i].n_markers; j++)
            if (!rl_marker_exists(st->c->markers, st->c->n_markers, e->reports[i].markers[j]))
                return load_error(st, xasprintf("marker '%s' is not in any source of %s "
                                                "(write /* racelab: %s */ on the line)",
                                                e->reports[i].markers[j], st->c->dir,
                                                e->reports[i].markers[j]));
    return 1;
}

static int add_expectation(struct load_state *st, const char *tool, const char *value)
{
    rl_expectation e = {0};
    char *why = NULL;
    if (rl_expectation_parse(value, &e, &why) != 0) {
        rl_expectation_free(&e);
        int rc = load_error(st, xasprintf("%s: %s", tool, why));
        free(why);
        return rc;
    }
    if (!check_markers(st, &e)) {
        rl_expectation_free(&e);
        return 0;
    }
    rl_program *p = st->program;
    for (size_t i = 0; i < e.n_reports; i++)
        e.reports[i].line = st->reader.line;
    for (size_t i = 0; i < p->n_expects; i++)
        if (strcmp(p->expects[i].tool, tool) == 0)
            return merge_expectation(st, &p->expects[i], &e);
    e.tool = xstrdup(tool);
    e.line = st->reader.line;
    p->expects = xrealloc(p->expects, (p->n_expects + 1) * sizeof *p->expects);
    p->expects[p->n_expects++] = e;
    return 1;
}

/* The settings keys (model.h rl_setting): a plain name, or NAME.SUFFIX for those that
 * take a build flavour or a tool (checked against tools.json by effective.c). */
static bool setting_key(const char *key)
{
    static const char *const plain[] = {"cflags", "ldflags", "defines", "includes", "args",
                                        "env", "wrappers"};
    static const char *const dotted[] = {"cflags.", "options."};
    for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++)
        if (strcmp(key, plain[i]) == 0)
            return true;
    for (size_t i = 0; i < sizeof dotted / sizeof dotted[0]; i++)
        if (strncmp(key, dotted[i], strlen(dotted[i])) == 0 && key[strlen(dotted[i])] != '\0')
            return true;
    return false;
}

static int add_setting(struct load_state *st, rl_setting **list, size_t *n, const char *key,
                       const char *value)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*list)[i].key, key) == 0)
            return load_error(st, xasprintf("'%s' is set twice (first at line %d)", key,
                                            (*list)[i].line));
    rl_setting set = {.key = xstrdup(key), .line = st->reader.line};
    for (const char *p = value + strspn(value, " \t"); *p; p += strspn(p, " \t")) {
        size_t len = strcspn(p, " \t");
        set.words = xrealloc(set.words, (set.n_words + 1) * sizeof *set.words);
        set.words[set.n_words++] = xstrndup(p, len);
        p += len;
    }
    for (size_t i = 0; strcmp(key, "env") == 0 && i < set.n_words; i++)
        if (strchr(set.words[i], '=') == NULL || set.words[i][0] == '=') {
            int rc = load_error(st, xasprintf("env: '%s' is not NAME=VALUE", set.words[i]));
            free(set.key);
            rl_free_strings(set.words, set.n_words);
            return rc;
        }
    *list = xrealloc(*list, (*n + 1) * sizeof **list);
    (*list)[(*n)++] = set;
    return 1;
}

/* `ending = exit N | signal NAME`, and native's `exit N | signal NAME` (expect.c). */
static int set_ending(struct load_state *st, const char *value)
{
    rl_expectation e = {0};
    char *why = NULL;
    if (rl_expectation_parse(value, &e, &why) != 0 ||
        (e.type != RL_EXPECT_EXIT && e.type != RL_EXPECT_SIGNAL)) {
        rl_expectation_free(&e);
        int rc = load_error(st, xasprintf("ending must be 'exit N' or 'signal NAME'%s%s",
                                          why ? ": " : "", why ? why : ""));
        free(why);
        return rc;
    }
    st->program->ending = (rl_ending){e.type, e.status, st->reader.line};
    rl_expectation_free(&e);
    return 1;
}

static int on_case_key(struct load_state *st, const char *name, const char *value)
{
    if (setting_key(name))
        return add_setting(st, &st->c->settings, &st->c->n_settings, name, value);
    if (strcmp(name, "timeout") == 0)
        return set_timeout(st, value, &st->c->timeout_s);
    if (strcmp(name, "title") == 0) {
        free(st->c->title);
        st->c->title = xstrdup(value);
    } else if (strcmp(name, "lesson") == 0) {
        free(st->c->lesson);
        st->c->lesson = xstrdup(value);
    } else {
        return load_error(st, xasprintf("unknown key '%s' in [case] (expected title, lesson, "
                                        "timeout, cflags, cflags.FLAVOUR, ldflags, defines, includes, args, "
                                        "env, options.TOOL, wrappers)", name));
    }
    return 1;
}

static int on_program_key(struct load_state *st, const char *name, const char *value)
{
    if (strcmp(name, "form") == 0)
        return set_choice(st, &st->program->form, name, value, "thread", "process");
    if (strcmp(name, "variant") == 0)
        return set_choice(st, &st->program->variant, name, value, "unsafe", "safe");
    if (strcmp(name, "timeout") == 0) {
        st->program->timeout_given = true;
        return set_timeout(st, value, &st->program->timeout_s);
    }
    if (strcmp(name, "ending") == 0)
        return set_ending(st, value);
    if (setting_key(name))
        return add_setting(st, &st->program->settings, &st->program->n_settings, name, value);
    if (strcmp(name, "hangs") == 0) {
        char *choice = NULL;
        if (!set_choice(st, &choice, name, value, "yes", "no"))
            return 0;
        st->program->hangs = strcmp(choice, "yes") == 0;
        free(choice);
        return 1;
    }
    /* "tsan-clang tsan-gcc = blind: WHY": one fact, said once for several tools */
    int rc = 1;
    for (const char *p = name; *p && rc;) {
        size_t len = strcspn(p, " \t");
        char *tool = xstrndup(p, len);
        rc = add_expectation(st, tool, value);
        free(tool);
        p += len;
        p += strspn(p, " \t");
    }
    return rc;
}

static int on_key(void *user, const char *section, const char *name, const char *value)
{
    struct load_state *st = user;
    if (st->error)
        return 1; /* the first error is the one reported */
    if (st->section == NULL || strcmp(st->section, section) != 0) {
        free(st->section);
        st->section = xstrdup(section);
        if (!begin_section(st, section))
            return 0;
    }
    if (st->in_case_section)
        return on_case_key(st, name, value);
    if (st->program == NULL)
        return load_error(st, xasprintf("'%s' outside a [case] or [program NAME] section",
                                        name));
    return on_program_key(st, name, value);
}

/* threads_* is a thread form, procs_* a process form; *_unsafe* is unsafe, *_safe* safe. */
static void name_defaults(rl_program *p)
{
    if (p->form == NULL && strncmp(p->name, "threads_", 8) == 0)
        p->form = xstrdup("thread");
    else if (p->form == NULL && strncmp(p->name, "procs_", 6) == 0)
        p->form = xstrdup("process");
    if (p->variant == NULL && strstr(p->name, "_unsafe"))
        p->variant = xstrdup("unsafe");
    else if (p->variant == NULL && strstr(p->name, "_safe"))
        p->variant = xstrdup("safe");
}

/* Sections first, in the order of the file; then programs without one, by name. */
static int by_line(const void *a, const void *b)
{
    const rl_program *x = a, *y = b;
    if ((x->line == 0) != (y->line == 0))
        return x->line == 0 ? 1 : -1;
    return x->line != y->line ? (x->line < y->line ? -1 : 1) : strcmp(x->name, y->name);
}

/* Every .c file is a program: one without a section (or with an empty one) keeps every
 * default, which its name must make complete. */
static void add_unstated_programs(rl_case *c, const struct line_reader *r)
{
    char **sources;
    size_t n = rl_list_dir(c->dir, ".c", false, &sources);
    for (size_t i = 0; i < n; i++) {
        sources[i][strlen(sources[i]) - 2] = '\0';
        if (find_program(c, sources[i]) != NULL)
            continue;
        int line = 0;
        for (size_t h = 0; h < r->n_headers; h++)
            if (strcmp(r->headers[h].name, sources[i]) == 0)
                line = r->headers[h].line;
        add_program(c, sources[i], line);
    }
    rl_free_strings(sources, n);
    qsort(c->programs, c->n_programs, sizeof *c->programs, by_line);
}

static char *check_programs(rl_case *c)
{
    for (size_t i = 0; i < c->n_programs; i++) {
        rl_program *p = &c->programs[i];
        name_defaults(p);
        if (!p->timeout_given && c->timeout_s > 0)
            p->timeout_s = c->timeout_s;
        if (p->line == 0 && (p->form == NULL || p->variant == NULL))
            return xasprintf("%s: %s/%s.c is a program (every .c file is) but has no "
                             "[program %s] section, and its name says neither its form "
                             "(threads_/procs_) nor its variant (_unsafe/_safe)", c->ini_path,
                             c->dir, p->name, p->name);
        if (p->form == NULL || p->variant == NULL)
            return xasprintf("%s:%d: [program %s] needs 'form = thread|process' and "
                             "'variant = unsafe|safe' (the name says neither: threads_/procs_, "
                             "_unsafe/_safe)", c->ini_path, p->line, p->name);
    }
    if (c->n_programs == 0)
        return xasprintf("%s: no program (a .c file) in %s", c->ini_path, c->dir);
    return NULL;
}

static char *parse_ini(rl_case *c)
{
    char *problem = rl_text_file_problem(c->ini_path);
    if (problem)
        return problem;
    struct load_state st = {.c = c, .reader = {.line_start = true}};
    st.reader.file = fopen(c->ini_path, "re");
    if (st.reader.file == NULL)
        return xasprintf("%s: cannot open: %s", c->ini_path, strerror(errno));
    /* Long reasons are normal here: let inih grow its line buffer. */
    ini_use_stack = false;
    ini_allow_realloc = true;
    ini_max_line = 1 << 16;
    ini_allow_multiline = false; /* an indented line would be a second expectation */
    int rc = ini_parse_stream(read_counting_lines, &st.reader, on_key, &st);
    fclose(st.reader.file);
    free(st.section);
    if (st.error == NULL && rc == 0)
        add_unstated_programs(c, &st.reader);
    for (size_t h = 0; h < st.reader.n_headers; h++)
        free(st.reader.headers[h].name);
    free(st.reader.headers);
    if (rc > 0 && (st.error == NULL || rc < st.error_line)) {
        free(st.error); /* inih's syntax error comes first in the file */
        st.error = xasprintf("%s:%d: expected '[section]' or 'key = value'", c->ini_path, rc);
    }
    else if (st.error == NULL && rc < 0)
        st.error = xasprintf("%s: cannot read (inih error %d)", c->ini_path, rc);
    return st.error;
}

int rl_case_load(const char *dir, rl_case *out, char **error)
{
    memset(out, 0, sizeof *out);
    out->dir = xstrdup(dir);
    out->name = xstrdup(rl_basename(dir));
    out->ini_path = xasprintf("%s/case.ini", dir);
    out->n_markers = rl_markers_scan(dir, &out->markers);
    *error = rl_name_valid(out->name) ? parse_ini(out) : rl_name_problem("case", out->name);
    if (*error == NULL)
        *error = check_programs(out);
    if (*error == NULL)
        return 0;
    rl_case_free(out);
    return -1;
}

void rl_case_free(rl_case *c)
{
    for (size_t i = 0; i < c->n_programs; i++) {
        rl_program *p = &c->programs[i];
        for (size_t j = 0; j < p->n_expects; j++)
            rl_expectation_free(&p->expects[j]);
        free(p->expects);
        rl_settings_free(p->settings, p->n_settings);
        free(p->name);
        free(p->form);
        free(p->variant);
    }
    free(c->programs);
    for (size_t i = 0; i < c->n_markers; i++) {
        free(c->markers[i].name);
        free(c->markers[i].file);
    }
    free(c->markers);
    rl_settings_free(c->settings, c->n_settings);
    free(c->name);
    free(c->dir);
    free(c->ini_path);
    free(c->title);
    free(c->lesson);
    memset(c, 0, sizeof *c);
}

const rl_expectation *rl_program_expectation(const rl_program *p, const char *tool)
{
    for (size_t i = 0; i < p->n_expects; i++)
        if (strcmp(p->expects[i].tool, tool) == 0)
            return &p->expects[i];
    return NULL;
}

void rl_settings_free(rl_setting *list, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(list[i].key);
        rl_free_strings(list[i].words, list[i].n_words);
    }
    free(list);
}

/* The words a key has for the program: the case's, then the program's own. */
size_t rl_program_setting(const rl_case *c, const rl_program *p, const char *key,
                          const char ***words)
{
    const rl_setting *from[2] = {NULL, NULL};
    for (size_t i = 0; i < c->n_settings; i++)
        if (strcmp(c->settings[i].key, key) == 0)
            from[0] = &c->settings[i];
    for (size_t i = 0; i < p->n_settings; i++)
        if (strcmp(p->settings[i].key, key) == 0)
            from[1] = &p->settings[i];
    size_t n = 0;
    *words = xcalloc((from[0] ? from[0]->n_words : 0) + (from[1] ? from[1]->n_words : 0) + 1,
                     sizeof **words);
    for (size_t k = 0; k < 2; k++)
        for (size_t i = 0; from[k] && i < from[k]->n_words; i++)
            (*words)[n++] = from[k]->words[i];
    return n;
}
