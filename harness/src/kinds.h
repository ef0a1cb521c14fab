/* The normalized report kinds (kinds.def) as an enum, and what each one is called and
 * means: its name in case.ini, its SARIF rule, its help text. */
#ifndef RACELAB_KINDS_H
#define RACELAB_KINDS_H

#include <stdbool.h>
#include <stddef.h>

typedef enum {
#define RL_KIND(id, name, rule, meaning, full, fix) RL_KIND_##id,
#include "kinds.def"
#undef RL_KIND
    RL_KIND_COUNT
} rl_kind;

typedef struct rl_kind_info {
    const char *name;    /* "data-race": what case.ini and the outputs call it */
    const char *rule;    /* "DataRace": the SARIF rule name */
    const char *meaning; /* one line, for `racelab kinds` and SARIF's shortDescription */
    const char *full;    /* a paragraph: SARIF's fullDescription */
    const char *fix;     /* how to fix it: SARIF's help */
} rl_kind_info;

const rl_kind_info *rl_kind_about(rl_kind kind);
const char *rl_kind_name(rl_kind kind);
/* The kind named `name`; false when no kind has that name. */
bool rl_kind_parse(const char *name, rl_kind *out);
/* "data-race, lock-order-inversion, ..., other" (malloc'd). */
char *rl_kind_list(void);
/* A tool's own name for a finding, and the kind it is: the rows of a parser's table. */
typedef struct rl_kind_alias {
    const char *name;
    rl_kind kind;
} rl_kind_alias;

/* The kind of the first row whose name equals `name` (or, with `prefix`, starts `name`);
 * RL_KIND_OTHER when no row does or `name` is NULL. */
rl_kind rl_kind_by_alias(const rl_kind_alias *rows, size_t n, const char *name, bool prefix);
#define RL_KIND_BY_ALIAS(rows, name, prefix) \
    rl_kind_by_alias((rows), sizeof(rows) / sizeof((rows)[0]), (name), (prefix))

/* SARIF help in Markdown: what it means, then how to fix it (malloc'd). */
char *rl_kind_help_markdown(rl_kind kind);

#endif
