/* Known failure texts of the tools and their fixes (remedies.h). Each row was seen on a
 * real machine or is the tool's documented message for that fault. */
#include "remedies.h"

#include <stddef.h>
#include <string.h>

static const struct {
    const char *text; /* a substring of what the tool or linker printed */
    const char *fix;
} remedies[] = {
    {"unexpected memory mapping",
     "ThreadSanitizer needs a low-entropy address layout: keep 'setarch -R' in the tool's "
     "argv, or lower the kernel's randomisation (sysctl -w vm.mmap_rnd_bits=28)"},
    {"failed to set personality",
     "this machine (a container?) refuses personality(ADDR_NO_RANDOMIZE) that 'setarch -R' "
     "asks for: allow it (docker: --security-opt seccomp=unconfined) or lower "
     "vm.mmap_rnd_bits on the host"},
    {"libclang_rt.tsan", "install clang's sanitizer runtime: apt-get install libclang-rt-14-dev"},
    {"cannot find -ltsan", "install gcc's ThreadSanitizer runtime: apt-get install libtsan2"},
    {"Operation not permitted",
     "the kernel refused an operation the tool needs (ptrace, personality or perf events "
     "in a container): run racelab on the host or in a container that allows it"},
    {"could not symbolize", RL_FIX_SYMBOLIZER},
    {"no file:line", RL_FIX_DEBUG_INFO},
};

const char *rl_remedy_for(const char *failure_text)
{
    for (size_t i = 0; failure_text && i < sizeof remedies / sizeof remedies[0]; i++)
        if (strstr(failure_text, remedies[i].text))
            return remedies[i].fix;
    return NULL;
}
