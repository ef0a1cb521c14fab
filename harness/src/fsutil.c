#define _GNU_SOURCE
#include "fsutil.h"

#include "xalloc.h"

#include <dirent.h>
#include <fcntl.h>
#include <errno.h>
#include <fnmatch.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

char *rl_read_file_max(const char *path, size_t max, size_t *len)
{
    FILE *f = fopen(path, "rbe");
    if (f == NULL)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = xmalloc(cap);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0 && n + got <= max) {
        n += got;
        if (cap - n - 1 == 0)
            buf = xrealloc(buf, cap *= 2);
    }
    int failed = ferror(f) ? EIO : n + got > max ? EFBIG : 0;
    fclose(f);
    if (failed) {
        free(buf);
        errno = failed;
        return NULL;
    }
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

char *rl_read_file(const char *path, size_t *len)
{
    return rl_read_file_max(path, SIZE_MAX - 1, len);
}

bool rl_fs_full(const char *path)
{
    struct statvfs fs;
    return statvfs(path, &fs) == 0 && (unsigned long long)fs.f_bavail * fs.f_frsize < (1ULL << 20);
}

static long long trim_max;

static int trim_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)ftw;
    if (flag != FTW_F || !S_ISREG(st->st_mode) || st->st_size <= trim_max)
        return 0;
    if (truncate(path, trim_max) == 0) {
        FILE *f = fopen(path, "ae");
        if (f) {
            fprintf(f, "\n[racelab: cut at %lld of %lld bytes to keep raw output small]\n",
                    trim_max, (long long)st->st_size);
            fclose(f);
        }
    }
    return 0;
}

void rl_trim_tree(const char *dir, long long max)
{
    trim_max = max;
    nftw(dir, trim_entry, 16, FTW_PHYS);
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Lists entries accepted by `keep`, sorted. */
static size_t list_matching(const char *dir, bool (*keep)(const char *dir, const char *name,
                                                          const void *arg),
                            const void *arg, bool full_paths, char ***out)
{
    *out = NULL;
    DIR *d = opendir(dir);
    if (d == NULL)
        return 0;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' || !keep(dir, e->d_name, arg))
            continue;
        *out = xrealloc(*out, (n + 1) * sizeof **out);
        (*out)[n++] = full_paths ? xasprintf("%s/%s", dir, e->d_name) : xstrdup(e->d_name);
    }
    closedir(d);
    if (n > 1)
        qsort(*out, n, sizeof **out, compare_strings);
    return n;
}

struct suffix_filter {
    const char *suffix;
    bool dirs_only;
};

static bool keep_suffix(const char *dir, const char *name, const void *arg)
{
    const struct suffix_filter *f = arg;
    if (!ends_with(name, f->suffix))
        return false;
    if (!f->dirs_only)
        return true;
    char *path = xasprintf("%s/%s", dir, name);
    bool is_dir = rl_is_dir(path);
    free(path);
    return is_dir;
}

size_t rl_list_dir(const char *dir, const char *suffix, bool dirs_only, char ***names)
{
    struct suffix_filter f = {suffix, dirs_only};
    return list_matching(dir, keep_suffix, &f, false, names);
}

static bool keep_pattern(const char *dir, const char *name, const void *arg)
{
    (void)dir;
    return fnmatch((const char *)arg, name, 0) == 0;
}

size_t rl_glob_dir(const char *dir, const char *pattern, char ***paths)
{
    return list_matching(dir, keep_pattern, pattern, true, paths);
}

void rl_free_strings(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

int rl_mkdir_p(const char *path)
{
    char *copy = xstrdup(path);
    for (char *p = copy + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(copy, 0777) != 0 && errno != EEXIST) {
            free(copy);
            return -1;
        }
        *p = '/';
    }
    int rc = mkdir(copy, 0777) != 0 && errno != EEXIST ? -1 : 0;
    free(copy);
    return rc;
}

/* Per thread: nftw's callbacks take no argument. */
static _Thread_local size_t opened_up, not_removed;

/* A program may leave directories it made unreadable or unwritable (chmod 000): give
 * racelab's own tree back to its owner, so that removing it cannot stop half-way. */
static int open_up(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)ftw;
    if (flag == FTW_DNR || (flag == FTW_D && (st->st_mode & S_IRWXU) != S_IRWXU))
        opened_up += chmod(path, S_IRWXU) == 0 && flag == FTW_DNR;
    return 0;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    not_removed += remove(path) != 0;
    return 0; /* keep going: one entry that stays must not keep the others */
}

int rl_lock_dir(const char *dir)
{
    if (rl_mkdir_p(dir) != 0)
        return -1;
    char *path = xasprintf("%s/.lock", dir);
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    free(path);
    if (fd >= 0 && flock(fd, LOCK_EX) != 0) {
        int saved = errno;
        close(fd);
        errno = saved;
        return -1;
    }
    return fd;
}

int rl_remove_tree(const char *path)
{
    /* each pass opens up one more level of unreadable directories */
    for (int pass = 0; pass < 64; pass++) {
        opened_up = 0;
        if (nftw(path, open_up, 16, FTW_PHYS) != 0 || opened_up == 0)
            break;
    }
    not_removed = 0;
    if (nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS) != 0)
        return -1;
    return not_removed ? -1 : 0;
}

bool rl_is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool rl_is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

char *rl_which(const char *name)
{
    if (strchr(name, '/'))
        return access(name, X_OK) == 0 ? xstrdup(name) : NULL;
    const char *path = getenv("PATH");
    if (path == NULL)
        path = "/usr/local/bin:/usr/bin:/bin";
    char *dirs = xstrdup(path), *save = NULL;
    for (char *d = strtok_r(dirs, ":", &save); d; d = strtok_r(NULL, ":", &save)) {
        char *candidate = xasprintf("%s/%s", *d ? d : ".", name);
        if (access(candidate, X_OK) == 0 && rl_is_file(candidate)) {
            free(dirs);
            return candidate;
        }
        free(candidate);
    }
    free(dirs);
    return NULL;
}

const char *rl_basename(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}
