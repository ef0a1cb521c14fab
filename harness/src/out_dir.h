/* The --out directory is only ever replaced whole: a run writes into a fresh staging
 * directory beside the previous results, and only a finished run swaps its files in, so
 * an interrupted or failed run never clobbers the last complete results, and nothing of
 * an older run (its raw/ outputs) survives a newer one. */
#ifndef RACELAB_OUT_DIR_H
#define RACELAB_OUT_DIR_H

/* Creates `out` if needed, checks it is a writable directory, and makes the staging
 * directory in it (malloc'd into *stage). Returns -1 with *error and errno when `out` is
 * unusable (ENOSPC or EDQUOT: no room for even the staging directory). */
int rl_out_stage(const char *out, char **stage, char **error);
/* Moves every entry of the staging directory over `out`'s, removes `out`'s raw/ when the
 * new run kept none, and removes the staging directory. Returns -1 with *error. */
int rl_out_commit(const char *out, const char *stage, char **error);
/* Removes the staging directory and everything in it. */
void rl_out_abandon(const char *stage);

#endif
