/* Reads the set-up half of tools.json (tool_setup.h) with jansson. */
#include "tool_setup.h"

#include "xalloc.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* An array of strings at obj[key] (absent: empty). Returns -1 when it is not one. */
static int strings_of(json_t *obj, const char *key, char ***out, size_t *n)
{
    json_t *array = json_object_get(obj, key);
    *out = NULL;
    *n = 0;
    if (array == NULL)
        return 0;
    if (!json_is_array(array))
        return -1;
    *out = xcalloc(json_array_size(array) + 1, sizeof **out);
    size_t i;
    json_t *item;
    json_array_foreach(array, i, item) {
        if (!json_is_string(item))
            return -1;
        (*out)[(*n)++] = xstrdup(json_string_value(item));
    }
    return 0;
}

static char *read_builds(json_t *builds, rl_tool_setup *out)
{
    out->builds = xcalloc(json_object_size(builds) + 1, sizeof *out->builds);
    const char *name;
    json_t *b;
    json_object_foreach(builds, name, b) {
        rl_build_flavour *f = &out->builds[out->n_builds++];
        f->name = xstrdup(name);
        json_t *compiler = json_object_get(b, "compiler");
        if (!json_is_string(compiler))
            return xasprintf("builds.%s: \"compiler\" must be a string", name);
        f->compiler = xstrdup(json_string_value(compiler));
        if (strings_of(b, "cflags", &f->cflags, &f->n_cflags) != 0 ||
            strings_of(b, "ldflags", &f->ldflags, &f->n_ldflags) != 0)
            return xasprintf("builds.%s: \"cflags\" and \"ldflags\" must be arrays of strings",
                             name);
    }
    return NULL;
}

static char *read_packages(json_t *tools, rl_tool_setup *out)
{
    out->tools = xcalloc(json_array_size(tools) + 1, sizeof *out->tools);
    size_t i;
    json_t *t;
    json_array_foreach(tools, i, t) {
        json_t *name = json_object_get(t, "name");
        if (!json_is_string(name))
            return xasprintf("tools[%zu]: \"name\" must be a string", i);
        rl_tool_packages *p = &out->tools[out->n_tools++];
        p->tool = xstrdup(json_string_value(name));
        if (strings_of(t, "packages", &p->packages, &p->n_packages) != 0)
            return xasprintf("tools[%zu] (%s): \"packages\" must be an array of strings", i,
                             p->tool);
    }
    return NULL;
}

int rl_tool_setup_load(const char *path, rl_tool_setup *out, char **error)
{
    memset(out, 0, sizeof *out);
    json_error_t jerr;
    json_t *root = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
    if (root == NULL) {
        *error = xasprintf("%s:%d: %s", path, jerr.line, jerr.text);
        return -1;
    }
    json_t *builds = json_object_get(root, "builds"), *tools = json_object_get(root, "tools");
    char *why = !json_is_object(builds) || !json_is_array(tools)
                    ? xstrdup("expected \"builds\" (object) and \"tools\" (array)")
                    : read_builds(builds, out);
    if (why == NULL)
        why = read_packages(tools, out);
    json_decref(root);
    if (why == NULL)
        return 0;
    *error = xasprintf("%s: %s", path, why);
    free(why);
    return -1;
}

static void free_strings(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

void rl_tool_setup_free(rl_tool_setup *s)
{
    for (size_t i = 0; i < s->n_builds; i++) {
        free(s->builds[i].name);
        free(s->builds[i].compiler);
        free_strings(s->builds[i].cflags, s->builds[i].n_cflags);
        free_strings(s->builds[i].ldflags, s->builds[i].n_ldflags);
    }
    free(s->builds);
    for (size_t i = 0; i < s->n_tools; i++) {
        free(s->tools[i].tool);
        free_strings(s->tools[i].packages, s->tools[i].n_packages);
    }
    free(s->tools);
    memset(s, 0, sizeof *s);
}

const rl_build_flavour *rl_build_flavour_find(const rl_tool_setup *s, const char *name)
{
    for (size_t i = 0; name && i < s->n_builds; i++)
        if (strcmp(s->builds[i].name, name) == 0)
            return &s->builds[i];
    return NULL;
}

char *rl_install_line(const rl_tool_setup *s, const char *tool)
{
    for (size_t i = 0; i < s->n_tools; i++) {
        if (strcmp(s->tools[i].tool, tool) != 0 || s->tools[i].n_packages == 0)
            continue;
        char *line = xstrdup("apt-get install -y");
        for (size_t p = 0; p < s->tools[i].n_packages; p++) {
            char *next = xasprintf("%s %s", line, s->tools[i].packages[p]);
            free(line);
            line = next;
        }
        return line;
    }
    return NULL;
}
