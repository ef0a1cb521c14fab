/* Where racelab finds its cases and tools.json when no option says: nothing of the build
 * tree is compiled in, so an installed racelab and one in any build tree both work. */
#ifndef RACELAB_DATA_PATHS_H
#define RACELAB_DATA_PATHS_H

typedef struct rl_data_paths {
    const char *cases_dir;  /* the case folders */
    const char *tools_path; /* tools.json */
    const char *canaries_dir; /* the doctor's canary case folder */
    const char *build_dir;  /* where the case programs were built: the executable's folder */
} rl_data_paths;

/* In order: $RACELAB_DATA_DIR (holding cases/, canaries/ and tools.json); the installed data folder
 * relative to the executable (RACELAB_DATA_RELDIR, e.g. ../share/racelab); the source tree
 * through the `racelab-source` link that the build puts beside the executable (cases/,
 * harness/canaries/, harness/tools.json); else those three in the current folder. The strings live as long as the
 * process. */
rl_data_paths rl_default_data_paths(void);

#endif
