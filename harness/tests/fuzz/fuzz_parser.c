/* A libFuzzer target for one report parser, chosen when it is built: RL_FUZZ_PARSER names
 * a function of the rl_parse_text_fn shape (parse.h). Any bytes must give a known status,
 * a message exactly when the status is not OK, and reports that hold together (a known kind,
 * locations with a file and a line above 0), without a crash, a leak or undefined
 * behaviour (the target is built with ASan and UBSan). */
#include "kinds.h"
#include "parse.h"
#include "parse_static.h"
#include "xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The TSan parser reads NUL-terminated text. */
__attribute__((unused)) static rl_parse_status fuzz_tsan_text(const char *text, size_t len, rl_report_list *out,
                                      char **error)
{
    (void)len;
    return rl_parse_tsan_text(text, out, error);
}

static void check(bool ok)
{
    if (!ok)
        abort(); /* libFuzzer keeps the input that got here */
}

static void check_reports(const rl_report_list *list)
{
    for (size_t i = 0; i < list->n; i++) {
        const rl_report *r = &list->items[i];
        check((unsigned)r->kind < RL_KIND_COUNT);
        for (size_t k = 0; k < r->n_locations; k++)
            check(r->locations[k].file != NULL && r->locations[k].line > 0);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = xmalloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';
    rl_report_list list = {0};
    char *error = NULL;
    rl_parse_status status = RL_FUZZ_PARSER(text, size, &list, &error);
    check(status == RL_PARSE_OK || status == RL_PARSE_PARTIAL ||
          status == RL_PARSE_TOOL_FAILED || status == RL_PARSE_MALFORMED);
    check((status == RL_PARSE_OK) == (error == NULL));
    check_reports(&list);
    rl_report_list_free(&list);
    free(error);
    free(text);
    return 0;
}
