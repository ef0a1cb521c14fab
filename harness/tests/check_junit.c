/* Checks JUnit XML files against the rules of the Jenkins xUnit plugin's junit-10.xsd
 * (jenkinsci/xunit-plugin, src/main/resources/org/jenkinsci/plugins/xunit/types/model/xsd/
 * junit-10.xsd): which elements may appear, which attributes each allows or requires, which
 * children each may hold and whether it may hold text. Every row of `rules` below is one
 * element declaration of that file, restated (not copied) as data; the XSD's attribute
 * types are all xs:string and its content models are unordered choices (testsuite,
 * testcase, rerunFailure/rerunError) or a single repeated child (testsuites, properties),
 * so names, presence and nesting are the whole of what it checks.
 * usage: check_junit FILE...   exit 0 when every file keeps every rule, 1 otherwise. */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define MAX_NAMES 24

typedef struct element_rule {
    const char *name;
    const char *required[MAX_NAMES]; /* use="required" attributes */
    const char *optional[MAX_NAMES]; /* use="optional" attributes */
    const char *children[MAX_NAMES]; /* elements its content model refers to */
    bool text;                       /* mixed="true" or a simple type (xs:string) */
} element_rule;

/* junit-10.xsd, element by element, in the order the file declares them. */
static const element_rule rules[] = {
    /* failure, error, skipped: complexType mixed="true", attributes type and message */
    {"failure", {0}, {"type", "message"}, {0}, true},
    {"error", {0}, {"type", "message"}, {0}, true},
    {"skipped", {0}, {"type", "message"}, {0}, true},
    /* properties: a sequence of property; property: name and value, both required */
    {"properties", {0}, {0}, {"property"}, false},
    {"property", {"name", "value"}, {0}, {0}, false},
    /* system-err, system-out: type="xs:string" (text, no attributes) */
    {"system-err", {0}, {0}, {0}, true},
    {"system-out", {0}, {0}, {0}, true},
    /* rerunFailure, rerunError: mixed, a choice of system-out/system-err, type and message */
    {"rerunFailure", {0}, {"type", "message"}, {"system-out", "system-err"}, true},
    {"rerunError", {0}, {"type", "message"}, {"system-out", "system-err"}, true},
    /* testcase: a choice of skipped, error, failure, rerunFailure, rerunError, system-out,
     * system-err; name required */
    {"testcase",
     {"name"},
     {"assertions", "time", "timestamp", "classname", "status", "class", "file", "line", "log",
      "group", "url"},
     {"skipped", "error", "failure", "rerunFailure", "rerunError", "system-out", "system-err"},
     false},
    /* testsuite: a choice of testsuite, properties, testcase, system-out, system-err; tests
     * required */
    {"testsuite",
     {"tests"},
     {"name", "failures", "errors", "time", "disabled", "skipped", "skips", "timestamp",
      "hostname", "id", "package", "assertions", "file", "skip", "log", "url"},
     {"testsuite", "properties", "testcase", "system-out", "system-err"},
     false},
    /* testsuites: a sequence of testsuite; no required attribute and, unlike testsuite, no
     * skipped */
    {"testsuites",
     {0},
     {"name", "time", "tests", "failures", "disabled", "errors"},
     {"testsuite"},
     false},
};

static int problems;

static bool listed(const char *const *names, const char *name)
{
    for (size_t i = 0; i < MAX_NAMES && names[i]; i++)
        if (strcmp(names[i], name) == 0)
            return true;
    return false;
}

static const element_rule *rule_for(const char *name)
{
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
        if (strcmp(rules[i].name, name) == 0)
            return &rules[i];
    return NULL;
}

static void problem(const char *file, const xmlNode *node, const char *what, const char *name)
{
    fprintf(stderr, "%s:%ld: <%s>: %s '%s' (junit-10.xsd)\n", file, xmlGetLineNo(node),
            (const char *)node->name, what, name);
    problems++;
}

static bool blank(const xmlChar *s)
{
    for (; s && *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
            return false;
    return true;
}

static void check_attributes(const char *file, const xmlNode *node, const element_rule *r)
{
    for (const xmlAttr *a = node->properties; a; a = a->next)
        if (!listed(r->required, (const char *)a->name) &&
            !listed(r->optional, (const char *)a->name))
            problem(file, node, "attribute not allowed", (const char *)a->name);
    for (size_t i = 0; i < MAX_NAMES && r->required[i]; i++)
        if (!xmlHasProp(node, BAD_CAST r->required[i]))
            problem(file, node, "missing required attribute", r->required[i]);
}

static void check_element(const char *file, const xmlNode *node)
{
    const element_rule *r = rule_for((const char *)node->name);
    if (r == NULL || node->ns != NULL) {
        problem(file, node, "element not declared", (const char *)node->name);
        return;
    }
    check_attributes(file, node, r);
    for (const xmlNode *child = node->children; child; child = child->next) {
        if (child->type == XML_ELEMENT_NODE) {
            if (!listed(r->children, (const char *)child->name))
                problem(file, node, "child element not allowed", (const char *)child->name);
            check_element(file, child);
        } else if ((child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE) &&
                   !r->text && !blank(child->content)) {
            problem(file, node, "text not allowed in", (const char *)node->name);
        }
    }
}

static void check_file(const char *file)
{
    xmlDocPtr doc = xmlReadFile(file, NULL, XML_PARSE_NONET);
    if (doc == NULL) {
        fprintf(stderr, "%s: not well-formed XML (libxml2 said why above)\n", file);
        problems++;
        return;
    }
    const xmlNode *root = xmlDocGetRootElement(doc);
    if (root == NULL)
        fprintf(stderr, "%s: no root element\n", file), problems++;
    else
        check_element(file, root); /* every global element may be the root */
    xmlFreeDoc(doc);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs("usage: check_junit FILE...\n", stderr);
        return 2;
    }
    for (int i = 1; i < argc; i++) {
        int before = problems;
        check_file(argv[i]);
        if (problems == before)
            printf("check_junit: %s keeps the rules of junit-10.xsd\n", argv[i]);
    }
    xmlCleanupParser();
    return problems ? 1 : 0;
}
