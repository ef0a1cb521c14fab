/* The effective expectation of every cell: what case.ini says, with the named limits it
 * cites (tools.json) spelled out, and the defaults for what it leaves unsaid. */
#ifndef RACELAB_EFFECTIVE_H
#define RACELAB_EFFECTIVE_H

#include "model.h"
#include "tools.h"

/* Completes every program of the case against the tools: checks that each line names a
 * known tool with a type that suits it, replaces `@NAME` reasons by the tool's limit (its
 * text, then what the line adds after ';'), and gives every tool the program does not
 * mention its default: `clean` (a detector) or `correct` (native) on a safe program, the
 * tool's default limit as `blind` on an unsafe one. A version of a family (tools.json
 * "version_of") that the program does not name inherits the family's line, its `@NAME`s
 * read against the version's limits (the family's unless redefined). Only the `selected`
 * tools get a default (NULL: every tool), so a program needs no line for a tool that is
 * not run; the settings' `cflags.FLAVOUR` and `options.TOOL` are checked against the
 * tools. Problems are appended to *errors, one
 * per line, each naming case.ini and its line. */
void rl_effective_resolve(rl_case *c, const rl_toolset *tools, const char *tools_path,
                          const rl_tool *const *selected, size_t n_selected, char **errors);

/* Where the cell's expectation comes from: "case.ini:12", "default", or with a limit
 * "@NAME (tools.json, observed on VERSION)"; malloc'd. */
char *rl_effective_origin(const rl_case *c, const rl_tool *tool, const rl_expectation *e,
                          const rl_expected_report *r);

#endif
