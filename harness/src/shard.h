/* Which cells of the matrix a run makes: the cells a previous run did not pass
 * (--rerun-failed PREV/results.json) and one of N shards (--shard K/N), a deterministic
 * split balanced by expected cost. Both keep whole rows (a program under every selected
 * tool) so that every output still lays the matrix out program by program. */
#ifndef RACELAB_SHARD_H
#define RACELAB_SHARD_H

#include "matrix.h"

/* "K/N" with 1 <= K <= N <= 1000. Returns -1 on anything else. */
int rl_parse_shard(const char *s, unsigned *k, unsigned *n);

/* Applies opt->rerun_failed, then opt->shard_index/shard_count, to a prepared matrix.
 * Returns -1 with *error (malloc'd, "path:line: what") when PREV cannot be read. */
int rl_matrix_select(rl_matrix *m, char **error);

#endif
