/* libxml2's HTML tree as the report's writer: elements, attributes and text nodes in, the
 * HTML serializer out. */
#define _GNU_SOURCE
#include "html_doc.h"

#include "fsutil.h"
#include "outcome.h"
#include "outputs.h"
#include "xalloc.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Light and plain: readable printed, on a phone, and without any script. */
static const char base_css[] =
    "body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1400px;padding:0 16px;"
    "color:#24292f}\n"
    "h1{font-size:1.6em;margin:.6em 0 .2em}h2{margin-top:1.6em;border-bottom:1px solid #d0d7de}\n"
    "table{border-collapse:collapse}th,td{padding:3px 6px;text-align:left;vertical-align:top}\n"
    "table.grid th,table.grid td{border:1px solid #d0d7de}\n"
    "table.heatmap td{white-space:nowrap}\n"
    "table.heatmap td.cell{text-align:center;font-size:.82em;min-width:4.5em;padding:2px 4px}\n"
    "table.heatmap td.cell a{color:inherit;text-decoration:none;display:block}\n"
    "table.heatmap th.tool{writing-mode:vertical-rl;transform:rotate(180deg);"
    "white-space:nowrap;font-weight:600}\n"
    "table.heatmap tr.first td{border-top:2px solid #57606a}\n"
    "td.cell .ci{display:block;font-size:.8em;opacity:.85}\n"
    ".failure{font-weight:700;outline:2px solid #24292f;outline-offset:-3px}\n"
    "dl.meta{display:grid;grid-template-columns:max-content auto;gap:2px 12px;margin:0}\n"
    "dl.meta dt{font-weight:600}dl.meta dd{margin:0;font-family:monospace}\n"
    "table.source{font:13px/1.35 monospace;width:100%}\n"
    "table.source td{padding:0 6px;white-space:pre-wrap}\n"
    "table.source td.ln{color:#6e7781;text-align:right;user-select:none;width:3em}\n"
    "table.source tr.marked{background:#fff8c5}table.source tr.marked td.ln{color:#9a6700}\n"
    "table.source tr:target{background:#ffd8b5}\n"
    "pre{background:#f6f8fa;padding:8px;overflow-x:auto}\n"
    "pre.raw{max-height:30em}\n"
    "details{margin:.4em 0}summary{cursor:pointer}\n"
    ".lesson{background:#f6f8fa;border-left:4px solid #0969da;padding:2px 14px}\n"
    "span.badge{display:inline-block;padding:1px 6px;border-radius:4px;white-space:nowrap}\n"
    "table.grid th{white-space:nowrap}\n"
    "ul.reports li{margin:.3em 0}\n"
    "table#legend{font-size:.85em}table#legend td{padding:1px 6px}\n";

static void add_outcome_css(xmlBufferPtr css)
{
    for (int o = 0; o < RL_OUTCOME_COUNT; o++) {
        const rl_outcome_info *info = rl_outcome_describe((rl_outcome)o);
        char *rule = xasprintf(".o-%s{background:%s;color:%s}\n", info->key, info->color,
                               info->ink);
        xmlBufferCat(css, BAD_CAST rule);
        free(rule);
    }
}

rl_html rl_html_new(const char *title)
{
    rl_html page;
    page.doc = htmlNewDocNoDtD(NULL, NULL);
    xmlCreateIntSubset(page.doc, BAD_CAST "html", NULL, NULL);
    xmlNodePtr html = xmlNewDocNode(page.doc, NULL, BAD_CAST "html", NULL);
    xmlDocSetRootElement(page.doc, html);
    xmlNewProp(html, BAD_CAST "lang", BAD_CAST "en");
    page.head = rl_el(html, "head", NULL);
    rl_attr(rl_el(page.head, "meta", NULL), "charset", "utf-8");
    xmlNodePtr viewport = rl_el(page.head, "meta", NULL);
    rl_attr(viewport, "name", "viewport");
    rl_attr(viewport, "content", "width=device-width, initial-scale=1");
    rl_el(page.head, "title", title);
    xmlBufferPtr css = xmlBufferCreate();
    xmlBufferCat(css, BAD_CAST base_css);
    add_outcome_css(css);
    rl_el(page.head, "style", (const char *)xmlBufferContent(css));
    xmlBufferFree(css);
    page.body = rl_el(html, "body", NULL);
    return page;
}

/* Tools print any bytes; an HTML page must be UTF-8 without control characters. */
static char *clean_text(const char *text)
{
    size_t len = strlen(text);
    xmlBufferPtr out = xmlBufferCreateSize(len + 1);
    for (size_t i = 0; i < len;) {
        int n = (int)(len - i > 4 ? 4 : len - i);
        int c = xmlGetUTF8Char((const unsigned char *)text + i, &n);
        bool control = c >= 0 && c < 0x20 && c != '\n' && c != '\t';
        if (c < 0 || n <= 0 || control || c == 0x7f) {
            xmlBufferCat(out, BAD_CAST "\xef\xbf\xbd");
            i += n > 0 && c >= 0 ? (size_t)n : 1;
        } else {
            xmlBufferAdd(out, (const xmlChar *)text + i, n);
            i += (size_t)n;
        }
    }
    char *s = xstrdup((const char *)xmlBufferContent(out));
    xmlBufferFree(out);
    return s;
}

void rl_text(xmlNodePtr parent, const char *text)
{
    if (text == NULL || *text == '\0')
        return;
    char *clean = clean_text(text);
    xmlAddChild(parent, xmlNewDocText(parent->doc, BAD_CAST clean));
    free(clean);
}

xmlNodePtr rl_el(xmlNodePtr parent, const char *name, const char *text)
{
    xmlNodePtr node = xmlNewDocNode(parent->doc, NULL, BAD_CAST name, NULL);
    xmlAddChild(parent, node);
    rl_text(node, text);
    return node;
}

xmlNodePtr rl_elf(xmlNodePtr parent, const char *name, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *text = NULL;
    if (vasprintf(&text, fmt, ap) < 0)
        abort();
    va_end(ap);
    xmlNodePtr node = rl_el(parent, name, text);
    free(text);
    return node;
}

void rl_attr(xmlNodePtr node, const char *name, const char *value)
{
    char *clean = clean_text(value ? value : "");
    xmlSetProp(node, BAD_CAST name, BAD_CAST clean);
    free(clean);
}

void rl_attrf(xmlNodePtr node, const char *name, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *value = NULL;
    if (vasprintf(&value, fmt, ap) < 0)
        abort();
    va_end(ap);
    rl_attr(node, name, value);
    free(value);
}

xmlNodePtr rl_link(xmlNodePtr parent, const char *href, const char *text)
{
    xmlNodePtr a = rl_el(parent, "a", text);
    rl_attr(a, "href", href);
    return a;
}

char *rl_html_id(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *id = NULL;
    if (vasprintf(&id, fmt, ap) < 0)
        abort();
    va_end(ap);
    for (char *p = id; *p; p++)
        if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_')
            *p = '_';
    return id;
}

typedef struct dumped {
    const xmlChar *text;
    int size;
} dumped;

static int emit_dump(const void *ctx, FILE *out, char **error)
{
    const dumped *d = ctx;
    (void)error;
    return d->text && fwrite(d->text, 1, (size_t)d->size, out) == (size_t)d->size ? 0 : -1;
}

/* Serialised by libxml2, written through the one atomic step (outputs.h). */
int rl_html_save(rl_html *page, const char *path, char **error)
{
    xmlChar *text = NULL;
    int size = 0;
    htmlDocDumpMemoryFormat(page->doc, &text, &size, 1);
    xmlFreeDoc(page->doc);
    page->doc = NULL;
    dumped d = {text, size};
    int rc = rl_write_atomic_any(path, emit_dump, &d, error);
    xmlFree(text);
    return rc;
}
