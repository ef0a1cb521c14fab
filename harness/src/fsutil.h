/* Small file-system helpers: whole-file reads (bounded), directory listings, recursive
 * removal and trimming, a full file system told apart. */
#ifndef RACELAB_FSUTIL_H
#define RACELAB_FSUTIL_H

#include <stdbool.h>
#include <stddef.h>

/* Reads a whole file into a NUL-terminated buffer (malloc'd); NULL with errno on failure. */
char *rl_read_file(const char *path, size_t *len);
/* The same, refusing a file larger than `max` bytes (NULL with errno EFBIG). */
char *rl_read_file_max(const char *path, size_t max, size_t *len);
/* Whether the file system holding `path` has (almost) no space left for its writers. */
bool rl_fs_full(const char *path);
/* Raw output kept for a failing run stays under a budget: a file larger than this keeps
 * its first part and a line saying how much was cut. */
#define RL_RAW_FILE_MAX ((long long)4 << 20)
/* Cuts every regular file under `dir` that is larger than `max` bytes to `max` bytes plus
 * a line saying so. */
void rl_trim_tree(const char *dir, long long max);
/* Sorted names of the entries of `dir` that end with `suffix` ("" for all, no dot-entries)
 * and, when `dirs_only`, are directories. Returns count; *names is malloc'd (free each). */
size_t rl_list_dir(const char *dir, const char *suffix, bool dirs_only, char ***names);
/* Names in `dir` matching the fnmatch(3) pattern, sorted, as full paths. */
size_t rl_glob_dir(const char *dir, const char *pattern, char ***paths);
void rl_free_strings(char **v, size_t n);
int rl_mkdir_p(const char *path);
/* Creates `dir` if needed and waits for an exclusive flock(2) on dir/.lock, held until the
 * returned descriptor is closed (or the process ends): racelab runs that share a build
 * directory take turns building in it. Returns the descriptor, or -1 with errno. */
int rl_lock_dir(const char *dir);
/* Removes a tree, also what a program made unreadable or unwritable in it; goes on past
 * an entry it cannot remove. 0 when all is gone, -1 otherwise. */
int rl_remove_tree(const char *path);
bool rl_is_dir(const char *path);
bool rl_is_file(const char *path);
/* Finds an executable on PATH (or takes a path with a slash as is); malloc'd or NULL. */
char *rl_which(const char *name);
const char *rl_basename(const char *path);

#endif
