/* Making sure every cell that runs a binary has an up-to-date one: the CMake build's
 * (build-dir/cases/<flavour>/<case>/<program>) when it is current, otherwise one racelab
 * compiles itself (program_build.h) under build-dir/racelab-built/<cases dir id>/, so a
 * --cases-dir anywhere runs without any CMake step, and an edited case is never run
 * from a stale binary. */
#ifndef RACELAB_MATRIX_BUILD_H
#define RACELAB_MATRIX_BUILD_H

#include "matrix.h"

/* Points every selected cell's binary at an up-to-date program, building what is missing.
 * A program that does not compile makes its cells `error` with the compiler's message.
 * Returns how many cells it settled that way. */
size_t rl_matrix_build_programs(rl_matrix *m);

#endif
