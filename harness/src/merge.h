/* `racelab merge OUT... --out DIR`: one matrix from the results.json of several runs
 * (the shards of a split run), laid out and written as if one run had made every cell. */
#ifndef RACELAB_MERGE_H
#define RACELAB_MERGE_H

#include "matrix.h"
#include "run_meta.h"

#include <jansson.h>

typedef struct rl_merged {
    rl_options opt;  /* the matrix points at it: keep the struct where it is */
    rl_matrix m;
    rl_run_meta meta;
    json_t **docs;   /* the merged results.json files; their strings back opt's filters */
    size_t n_docs;
} rl_merged;

/* argv[1] is "merge" (argv is the whole command line, which results.json records); `merged->opt` holds the defaults (cases, tools, build folders).
 * Reads every OUT's results.json, prepares the matrix of their cases and tools, keeps
 * exactly their cells and fills them in. Returns 0, 1 after --help, or 2 on bad usage or
 * input (the message names the file). Call rl_merged_free in every case. */
int rl_merge_load(int argc, char **argv, rl_merged *merged);
void rl_merged_free(rl_merged *merged);

#endif
