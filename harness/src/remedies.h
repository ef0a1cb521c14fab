/* The fixes racelab names when a tool could not produce what its parser reads: said once
 * here, quoted by the parsers that detect the fault and by `racelab doctor`. */
#ifndef RACELAB_REMEDIES_H
#define RACELAB_REMEDIES_H

#define RL_FIX_SYMBOLIZER                                                                   \
    "install llvm-symbolizer (apt-get install llvm) and build the program with -g"
#define RL_FIX_DEBUG_INFO                                                                   \
    "build the program with -g (debug info) and keep it unstripped; for Valgrind also "    \
    "install libc6-dbg"

/* The fix for a known failure text of a tool (its stderr, a parser's message), or NULL:
 * "unexpected memory mapping" -> how to give TSan the address layout it needs. */
const char *rl_remedy_for(const char *failure_text);

#endif
