/* A static analyzer's answer depends only on what it reads and how it is run, so it is
 * computed once per (tool version, argument vector, environment, source and every header
 * beside it and in common/) and kept, content-addressed, under the build directory: an
 * unchanged program is not analysed again on the next run, and a changed byte anywhere in
 * what the tool could have read makes a new key. */
#ifndef RACELAB_STATIC_CACHE_H
#define RACELAB_STATIC_CACHE_H

#include "jobs.h"
#include "matrix.h"

#include <stdbool.h>

/* Everything the analysis of the cell depends on, as text (malloc'd). */
char *rl_static_cache_key(const rl_matrix *m, const rl_cell *cell, const char *tool_version);

/* The cache entry for the key (malloc'd path) with the run's *end, or NULL on a miss. */
char *rl_static_cache_lookup(const char *build_dir, const char *key, rl_end *end);
/* Copies an entry's stdout, stderr and reports/ into run_dir (which exists); 0 or -1. */
int rl_static_cache_copy(const char *entry, const char *run_dir);
/* Keeps the run's stdout, stderr and reports/ under the key (atomically: a half-written
 * entry is never seen). Only runs that exited are worth keeping. */
void rl_static_cache_store(const char *build_dir, const char *key, const char *run_dir,
                           const rl_end *end);

#endif
