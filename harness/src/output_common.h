/* What the machine-readable outputs (results.json, results.sarif) share: the repository
 * root that paths are made relative to, JSON strings that survive any bytes, and the
 * distinct reports of a cell over its runs. */
#ifndef RACELAB_OUTPUT_COMMON_H
#define RACELAB_OUTPUT_COMMON_H

#include "matrix.h"

#include <jansson.h>
#include <stdint.h>

/* The parent of the cases folder (realpath), or NULL when it cannot be resolved. */
char *rl_repository_root(const rl_matrix *m);
/* `path` relative to `root` when it lies under it (also through symlinks), else as is. */
char *rl_relative_path(const char *root, const char *path);
/* A JSON string; invalid UTF-8 bytes become '?'; NULL becomes null. */
json_t *rl_json_text(const char *s);
json_t *rl_json_relative_path(const char *root, const char *path);

/* FNV-1a over n bytes, going on from h (RL_FNV1A_SEED to start): a hash that is the same
 * on every machine and in every run, for indexes and for SARIF's fingerprints. */
#define RL_FNV1A_SEED 0xcbf29ce484222325ULL
uint64_t rl_fnv1a(uint64_t h, const void *data, size_t n);
/* rl_fnv1a of a whole NUL-terminated string from the seed. */
uint64_t rl_fnv1a_text(const char *s);

/* A report seen in some runs of a cell; the first occurrence stands for all. */
typedef struct rl_seen_report {
    const rl_report *report;
    const rl_expected_report *explained; /* the judge's answer (verdict.h); NULL: none */
    const char *marker;                  /* the marker of `explained` it was on; NULL */
    size_t runs;
    size_t last_run; /* so a report repeated within one run counts that run once */
} rl_seen_report;

/* The distinct reports (same kind and ordered file:line list) over the cell's runs. */
size_t rl_distinct_reports(const rl_cell *cell, rl_seen_report **out);

/* In how many of the cell's runs a report explained by the expectation's report `k` came:
 * the rate of a `may` line. */
size_t rl_runs_explained_by(const rl_cell *cell, size_t k);

#endif
