/* A TSan log cut inside its first report, from a run that exited normally: an error. */
#define HOSTILE_CUT 1
#include "garbage_log.c"
