/* Loads a results.json and checks that it is one (see results_read.h). */
#define _GNU_SOURCE
#include "results_read.h"

#include "xalloc.h"

json_t *rl_results_load(const char *path, char **error)
{
    json_error_t err;
    json_t *doc = json_load_file(path, 0, &err);
    if (doc == NULL) {
        *error = err.line > 0 ? xasprintf("%s:%d: %s", path, err.line, err.text)
                              : xasprintf("%s: %s", path, err.text);
        return NULL;
    }
    json_t *format = json_object_get(doc, "racelab");
    if (!json_is_integer(format) || json_integer_value(format) != RL_RESULTS_FORMAT ||
        !json_is_array(json_object_get(doc, "cells"))) {
        *error = xasprintf("%s:1: not a racelab results.json of format %d (\"racelab\": %d with "
                           "a \"cells\" array)", path, RL_RESULTS_FORMAT,
                           RL_RESULTS_FORMAT);
        json_decref(doc);
        return NULL;
    }
    return doc;
}
