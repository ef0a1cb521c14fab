/* What the loader tests share: writing a file of a fixture folder. Include after cmocka.h. */
#ifndef RACELAB_TEST_FILES_H
#define RACELAB_TEST_FILES_H

#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>

/* Writes `text` as <dir>/<name>; a failure fails the test. */
static inline void write_text(const char *dir, const char *name, const char *text)
{
    char *path = xasprintf("%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    free(path);
}

#endif
