/* A program that needs what its case.ini gives it: a define, an argument, a variable of
 * its environment and libm at link time; it exits 0 only when it got all four. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef EXPECTED_ROOT
#error "built without defines = EXPECTED_ROOT=3"
#endif

int main(int argc, char **argv)
{
    const char *greeting = getenv("GREETING"); /* racelab: getenv_call */
    if (argc != 2 || greeting == NULL || strcmp(greeting, "hello") != 0) {
        fprintf(stderr, "usage: settings 27 (with GREETING=hello)\n");
        return 2;
    }
    double root = cbrt(atof(argv[1]));
    printf("cube root %g\n", root);
    return fabs(root - EXPECTED_ROOT) < 1e-9 ? 0 : 1;
}
