/* md4c renders into a buffer; the fragment is parsed as the body of a small HTML document
 * and its nodes are copied into the page. */
#include "markdown_html.h"

#include <libxml/HTMLparser.h>
#include <md4c-html.h>
#include <string.h>

static void collect(const MD_CHAR *text, MD_SIZE size, void *buffer)
{
    xmlBufferAdd(buffer, (const xmlChar *)text, (int)size);
}

static xmlNodePtr find_body(xmlNodePtr node)
{
    for (; node; node = node->next) {
        if (node->type == XML_ELEMENT_NODE && xmlStrcmp(node->name, BAD_CAST "body") == 0)
            return node;
        xmlNodePtr inner = find_body(node->children);
        if (inner)
            return inner;
    }
    return NULL;
}

int rl_append_markdown(xmlNodePtr parent, const char *markdown, size_t len)
{
    xmlBufferPtr html = xmlBufferCreate();
    xmlBufferCat(html, BAD_CAST "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>");
    if (md_html(markdown, (MD_SIZE)len, collect, html, MD_DIALECT_GITHUB | MD_FLAG_NOHTML,
                0) != 0) {
        xmlBufferFree(html);
        return -1;
    }
    xmlBufferCat(html, BAD_CAST "</body></html>");
    htmlDocPtr doc = htmlReadMemory((const char *)xmlBufferContent(html), xmlBufferLength(html),
                                    NULL, "UTF-8",
                                    HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
    xmlBufferFree(html);
    xmlNodePtr body = doc ? find_body(xmlDocGetRootElement(doc)) : NULL;
    if (body && body->children)
        xmlAddChildList(parent, xmlDocCopyNodeList(parent->doc, body->children));
    xmlFreeDoc(doc);
    return 0;
}
