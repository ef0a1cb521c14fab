/* Structural check of a real run's results.sarif against what SARIF 2.1.0 and GitHub code scanning
 * require (a version, runs with a tool driver and a category each, results whose rule is
 * declared and whose locations are repository-relative files with a start line), and of
 * what racelab's results mean there (related locations linked from the message, expected
 * outcomes suppressed and only those, a fingerprint per result, unique in its run).
 * (junit.xml has its own check: check_junit.c.)
 * usage: validate_outputs OUT_DIR REPO_ROOT */
#define _GNU_SOURCE
#include <jansson.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int problems;

static void problem(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("validate_outputs: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    problems++;
}

static const char *string_at(json_t *obj, const char *key, const char *where)
{
    json_t *v = json_object_get(obj, key);
    if (!json_is_string(v) || json_string_length(v) == 0) {
        problem("%s: \"%s\" must be a non-empty string", where, key);
        return NULL;
    }
    return json_string_value(v);
}

static void check_physical(json_t *loc, const char *root, const char *where)
{
    json_t *phys = json_object_get(loc, "physicalLocation");
    json_t *art = json_object_get(phys, "artifactLocation");
    const char *uri = art ? string_at(art, "uri", where) : NULL;
    json_t *line = json_object_get(json_object_get(phys, "region"), "startLine");
    if (uri == NULL || !json_is_integer(line) || json_integer_value(line) < 1) {
        problem("%s: needs physicalLocation.artifactLocation.uri and region.startLine >= 1",
                where);
        return;
    }
    if (uri[0] == '/' || strstr(uri, "://") != NULL)
        problem("%s: uri '%s' must be relative to the repository root", where, uri);
    char *path = NULL;
    if (asprintf(&path, "%s/%s", root, uri) > 0 && access(path, R_OK) != 0)
        problem("%s: uri '%s' names no file of the repository", where, uri);
    free(path);
}

static bool rule_declared(json_t *rules, const char *id, json_t *index)
{
    size_t i;
    json_t *rule;
    json_array_foreach(rules, i, rule) {
        if (strcmp(json_string_value(json_object_get(rule, "id")), id) == 0)
            return index == NULL || (json_is_integer(index) && json_integer_value(index) == (json_int_t)i);
    }
    return false;
}

/* The message links every related location by its id ("[previous read](1)"), and no link
 * points at a location the result does not have. */
static void check_links(json_t *result, const char *where)
{
    json_t *message = json_object_get(result, "message");
    const char *text = json_string_value(json_object_get(message, "text"));
    json_t *related = json_object_get(result, "relatedLocations");
    size_t i;
    json_t *loc;
    json_array_foreach(related, i, loc) {
        long long id = (long long)json_integer_value(json_object_get(loc, "id"));
        char link[32];
        snprintf(link, sizeof link, "](%lld)", id);
        if (text && strstr(text, link) == NULL)
            problem("%s: related location %lld is not linked from the message", where, id);
    }
    for (const char *at = text; at && (at = strstr(at, "](")) != NULL; at += 2) {
        long long id = strtoll(at + 2, NULL, 10);
        bool found = false;
        json_array_foreach(related, i, loc) {
            found |= json_integer_value(json_object_get(loc, "id")) == id;
        }
        if (!found)
            problem("%s: the message links location %lld, which it does not have", where, id);
    }
}

/* What the case expected is suppressed with a reason; what it did not expect is open. */
static void check_suppression(json_t *result, const char *where)
{
    json_t *properties = json_object_get(result, "properties");
    const char *outcome = json_string_value(json_object_get(properties, "outcome"));
    bool expected = outcome && (strcmp(outcome, "expected") == 0 ||
                                strcmp(outcome, "known-false-alarm") == 0);
    json_t *suppressions = json_object_get(result, "suppressions");
    if (outcome == NULL)
        problem("%s: properties.outcome must say what the case expected of it", where);
    if (expected != (json_array_size(suppressions) > 0))
        problem("%s: a result with outcome '%s' must %sbe suppressed", where,
                outcome ? outcome : "?", expected ? "" : "not ");
    size_t i;
    json_t *s;
    json_array_foreach(suppressions, i, s) {
        const char *kind = string_at(s, "kind", where);
        string_at(s, "justification", where);
        if (kind && strcmp(kind, "external") != 0)
            problem("%s: a suppression of racelab's is external, not '%s'", where, kind);
    }
}

static void check_result(json_t *result, json_t *rules, const char *root, const char *where)
{
    const char *rule = string_at(result, "ruleId", where);
    if (rule && !rule_declared(rules, rule, json_object_get(result, "ruleIndex")))
        problem("%s: ruleId '%s' (or its ruleIndex) is not among the driver's rules", where, rule);
    string_at(json_object_get(result, "message"), "text", where);
    const char *level = string_at(result, "level", where);
    if (level && strcmp(level, "none") && strcmp(level, "note") && strcmp(level, "warning") &&
        strcmp(level, "error"))
        problem("%s: level '%s' is not none, note, warning or error", where, level);
    json_t *locations = json_object_get(result, "locations");
    if (!json_is_array(locations) || json_array_size(locations) == 0)
        problem("%s: needs at least one location", where);
    size_t i;
    json_t *loc;
    json_array_foreach(locations, i, loc) check_physical(loc, root, where);
    json_array_foreach(json_object_get(result, "relatedLocations"), i, loc) {
        if (!json_is_integer(json_object_get(loc, "id")))
            problem("%s: a related location needs an integer id", where);
        check_physical(loc, root, where);
    }
    check_links(result, where);
    check_suppression(result, where);
    string_at(json_object_get(result, "partialFingerprints"), "racelab/v1", where);
}

static void check_run(json_t *run, size_t index, const char *root, json_t *categories)
{
    char where[64];
    snprintf(where, sizeof where, "runs[%zu]", index);
    json_t *driver = json_object_get(json_object_get(run, "tool"), "driver");
    string_at(driver, "name", where);
    json_t *rules = json_object_get(driver, "rules");
    size_t i;
    json_t *item;
    json_array_foreach(rules, i, item) {
        string_at(item, "id", where);
        string_at(json_object_get(item, "shortDescription"), "text", where);
    }
    const char *category = string_at(json_object_get(run, "automationDetails"), "id", where);
    if (category && json_object_get(categories, category))
        problem("%s: category '%s' is used by two runs", where, category);
    else if (category)
        json_object_set_new(categories, category, json_true());
    json_t *results = json_object_get(run, "results");
    if (!json_is_array(results))
        problem("%s: needs a results array", where);
    json_t *fingerprints = json_object();
    json_array_foreach(results, i, item) {
        char at[96];
        snprintf(at, sizeof at, "%s.results[%zu]", where, i);
        check_result(item, rules, root, at);
        const char *fp = json_string_value(
            json_object_get(json_object_get(item, "partialFingerprints"), "racelab/v1"));
        if (fp && json_object_get(fingerprints, fp))
            problem("%s: fingerprint %s is another result's too: GitHub would make them one "
                    "alert", at, fp);
        else if (fp)
            json_object_set_new(fingerprints, fp, json_true());
    }
    json_decref(fingerprints);
}

static void validate_sarif(const char *path, const char *root)
{
    json_error_t jerr;
    json_t *doc = json_load_file(path, 0, &jerr);
    if (doc == NULL) {
        problem("%s:%d: not JSON: %s", path, jerr.line, jerr.text);
        return;
    }
    const char *version = string_at(doc, "version", path);
    if (version && strcmp(version, "2.1.0") != 0)
        problem("%s: version must be 2.1.0, is %s", path, version);
    string_at(doc, "$schema", path);
    json_t *runs = json_object_get(doc, "runs"), *categories = json_object();
    if (!json_is_array(runs) || json_array_size(runs) == 0)
        problem("%s: needs a non-empty runs array", path);
    size_t i;
    json_t *run;
    json_array_foreach(runs, i, run) check_run(run, i, root, categories);
    json_decref(categories);
    json_decref(doc);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fputs("usage: validate_outputs OUT_DIR REPO_ROOT\n", stderr);
        return 2;
    }
    char *sarif = NULL;
    if (asprintf(&sarif, "%s/results.sarif", argv[1]) < 0)
        return 2;
    validate_sarif(sarif, argv[2]);
    if (problems == 0)
        printf("validate_outputs: %s is well-formed\n", sarif);
    free(sarif);
    return problems ? 1 : 0;
}
