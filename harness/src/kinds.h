/* The normalized report kinds (kinds.def) as an enum, and what each one is called and
 * means: its name in case.ini, its SARIF rule, its help text. */
#ifndef RACELAB_KINDS_H
#define RACELAB_KINDS_H

#include <stdbool.h>

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
/* SARIF help in Markdown: what it means, then how to fix it (malloc'd). */
char *rl_kind_help_markdown(rl_kind kind);

#endif
