/* SARIF 2.1.0 (clang --analyze -Xanalyzer -analyzer-output=sarif) into normalized
 * reports, read with jansson.
 *
 * One report per runs[].results[]: the rule (ruleId, or the rule its ruleIndex names)
 * and message.text give the kind (rl_static_kind), locations[0] the one location (role
 * "warning"): physicalLocation.artifactLocation.uri, or the run's artifacts[index] when
 * the uri is left out, "file://" and percent-escapes removed, and region.startLine. The
 * first code flow gives the location its function and callers (the calls still open at
 * its end: clang writes "Calling 'my_unlock'" at the call site, "Returning from ..." when
 * it returns), so a case's wrappers can be stepped over as in a runtime tool's stack
 * (unwrap.h). Results in system headers, and results whose kind says they are not a
 * finding ("pass", "notApplicable", "informational"), are skipped.
 *
 * The analyzer writes the file in one go at its end, so an unparsable file is
 * RL_PARSE_MALFORMED even when it looks cut off; the error says where. */
#include "parse_static.h"

#include "fsutil.h"
#include "xalloc.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

static const char *string_at(json_t *object, const char *key)
{
    return json_string_value(json_object_get(object, key));
}

static int hex_value(char c)
{
    return isdigit((unsigned char)c) ? c - '0' : tolower((unsigned char)c) - 'a' + 10;
}

/* "file:///work/a%20b.c" -> "/work/a b.c"; "file://host/x.c" -> "/x.c"; anything else
 * (a relative uri) is kept, unescaped. */
static char *uri_to_path(const char *uri)
{
    const char *p = uri;
    if (strncmp(p, "file://", 7) == 0) {
        p += 7;
        if (*p != '/') {
            const char *slash = strchr(p, '/');
            p = slash ? slash : p + strlen(p);
        }
    } else if (strncmp(p, "file:", 5) == 0) {
        p += 5;
    }
    char *path = xmalloc(strlen(p) + 1), *o = path;
    for (; *p; p++) {
        if (p[0] == '%' && isxdigit((unsigned char)p[1]) && isxdigit((unsigned char)p[2])) {
            *o++ = (char)(hex_value(p[1]) * 16 + hex_value(p[2]));
            p += 2;
        } else {
            *o++ = *p;
        }
    }
    *o = '\0';
    return path;
}

/* The uri of an artifactLocation: its own, or its artifact's (by index). */
static const char *artifact_uri(json_t *run, json_t *artifact_location)
{
    const char *uri = string_at(artifact_location, "uri");
    if (uri)
        return uri;
    json_t *index = json_object_get(artifact_location, "index");
    if (!json_is_integer(index))
        return NULL;
    json_t *artifact = json_array_get(json_object_get(run, "artifacts"),
                                      (size_t)json_integer_value(index));
    return string_at(json_object_get(artifact, "location"), "uri");
}

/* The rule a result is about: ruleId, rule.id, or tool.driver.rules[ruleIndex].id. */
static const char *rule_of(json_t *run, json_t *result)
{
    const char *id = string_at(result, "ruleId");
    if (!id)
        id = string_at(json_object_get(result, "rule"), "id");
    json_t *index = json_object_get(result, "ruleIndex");
    if (!id && json_is_integer(index)) {
        json_t *rules = json_object_get(
            json_object_get(json_object_get(run, "tool"), "driver"), "rules");
        id = string_at(json_array_get(rules, (size_t)json_integer_value(index)), "id");
    }
    return id;
}

static bool is_finding(json_t *result)
{
    const char *kind = string_at(result, "kind"); /* SARIF's result kind, "fail" by default */
    return !kind || strcmp(kind, "fail") == 0 || strcmp(kind, "review") == 0 ||
           strcmp(kind, "open") == 0;
}

/* "Calling 'name'" -> "name" (malloc'd); NULL for any other message. */
static char *called(const char *message, const char *prefix)
{
    size_t n = strlen(prefix);
    if (message == NULL || strncmp(message, prefix, n) != 0)
        return NULL;
    const char *end = strchr(message + n, '\'');
    return end ? xstrndup(message + n, (size_t)(end - message - n)) : NULL;
}

enum { MAX_OPEN_CALLS = 32 };

typedef struct open_call {
    char *callee, *path; /* the function called, and the file of the call site */
    int line;
} open_call;

/* The calls of the result's first thread flow still open at its end become the
 * location's function (the innermost callee) and its callers (the call sites). */
static void add_flow_callers(json_t *run, json_t *result, rl_location *loc)
{
    json_t *flow = json_array_get(json_object_get(json_array_get(
                                      json_object_get(result, "codeFlows"), 0), "threadFlows"), 0);
    json_t *steps = json_object_get(flow, "locations");
    open_call open[MAX_OPEN_CALLS];
    size_t n = 0;
    for (size_t i = 0; i < json_array_size(steps); i++) {
        json_t *where = json_object_get(json_array_get(steps, i), "location");
        const char *text = string_at(json_object_get(where, "message"), "text");
        char *callee = called(text, "Calling '"), *back = called(text, "Returning from '");
        json_t *physical = json_object_get(where, "physicalLocation");
        const char *uri = artifact_uri(run, json_object_get(physical, "artifactLocation"));
        json_t *line = json_object_get(json_object_get(physical, "region"), "startLine");
        if (callee && uri && json_is_integer(line) && n < MAX_OPEN_CALLS)
            open[n++] = (open_call){callee, uri_to_path(uri), (int)json_integer_value(line)};
        else
            free(callee);
        if (back && n > 0) {
            n--;
            free(open[n].callee);
            free(open[n].path);
        }
        free(back);
    }
    if (n > 0 && loc->function == NULL)
        loc->function = xstrdup(open[n - 1].callee);
    for (size_t k = n; k-- > 0;) /* innermost call site first */
        rl_location_add_caller(loc, open[k].path, open[k].line,
                               k > 0 ? open[k - 1].callee : NULL);
    for (size_t k = 0; k < n; k++) {
        free(open[k].callee);
        free(open[k].path);
    }
}

/* Adds the report for runs[r].results[i]; returns an error message or NULL. */
static char *take_result(json_t *run, json_t *result, size_t r, size_t i, rl_report_list *out)
{
    if (!json_is_object(result))
        return xasprintf("runs[%zu].results[%zu]: not an object", r, i);
    const char *message = string_at(json_object_get(result, "message"), "text");
    if (!message)
        return xasprintf("runs[%zu].results[%zu]: no message.text", r, i);
    if (!is_finding(result))
        return NULL;
    json_t *locations = json_object_get(result, "locations");
    if (locations && !json_is_array(locations))
        return xasprintf("runs[%zu].results[%zu].locations: not an array", r, i);
    json_t *physical = json_object_get(json_array_get(locations, 0), "physicalLocation");
    const char *uri = artifact_uri(run, json_object_get(physical, "artifactLocation"));
    json_t *start_line = json_object_get(json_object_get(physical, "region"), "startLine");
    char *path = uri ? uri_to_path(uri) : NULL;
    if (path && rl_static_system_path(path)) {
        free(path);
        return NULL;
    }
    const char *rule = rule_of(run, result);
    rl_report *report = rl_report_add(out, rl_static_kind(rule, message),
                                      rule ? rule : "(no rule)", message);
    /* a line beyond int would be truncated into another, real-looking line: none */
    if (path && json_is_integer(start_line) && json_integer_value(start_line) > 0 &&
        json_integer_value(start_line) <= INT_MAX) {
        rl_report_add_location(report, path, (int)json_integer_value(start_line), NULL,
                               "warning");
        add_flow_callers(run, result, &report->locations[report->n_locations - 1]);
    }
    free(path);
    return NULL;
}

static char *take_document(json_t *root, rl_report_list *out)
{
    if (!json_is_object(root))
        return xstrdup("the top level is not a JSON object: not SARIF");
    const char *version = string_at(root, "version");
    if (!version)
        return xstrdup("no \"version\": not SARIF");
    if (strncmp(version, "2.", 2) != 0)
        return xasprintf("SARIF version %s; only 2.x is read", version);
    json_t *runs = json_object_get(root, "runs");
    if (!json_is_array(runs))
        return xstrdup("no \"runs\" array: not SARIF");
    for (size_t r = 0; r < json_array_size(runs); r++) {
        json_t *run = json_array_get(runs, r);
        if (!json_is_object(run))
            return xasprintf("runs[%zu]: not an object", r);
        json_t *results = json_object_get(run, "results");
        if (results && !json_is_array(results))
            return xasprintf("runs[%zu].results: not an array", r);
        for (size_t i = 0; i < json_array_size(results); i++) {
            char *problem = take_result(run, json_array_get(results, i), r, i, out);
            if (problem)
                return problem;
        }
    }
    return NULL;
}

rl_parse_status rl_parse_sarif_text(const char *text, size_t len, rl_report_list *out,
                                    char **error)
{
    *error = NULL;
    json_error_t json_error;
    json_t *root = json_loadb(text, len, 0, &json_error);
    if (!root) {
        bool at_end = json_error.position >= 0 && (size_t)json_error.position >= len;
        *error = len == 0 ? xstrdup("empty, not SARIF")
                          : xasprintf("line %d, column %d: not valid JSON%s: %s",
                                      json_error.line, json_error.column,
                                      at_end ? " (it ends early: cut off?)" : "",
                                      json_error.text);
        return RL_PARSE_MALFORMED;
    }
    /* A bad result leaves nothing behind: collect into a draft first. */
    rl_report_list draft = {0};
    char *problem = take_document(root, &draft);
    json_decref(root);
    if (problem) {
        *error = problem;
        rl_report_list_free(&draft);
        return RL_PARSE_MALFORMED;
    }
    rl_static_move_reports(out, &draft);
    return RL_PARSE_OK;
}

rl_parse_status rl_parse_sarif_file(const char *path, rl_report_list *out, char **error)
{
    return rl_parse_file_as(path, rl_parse_sarif_text, out, error);
}
