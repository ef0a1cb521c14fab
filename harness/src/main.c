/* racelab: runs concurrency-bug cases under race detectors and checks what each tool
 * says against what the case expects of it. */
#include "fsutil.h"
#include "matrix.h"
#include "jobs.h"
#include "xalloc.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { EXIT_VERDICT_FAIL = 1, EXIT_USAGE = 2, EXIT_ENVIRONMENT = 3, EXIT_INTERRUPTED = 130 };

static const char usage[] =
    "usage: racelab list [OPTIONS]\n"
    "       racelab run  [OPTIONS]\n"
    "       racelab observe [OPTIONS]   run, and show what each tool said (no expectations\n"
    "                                   needed: for writing them from a real run)\n"
    "\n"
    "Runs every case program (cases/<case>/<program>.c) under every tool of tools.json\n"
    "and checks each cell against the case's expectations (cases/<case>/case.ini).\n"
    "\n"
    "  --case NAME          only this case (repeatable)\n"
    "  --tool NAME          only this tool (repeatable)\n"
    "  --repeat N           runs per cell; the table shows detections k/N (default 1)\n"
    "  --jobs N             runs at once (default: the number of cores)\n"
    "  --out DIR            where results.json, junit.xml and raw failing runs go (default out)\n"
    "  --timeout-scale X    multiply every deadline (default $RACELAB_TIMEOUT_SCALE or 1)\n"
    "  --require-tools      a missing tool is an error, not a skip\n"
    "  --keep-raw           keep the raw output of every run, not only of failing ones\n"
    "  --quiet              no progress lines\n"
    "  --cases-dir DIR      default: the source tree's cases/\n"
    "  --build-dir DIR      where the case programs were built (default: the build tree)\n"
    "  --tools FILE         tool descriptions (default: harness/tools.json)\n"
    "  -h, --help           this text\n"
    "\n"
    "Verdicts: pass; fail (missed, false alarm, wrong kind or lines, crash, hang);\n"
    "xpass (a known blind spot was detected: update the expectation); skip (tool not\n"
    "available); error (the tool could not run).\n"
    "Exit status: 0 every cell pass or skip; 1 some cell fail or xpass; 2 bad usage or\n"
    "input files; 3 environment errors only; 130 interrupted.\n";

static void add_name(char ***names, size_t *n, const char *name)
{
    *names = xrealloc(*names, (*n + 1) * sizeof **names);
    (*names)[(*n)++] = (char *)name;
}

static int parse_count(const char *flag, const char *s, unsigned *out)
{
    char *end = NULL;
    long v = strtol(s, &end, 10);
    if (end == s || *end || v < 1 || v > 100000) {
        fprintf(stderr, "racelab: %s needs a whole number from 1 to 100000, got '%s'\n", flag,
                s);
        return -1;
    }
    *out = (unsigned)v;
    return 0;
}

static int parse_scale(const char *what, const char *s, double *out)
{
    char *end = NULL;
    double v = strtod(s, &end);
    if (end == s || *end || !(v > 0 && v <= 1000)) {
        fprintf(stderr, "racelab: %s needs a number above 0 (at most 1000), got '%s'\n", what, s);
        return -1;
    }
    *out = v;
    return 0;
}

static void default_options(rl_options *o)
{
    memset(o, 0, sizeof *o);
    o->cases_dir = RACELAB_SOURCE_DIR "/cases";
    o->build_dir = RACELAB_BINARY_DIR;
    o->tools_path = RACELAB_SOURCE_DIR "/harness/tools.json";
    o->out_dir = "out";
    o->repeat = 1;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    o->jobs = cores > 0 ? (unsigned)cores : 1;
    o->timeout_scale = 1;
}

/* Returns 0, -1 on bad usage, 1 after --help. */
static int parse_options(int argc, char **argv, rl_options *o)
{
    static const struct option longopts[] = {
        {"case", required_argument, 0, 'c'},      {"tool", required_argument, 0, 't'},
        {"repeat", required_argument, 0, 'r'},    {"jobs", required_argument, 0, 'j'},
        {"out", required_argument, 0, 'o'},       {"timeout-scale", required_argument, 0, 's'},
        {"require-tools", no_argument, 0, 'R'},   {"keep-raw", no_argument, 0, 'k'},
        {"quiet", no_argument, 0, 'q'},           {"cases-dir", required_argument, 0, 'C'},
        {"build-dir", required_argument, 0, 'B'}, {"tools", required_argument, 0, 'T'},
        {"help", no_argument, 0, 'h'},            {0, 0, 0, 0},
    };
    const char *env_scale = getenv("RACELAB_TIMEOUT_SCALE");
    if (env_scale && *env_scale &&
        parse_scale("RACELAB_TIMEOUT_SCALE", env_scale, &o->timeout_scale) != 0)
        return -1;
    int ch;
    while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        int rc = 0;
        switch (ch) {
        case 'c': add_name(&o->cases, &o->n_cases, optarg); break;
        case 't': add_name(&o->tools, &o->n_tools, optarg); break;
        case 'r': rc = parse_count("--repeat", optarg, &o->repeat); break;
        case 'j': rc = parse_count("--jobs", optarg, &o->jobs); break;
        case 'o': o->out_dir = optarg; break;
        case 's': rc = parse_scale("--timeout-scale", optarg, &o->timeout_scale); break;
        case 'R': o->require_tools = true; break;
        case 'k': o->keep_raw = true; break;
        case 'q': o->quiet = true; break;
        case 'C': o->cases_dir = optarg; break;
        case 'B': o->build_dir = optarg; break;
        case 'T': o->tools_path = optarg; break;
        case 'h': fputs(usage, stdout); return 1;
        default: fputs("racelab: see 'racelab --help'\n", stderr); return -1;
        }
        if (rc != 0)
            return -1;
    }
    if (optind < argc) {
        fprintf(stderr, "racelab: unexpected argument '%s' (see 'racelab --help')\n",
                argv[optind]);
        return -1;
    }
    return 0;
}

static int command_list(const rl_matrix *m)
{
    printf("tools (%s):\n", m->opt->tools_path);
    for (size_t i = 0; i < m->n_tools; i++)
        printf("  %-14s build=%-11s parser=%-13s %s\n", m->tools[i]->name,
               m->tools[i]->build ? m->tools[i]->build : "(sources)",
               m->tools[i]->parser, m->tools[i]->about ? m->tools[i]->about : "");
    printf("cases (%s):\n", m->opt->cases_dir);
    for (size_t i = 0; i < m->n_cases; i++) {
        const rl_case *c = &m->cases[i];
        printf("  %s: %s\n", c->name, c->title ? c->title : "");
        for (size_t p = 0; p < c->n_programs; p++)
            printf("    %-32s %-7s %-6s\n", c->programs[p].name, c->programs[p].form,
                   c->programs[p].variant);
    }
    return 0;
}

static int write_outputs(const rl_matrix *m)
{
    static const struct {
        const char *name;
        int (*write)(const rl_matrix *, const char *, char **);
    } outputs[] = {
        {"results.json", rl_write_results_json},
        {"junit.xml", rl_write_junit},
        {"summary.md", rl_write_markdown},
        {"results.sarif", rl_write_sarif},
        {"report", rl_write_html_report},
    };
    int rc = 0;
    for (size_t i = 0; i < sizeof outputs / sizeof outputs[0]; i++) {
        char *path = xasprintf("%s/%s", m->opt->out_dir, outputs[i].name);
        char *error = NULL;
        if (outputs[i].write(m, path, &error) != 0) {
            fprintf(stderr, "racelab: %s\n", error);
            free(error);
            rc = -1;
        }
        free(path);
    }
    if (rc == 0)
        fprintf(stderr, "racelab: wrote results.json, results.sarif, junit.xml, summary.md and "
                        "report/index.html in %s\n",
                m->opt->out_dir);
    return rc;
}

static void report_to_github(const rl_matrix *m)
{
    const char *actions = getenv("GITHUB_ACTIONS");
    if (actions == NULL || strcmp(actions, "true") != 0)
        return;
    rl_github_annotate(m, stdout);
    const char *step_summary = getenv("GITHUB_STEP_SUMMARY");
    if (step_summary == NULL || *step_summary == '\0')
        return;
    char *summary = xasprintf("%s/summary.md", m->opt->out_dir);
    char *error = NULL;
    if (rl_github_step_summary(summary, step_summary, &error) != 0) {
        fprintf(stderr, "racelab: %s\n", error);
        free(error);
    }
    free(summary);
}

static int exit_status(const rl_matrix *m, int run_rc)
{
    size_t counts[5];
    rl_matrix_count(m, counts);
    if (run_rc != 0)
        return EXIT_INTERRUPTED;
    if (counts[RL_VERDICT_FAIL] || counts[RL_VERDICT_XPASS])
        return EXIT_VERDICT_FAIL;
    return counts[RL_VERDICT_ERROR] ? EXIT_ENVIRONMENT : 0;
}

static int command_run(rl_matrix *m)
{
    rl_spawn_init();
    int run_rc = rl_matrix_run(m);
    rl_print_table(m, stdout);
    fflush(stdout);
    if (write_outputs(m) != 0)
        return EXIT_ENVIRONMENT;
    report_to_github(m);
    size_t counts[5];
    rl_matrix_count(m, counts);
    if (counts[RL_VERDICT_XPASS])
        fprintf(stderr, "racelab: XPASS: %zu known blind spot(s) were detected: the tool now "
                        "sees the bug; update the expectation in case.ini\n",
                counts[RL_VERDICT_XPASS]);
    return exit_status(m, run_rc);
}

static int command_observe(rl_matrix *m)
{
    rl_spawn_init();
    int rc = rl_matrix_run(m);
    rl_print_observations(m, stdout);
    return rc == 0 ? 0 : EXIT_INTERRUPTED;
}

int main(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
        fputs(usage, argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : 0;
    }
    const char *command = argv[1];
    if (strcmp(command, "list") != 0 && strcmp(command, "run") != 0 &&
        strcmp(command, "observe") != 0) {
        fprintf(stderr, "racelab: unknown command '%s' (expected list, run or observe; see "
                        "--help)\n",
                command);
        return EXIT_USAGE;
    }
    rl_options opt;
    default_options(&opt);
    opt.observe = strcmp(command, "observe") == 0;
    opt.argc = argc;
    opt.argv = argv;
    int rc = parse_options(argc - 1, argv + 1, &opt);
    if (rc != 0) {
        free(opt.cases);
        free(opt.tools);
        return rc > 0 ? 0 : EXIT_USAGE;
    }
    rl_matrix m;
    char *error = NULL;
    if (rl_matrix_prepare(&m, &opt, &error) != 0) {
        fprintf(stderr, "racelab: %s\n", error);
        free(error);
        rl_matrix_free(&m);
        free(opt.cases);
        free(opt.tools);
        return EXIT_USAGE;
    }
    if (strcmp(command, "list") == 0)
        rc = command_list(&m);
    else if (opt.observe)
        rc = command_observe(&m);
    else
        rc = command_run(&m);
    rl_matrix_free(&m);
    free(opt.cases);
    free(opt.tools);
    return rc;
}
