/* Markdown (a case README) into the report's HTML tree: rendered by md4c, then parsed by
 * libxml2's HTML parser so its nodes join the page and go through the same serializer. */
#ifndef RACELAB_MARKDOWN_HTML_H
#define RACELAB_MARKDOWN_HTML_H

#include <libxml/tree.h>

/* Appends the rendered `markdown` (GitHub dialect: tables, strikethrough) under `parent`.
 * Returns -1 when md4c refuses the text (nothing is appended then). */
int rl_append_markdown(xmlNodePtr parent, const char *markdown, size_t len);

#endif
