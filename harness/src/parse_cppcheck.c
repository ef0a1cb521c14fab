/* cppcheck --xml (version 2) into normalized reports, read with libxml2's streaming
 * xmlTextReader:
 *
 *     <results version="2"><cppcheck version="2.10"/><errors>
 *       <error id="doubleFree" severity="error" msg="..." ...>
 *         <location file="a.c" line="14" column="5"/>   the finding itself
 *         <location file="a.c" line="13" column="5"/>   what led to it (e.g. the first free)
 *       </error>
 *     </errors></results>
 *
 * One report per <error>: the id gives the kind (rl_static_kind) and is the tool_kind,
 * msg the message; the first <location> is role "warning", later ones on other lines
 * role "note". Not findings, skipped: severity "information" and the ids missingInclude*,
 * checkersReport, toomanyconfigs. An error in a system header is skipped too.
 *
 * cppcheck writes each <error> as it finds it, so a run killed at its deadline leaves a
 * document without its end: every complete <error> is kept and the status is
 * RL_PARSE_PARTIAL. An id saying cppcheck could not read the code (syntaxError and its
 * kin) makes the status RL_PARSE_TOOL_FAILED. */
#include "parse_static.h"

#include "fsutil.h"
#include "xalloc.h"
#include "xml_text.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlreader.h>

typedef struct {
    char *file;
    int line;
} cc_location;

typedef struct {
    char *id, *severity, *msg;
    cc_location *locations;
    size_t n_locations;
} cc_error;

typedef struct {
    rl_report_list *out;
    int depth;        /* of the element being read: <results> is 1 */
    bool saw_root;
    int root_line;
    char *root_name;
    char *version;    /* <results version=...> */
    bool in_error;
    cc_error error;
    char *failure;    /* the first error saying cppcheck could not read the code */
    char *xml_error;  /* the first parse error libxml2 reported */
    int xml_error_line;
} cc_state;

static void cc_error_free(cc_error *e)
{
    for (size_t i = 0; i < e->n_locations; i++)
        free(e->locations[i].file);
    free(e->locations);
    free(e->id);
    free(e->severity);
    free(e->msg);
    memset(e, 0, sizeof *e);
}

static char *attribute(xmlTextReaderPtr reader, const char *name)
{
    xmlChar *value = xmlTextReaderGetAttribute(reader, (const xmlChar *)name);
    char *copy = value ? xstrdup((const char *)value) : NULL;
    xmlFree(value);
    return copy;
}

static bool is_not_a_finding(const cc_error *e)
{
    static const char *const ids[] = {"checkersReport", "toomanyconfigs"};
    if (e->severity && strcmp(e->severity, "information") == 0)
        return true;
    if (strncmp(e->id, "missingInclude", strlen("missingInclude")) == 0)
        return true;
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
        if (strcmp(e->id, ids[i]) == 0)
            return true;
    return false;
}

/* cppcheck's words for "the code could not be analysed" (syntaxError seen in 2.10). */
static bool is_tool_failure(const cc_error *e)
{
    static const char *const ids[] = {"syntaxError", "internalAstError", "cppcheckError",
                                      "internalError", "unknownMacro"};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
        if (strcmp(e->id, ids[i]) == 0)
            return true;
    return false;
}

static void emit_error(cc_state *st)
{
    const cc_error *e = &st->error;
    if (!e->id || is_not_a_finding(e))
        return;
    if (is_tool_failure(e)) {
        if (!st->failure)
            st->failure = e->n_locations > 0
                              ? xasprintf("%s:%d: %s: %s", e->locations[0].file,
                                          e->locations[0].line, e->id, e->msg ? e->msg : "")
                              : xasprintf("%s: %s", e->id, e->msg ? e->msg : "");
        return;
    }
    if (e->n_locations > 0 && rl_static_system_path(e->locations[0].file))
        return;
    rl_report *r = rl_report_add(st->out, rl_static_kind(e->id, e->msg), e->id, e->msg);
    for (size_t i = 0; i < e->n_locations; i++) {
        const cc_location *l = &e->locations[i];
        bool seen = false;
        for (size_t j = 0; j < r->n_locations; j++)
            if (r->locations[j].line == l->line && strcmp(r->locations[j].file, l->file) == 0)
                seen = true;
        if (!seen && !rl_static_system_path(l->file))
            rl_report_add_location(r, l->file, l->line, NULL, i == 0 ? "warning" : "note");
    }
}

static void on_location(cc_state *st, xmlTextReaderPtr reader)
{
    char *file = attribute(reader, "file");
    char *line = attribute(reader, "line");
    int n = line ? rl_positive_int(line) : 0;
    free(line);
    if (!file || n <= 0) {
        free(file);
        return;
    }
    cc_error *e = &st->error;
    e->locations = xrealloc(e->locations, (e->n_locations + 1) * sizeof *e->locations);
    e->locations[e->n_locations++] = (cc_location){file, n};
}

static void on_open(cc_state *st, xmlTextReaderPtr reader, const char *name)
{
    if (st->depth == 3 && strcmp(name, "error") == 0) {
        st->in_error = true;
        memset(&st->error, 0, sizeof st->error);
        st->error.id = attribute(reader, "id");
        st->error.severity = attribute(reader, "severity");
        st->error.msg = attribute(reader, "msg");
    } else if (st->depth == 4 && st->in_error && strcmp(name, "location") == 0) {
        on_location(st, reader);
    }
}

static void on_close(cc_state *st)
{
    if (st->depth == 3 && st->in_error) {
        emit_error(st);
        cc_error_free(&st->error);
        st->in_error = false;
    }
}

static void on_xml_error(void *arg, xmlErrorPtr err)
{
    cc_state *st = arg;
    rl_xml_keep_first_error(&st->xml_error, &st->xml_error_line, err);
}

/* Walks the document. Returns 1 at the end of a well-formed document, 0 when the root
 * is not <results version="2">, -1 on a parse error. */
static int walk(xmlTextReaderPtr reader, cc_state *st)
{
    int rc;
    while ((rc = xmlTextReaderRead(reader)) == 1) {
        int type = xmlTextReaderNodeType(reader);
        if (type == XML_READER_TYPE_ELEMENT) {
            const char *name = (const char *)xmlTextReaderConstLocalName(reader);
            if (!st->saw_root) {
                xmlNodePtr node = xmlTextReaderCurrentNode(reader);
                st->root_line = node ? (int)xmlGetLineNo(node) : 0;
                st->root_name = xstrdup(name);
                st->version = attribute(reader, "version");
                if (strcmp(name, "results") != 0 || !st->version ||
                    strcmp(st->version, "2") != 0)
                    return 0;
                st->saw_root = true;
            }
            bool empty = xmlTextReaderIsEmptyElement(reader);
            st->depth++;
            on_open(st, reader, name);
            if (empty) {
                on_close(st);
                st->depth--;
            }
        } else if (type == XML_READER_TYPE_END_ELEMENT) {
            on_close(st);
            st->depth--;
        }
    }
    return rc == 0 ? 1 : -1;
}

/* Whether the whole text is a beginning of what cppcheck writes first: a run killed
 * within moments of its start leaves that. */
static bool is_cut_header(const char *text, size_t len)
{
    static const char header[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                 "<results version=\"2\">";
    return len < sizeof header - 1 && memcmp(text, header, len) == 0;
}

static rl_parse_status verdict(const cc_state *st, int walked, const char *text, size_t len,
                               char **error)
{
    if (walked < 0 && !st->saw_root && is_cut_header(text, len)) {
        *error = xstrdup("line 1: output ends before <results> has begun");
        return RL_PARSE_PARTIAL;
    }
    if (walked == 0) {
        *error = st->version && strcmp(st->root_name, "results") == 0
                     ? xasprintf("line %d: cppcheck XML version %s; only version 2 "
                                 "(--xml) is read", st->root_line, st->version)
                     : xasprintf("line %d: root element <%s> is not cppcheck's "
                                 "<results version=\"2\">", st->root_line, st->root_name);
        return RL_PARSE_MALFORMED;
    }
    if (walked < 0 && !(st->saw_root && rl_xml_error_at_end(text, len, st->xml_error_line))) {
        *error = xasprintf("line %d: not well-formed XML: %s", st->xml_error_line,
                           st->xml_error ? st->xml_error : "parse error");
        return RL_PARSE_MALFORMED;
    }
    if (st->failure) {
        *error = xasprintf("cppcheck could not analyse the code: %s", st->failure);
        return RL_PARSE_TOOL_FAILED;
    }
    if (walked < 0) {
        *error = xasprintf("line %d: output ends before </results>%s", st->xml_error_line,
                           st->in_error ? ", inside an <error> (dropped)" : "");
        return RL_PARSE_PARTIAL;
    }
    return RL_PARSE_OK;
}

rl_parse_status rl_parse_cppcheck_text(const char *text, size_t len, rl_report_list *out,
                                       char **error)
{
    *error = NULL;
    int first_line;
    const char *start;
    if (!rl_xml_starts_like_xml(text, len, &first_line, &start)) {
        size_t shown = strcspn(start, "\n");
        *error = start >= text + len
                     ? xasprintf("line %d: empty, not cppcheck XML output", first_line)
                     : xasprintf("line %d: not XML: the text starts with \"%.*s\"", first_line,
                                 (int)(shown > 40 ? 40 : shown), start);
        return RL_PARSE_MALFORMED;
    }
    if (rl_xml_refused(text, len, error))
        return RL_PARSE_MALFORMED;
    xmlTextReaderPtr reader =
        xmlReaderForMemory(text, (int)len, "cppcheck.xml", NULL, XML_PARSE_NONET);
    if (!reader) {
        *error = xstrdup("line 1: libxml2 could not start reading");
        return RL_PARSE_MALFORMED;
    }
    /* Reports go to a draft: a document that turns out malformed adds nothing. */
    rl_report_list draft = {0};
    cc_state st = {.out = &draft};
    xmlTextReaderSetStructuredErrorHandler(reader, on_xml_error, &st);
    int walked = walk(reader, &st);
    xmlFreeTextReader(reader);
    rl_parse_status status = verdict(&st, walked, text, len, error);
    if (status != RL_PARSE_MALFORMED)
        rl_static_move_reports(out, &draft);
    rl_report_list_free(&draft);
    if (st.in_error)
        cc_error_free(&st.error);
    free(st.root_name);
    free(st.version);
    free(st.failure);
    free(st.xml_error);
    return status;
}

rl_parse_status rl_parse_cppcheck_file(const char *path, rl_report_list *out, char **error)
{
    return rl_parse_file_as(path, rl_parse_cppcheck_text, out, error);
}
