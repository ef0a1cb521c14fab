/* Reads harness/tools.json (jansson): builds, tools, and each tool's named limits. */
#include "tools.h"

#include "fsutil.h"
#include "inputs.h"
#include "xalloc.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

struct tool_reader {
    const char *path;
    const char *text; /* the file, to find the line a tool starts on */
    const char *tool; /* for messages */
    size_t index;     /* tools[index] */
    char *error;
};

/* jansson keeps no positions after loading: the line of a tool is the line of its
 * "name" member in the text, or of the tools array's n-th object when it has none. */
static int tool_line(const struct tool_reader *r)
{
    const char *at = NULL;
    if (r->tool) {
        char *quoted = xasprintf("\"%s\"", r->tool);
        for (const char *p = strstr(r->text, "\"name\""); p && at == NULL;
             p = strstr(p + 1, "\"name\"")) {
            const char *v = p + 6 + strspn(p + 6, " \t\r\n:");
            if (strncmp(v, quoted, strlen(quoted)) == 0)
                at = p;
        }
        free(quoted);
    }
    int line = 1;
    for (const char *p = r->text; at && p < at; p++)
        line += *p == '\n';
    return at ? line : 0;
}

static int reader_fail(struct tool_reader *r, char *message)
{
    if (r->error == NULL) {
        int line = tool_line(r);
        r->error = line ? xasprintf("%s:%d: tools[%zu] '%s': %s", r->path, line, r->index,
                                    r->tool, message)
                        : xasprintf("%s: tools[%zu] '%s': %s", r->path, r->index,
                                    r->tool ? r->tool : "?", message);
    }
    free(message);
    return -1;
}

static char *get_string(struct tool_reader *r, json_t *obj, const char *key, bool required)
{
    json_t *v = json_object_get(obj, key);
    if (v == NULL) {
        if (required)
            reader_fail(r, xasprintf("missing \"%s\" (a string)", key));
        return NULL;
    }
    if (!json_is_string(v)) {
        reader_fail(r, xasprintf("\"%s\" must be a string", key));
        return NULL;
    }
    return xstrdup(json_string_value(v));
}

static char **get_strings(struct tool_reader *r, json_t *obj, const char *key, bool required,
                          size_t *n)
{
    *n = 0;
    json_t *arr = json_object_get(obj, key);
    if (arr == NULL) {
        if (required)
            reader_fail(r, xasprintf("missing \"%s\" (an array of strings)", key));
        return NULL;
    }
    if (!json_is_array(arr) || (required && json_array_size(arr) == 0)) {
        reader_fail(r, xasprintf("\"%s\" must be a non-empty array of strings", key));
        return NULL;
    }
    char **out = xcalloc(json_array_size(arr), sizeof *out);
    size_t i;
    json_t *item;
    json_array_foreach(arr, i, item) {
        if (!json_is_string(item)) {
            reader_fail(r, xasprintf("\"%s\"[%zu] must be a string", key, i));
            break;
        }
        out[(*n)++] = xstrdup(json_string_value(item));
    }
    return out;
}

static void read_env(struct tool_reader *r, json_t *obj, rl_tool *t)
{
    json_t *env = json_object_get(obj, "env");
    if (env == NULL)
        return;
    if (!json_is_object(env)) {
        reader_fail(r, xasprintf("\"env\" must be an object of strings"));
        return;
    }
    t->env = xcalloc(json_object_size(env), sizeof *t->env);
    const char *name;
    json_t *value;
    json_object_foreach(env, name, value) {
        if (!json_is_string(value)) {
            reader_fail(r, xasprintf("env \"%s\" must be a string", name));
            return;
        }
        t->env[t->n_env].name = xstrdup(name);
        t->env[t->n_env++].value = xstrdup(json_string_value(value));
    }
}

/* Numbers are range-checked here, not truncated where they are used. */
static void read_numbers(struct tool_reader *r, json_t *obj, rl_tool *t)
{
    json_t *slowdown = json_object_get(obj, "slowdown");
    t->slowdown = 1;
    if (slowdown != NULL && (!json_is_number(slowdown) || !(json_number_value(slowdown) > 0 &&
                                                             json_number_value(slowdown) <= 1000)))
        reader_fail(r, xasprintf("\"slowdown\" must be a number above 0 and at most 1000"));
    else if (slowdown != NULL)
        t->slowdown = json_number_value(slowdown);
    json_t *status = json_object_get(obj, "report_exit_status");
    t->report_exit_status = -1;
    if (status != NULL && (!json_is_integer(status) || json_integer_value(status) < 1 ||
                           json_integer_value(status) > 255))
        reader_fail(r, xasprintf("\"report_exit_status\" must be an exit status from 1 to "
                                 "255"));
    else if (status != NULL)
        t->report_exit_status = (int)json_integer_value(status);
}

static void read_reports_from(struct tool_reader *r, rl_tool *t)
{
    if (t->parse == NULL || t->reports == NULL)
        t->reports_from = RL_REPORTS_NONE;
    else if (strcmp(t->reports, "@stdout") == 0)
        t->reports_from = RL_REPORTS_STDOUT;
    else if (strcmp(t->reports, "@stderr") == 0)
        t->reports_from = RL_REPORTS_STDERR;
    else if (t->reports[0] == '@')
        reader_fail(r, xasprintf("\"reports\" must be a file pattern, \"@stdout\" or "
                                 "\"@stderr\", got \"%s\"", t->reports));
    else
        t->reports_from = RL_REPORTS_FILES;
}

/* "default_for": "unsafe", "thread unsafe" or "process unsafe". */
static void read_default_for(struct tool_reader *r, json_t *obj, rl_limit *l)
{
    char *scope = get_string(r, obj, "default_for", false);
    if (scope == NULL)
        return;
    l->is_default = true;
    if (strcmp(scope, "thread unsafe") == 0 || strcmp(scope, "process unsafe") == 0)
        l->default_form = xstrndup(scope, strcspn(scope, " "));
    else if (strcmp(scope, "unsafe") != 0)
        reader_fail(r, xasprintf("limit '%s': \"default_for\" must be \"unsafe\", \"thread "
                                 "unsafe\" or \"process unsafe\", got \"%s\"", l->name, scope));
    free(scope);
}

static void read_limits(struct tool_reader *r, json_t *obj, rl_tool *t)
{
    json_t *limits = json_object_get(obj, "limits");
    if (limits == NULL)
        return;
    if (!json_is_object(limits)) {
        reader_fail(r, xasprintf("\"limits\" must be an object of named limits"));
        return;
    }
    t->limits = xcalloc(json_object_size(limits), sizeof *t->limits);
    const char *name;
    json_t *value;
    json_object_foreach(limits, name, value) {
        rl_limit *l = &t->limits[t->n_limits++];
        l->name = xstrdup(name);
        if (!json_is_object(value)) {
            reader_fail(r, xasprintf("limit '%s' must be an object with \"reason\" and "
                                     "\"observed\"", name));
            return;
        }
        l->reason = get_string(r, value, "reason", true);
        l->observed = get_string(r, value, "observed", true);
        read_default_for(r, value, l);
    }
}

static void read_tool(struct tool_reader *r, json_t *obj, json_t *builds, rl_tool *t)
{
    t->name = get_string(r, obj, "name", true);
    r->tool = t->name;
    if (t->name && !rl_name_valid(t->name))
        reader_fail(r, rl_name_problem("tool", t->name));
    t->about = get_string(r, obj, "about", false);
    t->docs = get_string(r, obj, "docs", false);
    if (t->docs && strncmp(t->docs, "https://", 8) != 0)
        reader_fail(r, xasprintf("\"docs\" must be an https:// URL, not \"%s\"", t->docs));
    t->build = get_string(r, obj, "build", false);
    if (t->build && json_object_get(builds, t->build) == NULL)
        reader_fail(r, xasprintf("build \"%s\" is not in \"builds\"", t->build));
    t->argv = get_strings(r, obj, "argv", true, &t->argc);
    t->parser = get_string(r, obj, "parser", true);
    if (t->parser && !rl_parser_known(t->parser))
        reader_fail(r, xasprintf("unknown parser \"%s\" (known: none, tsan, valgrind-xml)",
                                 t->parser));
    else if (t->parser)
        t->parse = rl_parser_by_name(t->parser);
    t->reports = get_string(r, obj, "reports", t->parse != NULL);
    t->size = get_string(r, obj, "size", false);
    if (t->size == NULL)
        t->size = xstrdup("full");
    t->requires = get_strings(r, obj, "requires", false, &t->n_requires);
    t->failure_patterns = get_strings(r, obj, "failure_patterns", false,
                                      &t->n_failure_patterns);
    json_t *required = json_object_get(obj, "report_required");
    if (required != NULL && !json_is_boolean(required))
        reader_fail(r, xasprintf("\"report_required\" must be true or false"));
    t->report_required = json_is_true(required);
    t->version_argv = get_strings(r, obj, "version", false, &t->version_argc);
    t->version_of = get_string(r, obj, "version_of", false);
    t->optional = get_string(r, obj, "optional", false);
    if (t->optional && !rl_name_valid(t->optional))
        reader_fail(r, rl_name_problem("\"optional\" set", t->optional));
    read_reports_from(r, t);
    read_limits(r, obj, t);
    read_env(r, obj, t);
    read_numbers(r, obj, t);
}

/* A version names its family, which must be a tool of its own and no version itself: one
 * level, so an expectation is inherited from exactly one place. */
static char *link_families(struct tool_reader *r, rl_toolset *set)
{
    for (size_t i = 0; i < set->n; i++) {
        rl_tool *t = &set->tools[i];
        if (t->version_of == NULL)
            continue;
        r->tool = t->name;
        r->index = i;
        const rl_tool *family = rl_tool_find(set, t->version_of);
        if (family == NULL || family == t)
            reader_fail(r, xasprintf("\"version_of\": \"%s\" is not another tool of the file",
                                     t->version_of));
        else if (family->version_of != NULL)
            reader_fail(r, xasprintf("\"version_of\": \"%s\" is itself a version of \"%s\" "
                                     "(name the family, \"%s\")", t->version_of,
                                     family->version_of, family->version_of));
        else if (rl_tool_is_detector(family) != rl_tool_is_detector(t))
            reader_fail(r, xasprintf("\"version_of\": \"%s\" and this tool must both be "
                                     "detectors or both not", t->version_of));
        t->family = family;
        if (family)
            set->tools[family - set->tools].has_versions = true;
        if (r->error)
            return r->error;
    }
    return NULL;
}

/* A version says only what differs from its family: the members it leaves out are the
 * family's (its description of how to run, parse and judge), but for "about" and
 * "limits", which are about one version (a version's limits fall back to the family's by
 * name instead, see rl_tool_limit). Returns a new reference. */
static json_t *with_family(json_t *tools, json_t *obj)
{
    const char *family = json_string_value(json_object_get(obj, "version_of"));
    size_t i;
    json_t *other;
    json_array_foreach(tools, i, other) {
        const char *name = json_string_value(json_object_get(other, "name"));
        if (family == NULL || other == obj || name == NULL || strcmp(name, family) != 0 ||
            !json_is_object(other) || json_object_get(other, "version_of") != NULL)
            continue;
        json_t *merged = json_deep_copy(other);
        json_object_del(merged, "about");
        json_object_del(merged, "limits");
        json_object_update(merged, obj);
        return merged;
    }
    return json_incref(obj); /* no such family: link_families says so */
}

static char *read_document(const char *path, const char *text, json_t *root, rl_toolset *out)
{
    struct tool_reader r = {.path = path, .text = text};
    json_t *builds = json_object_get(root, "builds");
    json_t *tools = json_object_get(root, "tools");
    if (!json_is_object(builds) || !json_is_array(tools))
        return xasprintf("%s: expected an object with \"builds\" (object) and \"tools\" "
                         "(array)", path);
    out->tools = xcalloc(json_array_size(tools), sizeof *out->tools);
    size_t i;
    json_t *obj;
    json_array_foreach(tools, i, obj) {
        r.tool = NULL;
        r.index = i;
        if (!json_is_object(obj))
            return xasprintf("%s: tools[%zu] must be an object", path, i);
        json_t *whole = with_family(tools, obj);
        read_tool(&r, whole, builds, &out->tools[out->n++]);
        json_decref(whole);
        if (r.error)
            return r.error;
        if (rl_tool_find(out, out->tools[out->n - 1].name) != &out->tools[out->n - 1]) {
            reader_fail(&r, xstrdup("described twice (tool names are unique)"));
            return r.error;
        }
    }
    return link_families(&r, out);
}

int rl_tools_load(const char *path, rl_toolset *out, char **error)
{
    memset(out, 0, sizeof *out);
    size_t len = 0;
    char *text = rl_read_file_max(path, 1 << 20, &len);
    if (text == NULL) {
        *error = xasprintf("%s: cannot read: %s", path, strerror(errno));
        return -1;
    }
    json_error_t jerr;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
    if (root == NULL) {
        *error = xasprintf("%s:%d: %s", path, jerr.line, jerr.text);
        free(text);
        return -1;
    }
    *error = read_document(path, text, root, out);
    json_decref(root);
    free(text);
    if (*error == NULL)
        return 0;
    rl_tools_free(out);
    return -1;
}

void rl_tools_free(rl_toolset *set)
{
    for (size_t i = 0; i < set->n; i++) {
        rl_tool *t = &set->tools[i];
        free(t->name);
        free(t->about);
        free(t->docs);
        free(t->build);
        free(t->parser);
        free(t->reports);
        free(t->size);
        rl_free_strings(t->argv, t->argc);
        rl_free_strings(t->requires, t->n_requires);
        rl_free_strings(t->failure_patterns, t->n_failure_patterns);
        rl_free_strings(t->version_argv, t->version_argc);
        for (size_t j = 0; j < t->n_env; j++) {
            free(t->env[j].name);
            free(t->env[j].value);
        }
        free(t->env);
        for (size_t j = 0; j < t->n_limits; j++) {
            free(t->limits[j].name);
            free(t->limits[j].reason);
            free(t->limits[j].observed);
            free(t->limits[j].default_form);
        }
        free(t->limits);
        free(t->version_of);
        free(t->optional);
    }
    free(set->tools);
    memset(set, 0, sizeof *set);
}

const rl_tool *rl_tool_find(const rl_toolset *set, const char *name)
{
    for (size_t i = 0; i < set->n; i++)
        if (set->tools[i].name && strcmp(set->tools[i].name, name) == 0)
            return &set->tools[i];
    return NULL;
}

int rl_tool_is_detector(const rl_tool *tool)
{
    return tool->parse != NULL;
}

static const rl_limit *own_limit(const rl_tool *tool, const char *name)
{
    for (size_t i = 0; i < tool->n_limits; i++)
        if (strcmp(tool->limits[i].name, name) == 0)
            return &tool->limits[i];
    return NULL;
}

const rl_tool *rl_tool_limit_owner(const rl_tool *tool, const char *name)
{
    if (own_limit(tool, name))
        return tool;
    return tool->family && own_limit(tool->family, name) ? tool->family : NULL;
}

const rl_limit *rl_tool_limit(const rl_tool *tool, const char *name)
{
    const rl_tool *owner = rl_tool_limit_owner(tool, name);
    return owner ? own_limit(owner, name) : NULL;
}

/* `among`'s default limit for `form` that `tool` (itself or a version of `among`) sees:
 * a family's limit redefined by the version does not count as the family's. */
static const rl_limit *default_among(const rl_tool *tool, const rl_tool *among,
                                     const char *form)
{
    for (size_t i = 0; i < among->n_limits; i++) {
        const rl_limit *l = &among->limits[i];
        if (l->is_default && (l->default_form == NULL || strcmp(l->default_form, form) == 0) &&
            rl_tool_limit(tool, l->name) == l)
            return l;
    }
    return NULL;
}

const rl_limit *rl_tool_default_limit(const rl_tool *tool, const char *form)
{
    const rl_limit *own = default_among(tool, tool, form);
    return own || tool->family == NULL ? own : default_among(tool, tool->family, form);
}

bool rl_tool_in_family(const rl_tool *tool, const char *family)
{
    return strcmp(tool->name, family) == 0 ||
           (tool->version_of != NULL && strcmp(tool->version_of, family) == 0);
}
