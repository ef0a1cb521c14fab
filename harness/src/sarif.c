/* out/results.sarif: every report a dynamic tool made, as SARIF 2.1.0 that GitHub code
 * scanning accepts. No tool emits SARIF for TSan, Helgrind or DRD: this is ours. One run
 * per tool (its own code-scanning category), one result per distinct report of a cell,
 * the first location primary and the others (a race's other access) related. */
#include "matrix.h"
#include "judge.h"
#include "outputs.h"

#include "fsutil.h"
#include "output_common.h"
#include "xalloc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* One rule per report kind, in kinds.def's order, so a kind's ruleIndex is its enum. */
static json_t *rules_json(void)
{
    json_t *list = json_array();
    for (int k = 0; k < RL_KIND_COUNT; k++) {
        const rl_kind_info *about = rl_kind_about((rl_kind)k);
        char *markdown = rl_kind_help_markdown((rl_kind)k);
        char *plain = xasprintf("%s How to fix: %s", about->full, about->fix);
        json_array_append_new(list, json_pack("{s:s, s:s, s:{s:s}, s:{s:s}, s:{s:s, s:s}}",
                                              "id", about->name, "name", about->rule,
                                              "shortDescription", "text", about->meaning,
                                              "fullDescription", "text", about->full, "help",
                                              "text", plain, "markdown", markdown));
        free(plain);
        free(markdown);
    }
    return list;
}

static json_t *physical(const char *uri, int line)
{
    return json_pack("{s:{s:o, s:s}, s:{s:i}}", "artifactLocation", "uri", rl_json_text(uri),
                     "uriBaseId", "%SRCROOT%", "region", "startLine", line);
}

/* A location inside the repository, or NULL (libc, the tool's runtime). */
static json_t *location_json(const char *root, const rl_location *loc, int id)
{
    char *rel = rl_relative_path(root, loc->file);
    json_t *j = NULL;
    if (rel != NULL && rel[0] != '/') {
        j = json_pack("{s:o}", "physicalLocation", physical(rel, loc->line));
        if (id > 0)
            json_object_set_new(j, "id", json_integer(id));
        if (loc->role)
            json_object_set_new(j, "message", json_pack("{s:o}", "text", rl_json_text(loc->role)));
    }
    free(rel);
    return j;
}

/* The program's own wrapper the location stepped over (unwrap.h), as a related location:
 * a reader can follow the report into the helper. NULL when there is none. */
static json_t *wrapper_json(const char *root, const rl_location *loc, int id)
{
    if (loc->wrapper == NULL)
        return NULL;
    char *role = xasprintf("%s%sinside the wrapper %s", loc->role ? loc->role : "",
                           loc->role ? ", " : "",
                           loc->wrapper->function ? loc->wrapper->function : "(file)");
    rl_location inside = {.file = loc->wrapper->file, .line = loc->wrapper->line, .role = role};
    json_t *j = location_json(root, &inside, id);
    free(role);
    return j;
}

/* A report without a repository location points at the program's source (relative to
 * the root, wherever --cases-dir put it). */
static json_t *fallback_location(const rl_cell *cell, const char *root)
{
    char *uri = cell->source && root ? rl_relative_path(root, cell->source) : NULL;
    if (uri == NULL || uri[0] == '/') { /* not under the root: the usual layout */
        free(uri);
        uri = xasprintf("cases/%s/%s.c", cell->c->name, cell->program->name);
    }
    json_t *j = json_pack("{s:o}", "physicalLocation", physical(uri, 1));
    free(uri);
    return j;
}

static json_t *result_json(const rl_cell *cell, const rl_seen_report *seen, const char *root)
{
    const rl_report *r = seen->report;
    json_t *primary = json_array(), *related = json_array();
    for (size_t i = 0; i < r->n_locations; i++) {
        json_t *loc = location_json(root, &r->locations[i], json_array_size(primary) ? (int)i : 0);
        if (loc)
            json_array_append_new(json_array_size(primary) ? related : primary, loc);
        json_t *via = wrapper_json(root, &r->locations[i], (int)(r->n_locations + i));
        if (via)
            json_array_append_new(related, via);
    }
    if (json_array_size(primary) == 0)
        json_array_append_new(primary, fallback_location(cell, root));
    bool false_alarm = seen->explained && seen->explained->false_alarm;
    char *text = xasprintf("%s: %s in %s/%s (%zu of %zu runs)%s%s", cell->tool->name,
                           r->tool_kind ? r->tool_kind : rl_kind_name(r->kind), cell->c->name,
                           cell->program->name, seen->runs, cell->n_runs,
                           false_alarm ? "; a known false alarm of this tool here: " : "",
                           false_alarm ? seen->explained->reason : "");
    json_t *j = json_pack("{s:s, s:i, s:s, s:{s:o}, s:o, s:{s:s, s:s, s:s, s:o}}", "ruleId",
                          rl_kind_name(r->kind), "ruleIndex", (int)r->kind, "level",
                          false_alarm ? "note" : "warning",
                          "message", "text", rl_json_text(text), "locations", primary,
                          "properties", "case", cell->c->name, "program", cell->program->name,
                          "verdict", rl_verdict_name(cell->verdict), "toolMessage",
                          rl_json_text(r->message));
    if (json_array_size(related) > 0)
        json_object_set_new(j, "relatedLocations", related);
    else
        json_decref(related);
    free(text);
    return j;
}

static json_t *run_json(const rl_matrix *m, size_t tool, const char *root)
{
    const rl_tool *t = m->tools[tool];
    json_t *results = json_array();
    for (size_t i = 0; i < m->n_cells; i++) {
        if (m->cells[i].tool != t)
            continue;
        rl_seen_report *seen;
        size_t n = rl_distinct_reports(&m->cells[i], &seen);
        for (size_t k = 0; k < n; k++)
            json_array_append_new(results, result_json(&m->cells[i], &seen[k], root));
        free(seen);
    }
    char *category = xasprintf("racelab/%s/", t->name);
    json_t *driver = json_pack("{s:s, s:o}", "name", t->name, "rules", rules_json());
    if (m->tool_versions[tool])
        json_object_set_new(driver, "version", rl_json_text(m->tool_versions[tool]));
    json_t *run = json_pack("{s:{s:o}, s:{s:o}, s:o}", "tool", "driver", driver,
                            "automationDetails", "id", rl_json_text(category), "results",
                            results);
    free(category);
    return run;
}

static int emit_sarif(const rl_matrix *m, FILE *out, char **error)
{
    (void)error;
    char *root = rl_repository_root(m);
    json_t *runs = json_array();
    for (size_t t = 0; t < m->n_tools; t++)
        if (rl_tool_is_detector(m->tools[t]))
            json_array_append_new(runs, run_json(m, t, root));
    json_t *doc = json_pack("{s:s, s:s, s:o}", "$schema",
                            "https://json.schemastore.org/sarif-2.1.0.json", "version", "2.1.0",
                            "runs", runs);
    int rc = json_dumpf(doc, out, JSON_INDENT(2));
    json_decref(doc);
    free(root);
    return rc;
}

int rl_write_sarif(const rl_matrix *m, const char *path, char **error)
{
    return rl_write_atomic(path, emit_sarif, m, error);
}
