/* What the XML report parsers (Valgrind, cppcheck) need to tell a cut-off document from
 * one that was never XML: both are written as the tool goes, so a killed run leaves a
 * document that is valid up to where it stops. */
#ifndef RACELAB_XML_TEXT_H
#define RACELAB_XML_TEXT_H

#include <libxml/xmlerror.h>
#include <stdbool.h>
#include <stddef.h>

/* Whether a parse error on `error_line` sits at the end of the text (the writer was cut
 * off) rather than in the middle (the text is not what it claims). */
bool rl_xml_error_at_end(const char *text, size_t len, int error_line);
/* Whether the text, after a byte-order mark and blank space, starts with '<'; *line and
 * *start tell where the first content is, for the message when it does not. */
bool rl_xml_starts_like_xml(const char *text, size_t len, int *line, const char **start);
/* Whether the document must not be parsed at all: larger than a report may be
 * (RL_REPORT_MAX, and libxml2's int lengths), or declaring a DTD or entities (neither tool
 * writes one; an internal entity referenced a thousand times turns kilobytes into a
 * hundred-megabyte message). Sets *error ("line N: ...", malloc'd) when it must not. */
bool rl_xml_refused(const char *text, size_t len, char **error);
/* Keeps the first error libxml2 reports (its message without trailing blanks, and its
 * line) in *message and *line; later errors are consequences of the first. */
void rl_xml_keep_first_error(char **message, int *line, const xmlError *err);

#endif
