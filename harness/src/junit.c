/* junit.xml: the matrix as the JUnit report CI systems render. One testsuite per case,
 * one testcase per cell. Written with libxml2's xmlTextWriter so that every attribute
 * and text is escaped by the library. */
#define _GNU_SOURCE
#include "matrix.h"
#include "judge.h"
#include "outputs.h"

#include "fsutil.h"
#include "xalloc.h"

#include <errno.h>
#include <libxml/xmlstring.h>
#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct writer {
    xmlTextWriterPtr w;
    bool failed;
} writer;

/* XML 1.0 allows no control characters but tab and newlines, and a reason may carry
 * anything a program printed (escape sequences, bytes of another encoding): those become
 * '?' so the file still parses. Returns a malloc'd copy. */
static char *xml_safe(const char *s)
{
    char *copy = xstrdup(s ? s : "");
    bool utf8 = xmlCheckUTF8((const xmlChar *)copy) != 0;
    for (unsigned char *p = (unsigned char *)copy; *p; p++)
        if ((*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') || *p == 0x7f ||
            (!utf8 && *p >= 0x80))
            *p = '?';
    return copy;
}

static void check(writer *w, int rc)
{
    if (rc < 0)
        w->failed = true;
}

static void start(writer *w, const char *element)
{
    check(w, xmlTextWriterStartElement(w->w, BAD_CAST element));
}

static void end(writer *w) { check(w, xmlTextWriterEndElement(w->w)); }

static void attribute(writer *w, const char *name, const char *value)
{
    char *safe = xml_safe(value);
    check(w, xmlTextWriterWriteAttribute(w->w, BAD_CAST name, BAD_CAST safe));
    free(safe);
}

static void attribute_count(writer *w, const char *name, size_t n)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%zu", n);
    attribute(w, name, buf);
}

static void attribute_seconds(writer *w, const char *name, double s)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%.3f", s);
    attribute(w, name, buf);
}

static void body(writer *w, const char *s)
{
    char *safe = xml_safe(s);
    check(w, xmlTextWriterWriteString(w->w, BAD_CAST safe));
    free(safe);
}

/* ---- one cell ------------------------------------------------------------------- */

/* "run 3/10: missed data-race at ..." for every run that has a reason. */
static char *run_reasons(const rl_cell *cell)
{
    char *out = xstrdup("");
    for (size_t i = 0; cell->runs != NULL && i < cell->n_runs; i++) {
        if (cell->runs[i].reason == NULL)
            continue;
        char *next = xasprintf("%srun %zu/%zu: %s\n", out, i + 1, cell->n_runs,
                               cell->runs[i].reason);
        free(out);
        out = next;
    }
    return out;
}

static void write_problem(writer *w, const rl_cell *cell, const char *element)
{
    start(w, element);
    attribute(w, "message", cell->reason ? cell->reason : rl_verdict_name(cell->verdict));
    attribute(w, "type", rl_verdict_name(cell->verdict));
    char *reasons = run_reasons(cell);
    body(w, reasons);
    free(reasons);
    end(w);
    if (cell->verdict == RL_VERDICT_ERROR)
        return; /* nothing ran to completion: no rate to tell */

    start(w, "system-out");
    char *rate = xasprintf("detected in %zu of %zu runs\n", cell->detected_runs, cell->n_runs);
    body(w, rate);
    free(rate);
    end(w);
}

static void write_testcase(writer *w, const rl_cell *cell)
{
    start(w, "testcase");
    attribute(w, "classname", cell->c->name);
    char *name = xasprintf("%s/%s", cell->program->name, cell->tool->name);
    attribute(w, "name", name);
    free(name);
    attribute_seconds(w, "time", cell->wall_s);
    switch (cell->verdict) {
    case RL_VERDICT_PASS:
        break;
    case RL_VERDICT_FAIL:
    case RL_VERDICT_XPASS:
        write_problem(w, cell, "failure");
        break;
    case RL_VERDICT_ERROR:
        write_problem(w, cell, "error");
        break;
    case RL_VERDICT_SKIP:
    case RL_VERDICT_NOT_EVALUATED: /* JUnit has no other word for a test not run */
        start(w, "skipped");
        attribute(w, "message", cell->reason ? cell->reason : rl_verdict_name(cell->verdict));
        end(w);
        break;
    }
    end(w);
}

/* ---- suites --------------------------------------------------------------------- */

typedef struct tally {
    size_t tests, failures, errors, skipped;
    double time;
} tally;

static void tally_add(tally *t, const rl_cell *cell)
{
    t->tests++;
    t->failures += cell->verdict == RL_VERDICT_FAIL || cell->verdict == RL_VERDICT_XPASS;
    t->errors += cell->verdict == RL_VERDICT_ERROR;
    t->skipped += cell->verdict == RL_VERDICT_SKIP || cell->verdict == RL_VERDICT_NOT_EVALUATED;
    t->time += cell->wall_s;
}

/* Jenkins' junit-10.xsd allows `skipped` on a testsuite but not on testsuites (its
 * readers would reject the whole file), so the outer tally leaves it out. */
static void attribute_tally(writer *w, const tally *t, double time, bool with_skipped)
{
    attribute_count(w, "tests", t->tests);
    attribute_count(w, "failures", t->failures);
    attribute_count(w, "errors", t->errors);
    if (with_skipped)
        attribute_count(w, "skipped", t->skipped);
    attribute_seconds(w, "time", time);
}

static bool case_seen_before(const rl_matrix *m, size_t cell)
{
    for (size_t i = 0; i < cell; i++)
        if (m->cells[i].c == m->cells[cell].c)
            return true;
    return false;
}

/* The cells of one case, wherever they are in the matrix, in matrix order. */
static void write_testsuite(writer *w, const rl_matrix *m, const rl_case *c)
{
    tally t = {0};
    for (size_t i = 0; i < m->n_cells; i++)
        if (m->cells[i].c == c)
            tally_add(&t, &m->cells[i]);
    start(w, "testsuite");
    attribute(w, "name", c->name);
    attribute_tally(w, &t, t.time, true);
    for (size_t i = 0; i < m->n_cells; i++)
        if (m->cells[i].c == c)
            write_testcase(w, &m->cells[i]);
    end(w);
}

static void write_document(writer *w, const rl_matrix *m)
{
    tally all = {0};
    for (size_t i = 0; i < m->n_cells; i++)
        tally_add(&all, &m->cells[i]);
    check(w, xmlTextWriterSetIndent(w->w, 1));
    check(w, xmlTextWriterStartDocument(w->w, NULL, "UTF-8", NULL));
    start(w, "testsuites");
    attribute(w, "name", "racelab");
    attribute_tally(w, &all, m->wall_s, false);
    for (size_t i = 0; i < m->n_cells; i++)
        if (!case_seen_before(m, i))
            write_testsuite(w, m, m->cells[i].c);
    end(w);
    check(w, xmlTextWriterEndDocument(w->w));
}

/* The writer's last flush is checked here: xmlFreeTextWriter flushes too, but says
 * nothing when that fails; the stream's own error state is checked by the caller. */
static int emit_junit(const rl_matrix *m, FILE *out, char **error)
{
    xmlOutputBufferPtr buffer = xmlOutputBufferCreateFile(out, NULL);
    writer w = {buffer ? xmlNewTextWriter(buffer) : NULL, false};
    if (w.w == NULL) {
        if (buffer)
            xmlOutputBufferClose(buffer);
        *error = xstrdup("libxml2 could not make a writer");
        return -1;
    }
    write_document(&w, m);
    check(&w, xmlTextWriterFlush(w.w));
    xmlFreeTextWriter(w.w); /* also frees the buffer; `out` stays open */
    return w.failed || ferror(out) ? -1 : 0;
}

/* libxml2 prints its I/O errors on stderr; the caller gets them in *error instead. */
static void quiet(void *ctx, const char *fmt, ...)
{
    (void)ctx;
    (void)fmt;
}

int rl_write_junit(const rl_matrix *m, const char *path, char **error)
{
    xmlGenericErrorFunc saved_handler = xmlGenericError;
    void *saved_context = xmlGenericErrorContext;
    xmlSetGenericErrorFunc(NULL, quiet);
    int rc = rl_write_atomic(path, emit_junit, m, error);
    xmlSetGenericErrorFunc(saved_context, saved_handler);
    return rc;
}
