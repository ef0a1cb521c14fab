/* Small file-system helpers: whole-file reads, directory listings, recursive removal. */
#ifndef RACELAB_FSUTIL_H
#define RACELAB_FSUTIL_H

#include <stdbool.h>
#include <stddef.h>

/* Reads a whole file into a NUL-terminated buffer (malloc'd); NULL with errno on failure. */
char *rl_read_file(const char *path, size_t *len);
/* Sorted names of the entries of `dir` that end with `suffix` ("" for all, no dot-entries)
 * and, when `dirs_only`, are directories. Returns count; *names is malloc'd (free each). */
size_t rl_list_dir(const char *dir, const char *suffix, bool dirs_only, char ***names);
/* Names in `dir` matching the fnmatch(3) pattern, sorted, as full paths. */
size_t rl_glob_dir(const char *dir, const char *pattern, char ***paths);
void rl_free_strings(char **v, size_t n);
int rl_mkdir_p(const char *path);
int rl_remove_tree(const char *path);
bool rl_is_dir(const char *path);
bool rl_is_file(const char *path);
/* Finds an executable on PATH (or takes a path with a slash as is); malloc'd or NULL. */
char *rl_which(const char *name);
const char *rl_basename(const char *path);
/* Ends an atomic write: `tmp` (malloc'd, freed here) was written beside `path`; when the
 * write succeeded it is renamed over `path`, otherwise it is removed. Returns 0, or -1 with
 * *error saying what failed (write_errno for the write). */
int rl_finish_tmp(char *tmp, const char *path, bool write_failed, int write_errno, char **error);

#endif
