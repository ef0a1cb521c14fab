/* The kind table of kinds.def, looked up by enum and by name. */
#include "kinds.h"

#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

static const rl_kind_info table[RL_KIND_COUNT] = {
#define RL_KIND(id, name, rule, meaning, full, fix) {name, rule, meaning, full, fix},
#include "kinds.def"
#undef RL_KIND
};

const rl_kind_info *rl_kind_about(rl_kind kind)
{
    return &table[(unsigned)kind < RL_KIND_COUNT ? kind : RL_KIND_OTHER];
}

const char *rl_kind_name(rl_kind kind)
{
    return rl_kind_about(kind)->name;
}

bool rl_kind_parse(const char *name, rl_kind *out)
{
    for (int k = 0; k < RL_KIND_COUNT; k++)
        if (strcmp(table[k].name, name) == 0) {
            *out = (rl_kind)k;
            return true;
        }
    return false;
}

char *rl_kind_list(void)
{
    char *out = xstrdup("");
    for (int k = 0; k < RL_KIND_COUNT; k++) {
        char *next = xasprintf("%s%s%s", out, k ? ", " : "", table[k].name);
        free(out);
        out = next;
    }
    return out;
}

char *rl_kind_help_markdown(rl_kind kind)
{
    const rl_kind_info *k = rl_kind_about(kind);
    return xasprintf("**%s** (`%s`): %s\n\n**How to fix:** %s", k->rule, k->name, k->full,
                     k->fix);
}
