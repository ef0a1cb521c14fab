/* Building HTML pages as libxml2 HTML trees: every text goes in as a text node and the
 * serializer escapes it, so nothing is ever escaped by hand. Also the style the report's
 * pages share and an atomic save. */
#ifndef RACELAB_HTML_DOC_H
#define RACELAB_HTML_DOC_H

#include <libxml/HTMLtree.h>

typedef struct rl_html {
    htmlDocPtr doc;
    xmlNodePtr head, body;
} rl_html;

/* A page with <!DOCTYPE html>, lang, charset, viewport, the title and the shared style. */
rl_html rl_html_new(const char *title);
/* An element under `parent`, with `text` (may be NULL) as its only child. */
xmlNodePtr rl_el(xmlNodePtr parent, const char *name, const char *text);
xmlNodePtr rl_elf(xmlNodePtr parent, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Appends text; bytes that are not UTF-8 and control characters become U+FFFD. */
void rl_text(xmlNodePtr parent, const char *text);
void rl_attr(xmlNodePtr node, const char *name, const char *value);
void rl_attrf(xmlNodePtr node, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* <a href=...>text</a> */
xmlNodePtr rl_link(xmlNodePtr parent, const char *href, const char *text);
/* An id usable in a URL fragment: letters, digits, '-' and '_'; others become '_'. */
char *rl_html_id(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Writes the page (to a temporary file renamed over `path`) and frees it. */
int rl_html_save(rl_html *page, const char *path, char **error);

#endif
