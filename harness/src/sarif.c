/* out/results.sarif: what every detector reported, and what it missed, as SARIF 2.1.0 that
 * GitHub code scanning accepts (Microsoft's SARIF Multitool with its GitHub rules finds no
 * error: a test checks). No tool emits SARIF for TSan, Helgrind or DRD: this is ours. One
 * run per tool (its own code-scanning category), every report kind a rule with its
 * meaning and how to fix it (kinds.def); a cell's results are sarif_results.c's. */
#include "matrix.h"
#include "judge.h"
#include "outputs.h"
#include "sarif_results.h"

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

/* SARIF wants a version that starts with a number ("14.0.6"); the tool's own words
 * ("Debian clang version 14.0.6") go in fullName. */
static void put_version(json_t *driver, const char *said)
{
    const char *digit = strpbrk(said, "0123456789");
    if (digit == NULL) {
        json_object_set_new(driver, "fullName", rl_json_text(said));
        return;
    }
    char *version = xstrndup(digit, strcspn(digit, " \t\n"));
    json_object_set_new(driver, "version", rl_json_text(version));
    json_object_set_new(driver, "fullName", rl_json_text(said));
    free(version);
}

static json_t *run_json(const rl_matrix *m, size_t tool, const char *root)
{
    const rl_tool *t = m->tools[tool];
    json_t *results = json_array();
    for (size_t i = 0; i < m->n_cells; i++)
        if (m->cells[i].tool == t)
            rl_sarif_cell_results(m, &m->cells[i], root, results);
    char *category = xasprintf("racelab/%s/", t->name);
    json_t *driver = json_pack("{s:s, s:o}", "name", t->name, "rules", rules_json());
    if (m->tool_versions[tool])
        put_version(driver, m->tool_versions[tool]);
    if (t->docs)
        json_object_set_new(driver, "informationUri", rl_json_text(t->docs));
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
