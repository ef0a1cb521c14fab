/* The files a run writes into --out, in one table, and the one way they are written:
 * a unique mkstemp temporary beside the target, every write, flush, fsync and close
 * checked, then renamed over the target, so a reader (or a second run) never sees half a
 * file and a failed write keeps the previous complete one. */
#ifndef RACELAB_OUTPUTS_H
#define RACELAB_OUTPUTS_H

#include "matrix.h"

#include <stdio.h>

/* Writes one document to `out`; returns 0, or -1 (with *error when it knows more than
 * that the stream failed). */
typedef int rl_emit_fn(const rl_matrix *m, FILE *out, char **error);

/* The atomic step. Returns 0, or -1 with *error naming the file and what failed. */
int rl_write_atomic(const char *path, rl_emit_fn *emit, const rl_matrix *m, char **error);
/* The same step for a document that is not made from the matrix (an HTML page). */
typedef int rl_emit_any_fn(const void *ctx, FILE *out, char **error);
int rl_write_atomic_any(const char *path, rl_emit_any_fn *emit, const void *ctx, char **error);

/* Writes every output of the table into m->opt->out_dir. Returns 0, or -1 with *error
 * (one line per file that failed). On success *written lists the files written. */
int rl_write_outputs(const rl_matrix *m, char **written, char **error);

#endif
