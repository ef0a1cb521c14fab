/* The fixes racelab names when a tool could not produce what its parser reads: said once
 * here, quoted by the parsers that detect the fault and by `racelab doctor`. */
#ifndef RACELAB_REMEDIES_H
#define RACELAB_REMEDIES_H

#define RL_FIX_SYMBOLIZER                                                                   \
    "install llvm-symbolizer (apt-get install llvm) and build the program with -g"
#define RL_FIX_DEBUG_INFO                                                                   \
    "build the program with -g (debug info) and keep it unstripped; for Valgrind also "    \
    "install libc6-dbg"

#endif
