/* A program's settings turned into command words (cell_args.h). */
#include "cell_args.h"

#include "case.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

static void push(char ***v, size_t *n, char *word)
{
    *v = xrealloc(*v, (*n + 2) * sizeof **v);
    (*v)[(*n)++] = word;
    (*v)[*n] = NULL;
}

static void push_setting(char ***v, size_t *n, const rl_case *c, const rl_program *p,
                         const char *key, const char *prefix)
{
    const char **words;
    size_t k = rl_program_setting(c, p, key, &words);
    for (size_t i = 0; i < k; i++)
        push(v, n, xasprintf("%s%s", prefix, words[i]));
    free(words);
}

/* -IDIR, DIR relative to the case folder, whatever the cwd. */
static char *include_flag(const rl_case *c, const char *dir)
{
    return dir[0] == '/' ? xasprintf("-I%s", dir) : xasprintf("-I%s/%s", c->dir, dir);
}

/* `defines` as -DNAME, `includes` as -IDIR. */
static void push_defines_and_includes(char ***v, size_t *n, const rl_case *c,
                                      const rl_program *p)
{
    push_setting(v, n, c, p, "defines", "-D");
    const char **dirs;
    size_t k = rl_program_setting(c, p, "includes", &dirs);
    for (size_t i = 0; i < k; i++)
        push(v, n, include_flag(c, dirs[i]));
    free(dirs);
}

/* A compiler flag that changes what the source says (a macro, an include path, the
 * language standard), as opposed to how it is compiled (-O0, -g). */
static bool says_what_source_means(const char *word)
{
    static const char *const prefixes[] = {"-D", "-U", "-I", "-std="};
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
        if (strncmp(word, prefixes[i], strlen(prefixes[i])) == 0)
            return true;
    return false;
}

char **rl_define_flags(const rl_case *c, const rl_program *p, size_t *n)
{
    char **v = xcalloc(1, sizeof *v);
    *n = 0;
    const char **cflags;
    size_t k_cflags = rl_program_setting(c, p, "cflags", &cflags);
    for (size_t i = 0; i < k_cflags; i++) /* an analyzer must read the source as built */
        if (says_what_source_means(cflags[i]))
            push(&v, n, xstrdup(cflags[i]));
    free(cflags);
    push_defines_and_includes(&v, n, c, p);
    return v;
}

char **rl_build_flags(const rl_case *c, const rl_program *p, const char *flavour, size_t *n)
{
    char **v = xcalloc(1, sizeof *v);
    *n = 0;
    push_setting(&v, n, c, p, "cflags", "");
    char *key = xasprintf("cflags.%s", flavour);
    push_setting(&v, n, c, p, key, "");
    free(key);
    push_defines_and_includes(&v, n, c, p);
    return v;
}

char **rl_link_flags(const rl_case *c, const rl_program *p, size_t *n)
{
    char **v = xcalloc(1, sizeof *v);
    *n = 0;
    push_setting(&v, n, c, p, "ldflags", "");
    return v;
}

char **rl_tool_argv(const rl_case *c, const rl_program *p, const rl_tool *t,
                    char *(*expand)(const char *element, const void *ctx), const void *ctx)
{
    char **v = xcalloc(1, sizeof *v);
    size_t n = 0;
    char *key = xasprintf("options.%s", t->name);
    bool options_done = false;
    for (size_t i = 0; i < t->argc; i++) {
        const char *el = t->argv[i];
        if (strcmp(el, "{defines}") == 0) {
            size_t nd;
            char **defines = rl_define_flags(c, p, &nd);
            for (size_t k = 0; k < nd; k++)
                push(&v, &n, defines[k]);
            free(defines);
            continue;
        }
        bool program = strstr(el, "{program}") != NULL;
        if (!options_done && (program || strstr(el, "{source}"))) {
            push_setting(&v, &n, c, p, key, "");
            options_done = true;
        }
        push(&v, &n, expand(el, ctx));
        if (program)
            push_setting(&v, &n, c, p, "args", "");
    }
    free(key);
    return v;
}
