/* racelab: runs concurrency-bug cases under race detectors and checks what each tool
 * says against what the case expects of it. This file is the command line: one table of
 * subcommands, their options, and the exit status. */
#include "canary.h"
#include "compare.h"
#include "data_paths.h"
#include "diff.h"
#include "execute.h"
#include "fsutil.h"
#include "outlock.h"
#include "outputs.h"
#include "supervisor.h"
#include "jobs.h"
#include "kinds.h"
#include "list.h"
#include "matrix.h"
#include "merge.h"
#include "observe.h"
#include "output_common.h"
#include "run_meta.h"
#include "shard.h"
#include "table.h"
#include "out_dir.h"
#include "suggest.h"
#include "tool_setup.h"
#include "xalloc.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { EXIT_VERDICT_FAIL = 1, EXIT_USAGE = 2, EXIT_ENVIRONMENT = 3, EXIT_INTERRUPTED = 130 };

static const char options_help[] =
    "  --case NAME          only this case; a name or a glob such as 'lock_*' (repeatable)\n"
    "  --tool NAME          only this tool; a name or a glob (repeatable); a glob takes an\n"
    "                       optional tool with --with, or when it matches no other ('*-19')\n"
    "  --with SET           also the optional tools of SET, e.g. clang-19 (tools.json\n"
    "                       \"optional\"; repeatable; default $RACELAB_WITH)\n"
    "  --family NAME        compare: this family and its versions (repeatable; default:\n"
    "                       every family that has a version)\n"
    "  --repeat N           runs per cell; the table shows detections k/N (default 1)\n"
    "  --jobs N             runs at once (default: the number of cores)\n"
    "  --out DIR            where results.json, junit.xml, results.sarif, summary.md and the\n"
    "                       raw output of failing runs go (default out); replaced only when\n"
    "                       a run completes\n"
    "  --timeout-scale X    multiply every deadline (default $RACELAB_TIMEOUT_SCALE or 1)\n"
    "  --require-tools      a missing tool is an error, not a skip\n"
    "  --keep-raw           keep the raw output of every run, not only of failing ones\n"
    "  --no-canary          do not check the tools on their canaries first (racelab doctor)\n"
    "  --no-cache           analyse every program again (static analyzers run once per\n"
    "                       program and their answers are kept per input under the build dir)\n"
    "  --shard K/N          only the K-th of N parts of the matrix (whole programs, dealt\n"
    "                       by expected cost; the same split on every machine)\n"
    "  --rerun-failed FILE  only the programs and tools with a cell that did not pass in\n"
    "                       that earlier results.json\n"
    "  --quiet              no progress lines\n"
    "  --cases-dir DIR      default: $RACELAB_DATA_DIR/cases, the installed cases, or the\n"
    "                       source tree's cases/ when racelab runs from its build tree\n"
    "  --build-dir DIR      where the case programs were built (default: racelab's folder)\n"
    "  --tools FILE         tool descriptions (default: tools.json beside the cases)\n"
    "  --expectations       list: every cell's effective expectation and where it comes\n"
    "                       from (a case.ini line, a named limit of tools.json, a default)\n"
    "  -h, --help           this text\n";

static const char exit_help[] =
    "Exit status: 0 every cell pass or skip; 1 some cell fail or xpass; 2 bad usage or\n"
    "input files; 3 environment errors only; 130 interrupted.\n";

typedef struct command {
    const char *name;
    const char *summary;
    int (*run)(rl_options *opt);
    int (*run_args)(int argc, char **argv); /* a command that reads its own arguments */
} command;

static int command_run(rl_options *opt);
static int command_observe(rl_options *opt);
static int command_list(rl_options *opt);
static int command_doctor(rl_options *opt);
static int command_packages(rl_options *opt);
static int command_kinds(rl_options *opt);
static int command_compare(rl_options *opt);
static int command_diff(int argc, char **argv);
static int command_merge(int argc, char **argv);

static const command commands[] = {
    {"run", "build nothing; run every cell and judge it against case.ini", command_run, NULL},
    {"observe", "run, and show what each tool said (no expectations needed: for writing "
                "them from a real run)",
     command_observe, NULL},
    {"list", "the tools, cases and programs", command_list, NULL},
    {"doctor", "check every tool on a canary with a known report; say what is broken and "
               "the fix",
     command_doctor, NULL},
    {"packages", "the Debian packages the selected tools need, one per line", command_packages, NULL},
    {"kinds", "the report kinds case.ini names, with their meaning", command_kinds, NULL},
    {"diff", "OLD.json NEW.json [--markdown]: the cells that changed between two runs", NULL,
     command_diff},
    {"merge", "OUT... --out DIR: one set of outputs from shards' results.json", NULL,
     command_merge},
    {"compare", "run the versions of each tool family (tools.json \"version_of\") and lay "
                "them side by side: the cells where they differ (also out/compare.md)",
     command_compare, NULL},
};
enum { N_COMMANDS = sizeof commands / sizeof commands[0] };

static void print_usage(FILE *out, const command *only)
{
    fputs("usage:", out);
    for (size_t i = 0; i < N_COMMANDS; i++)
        if (!only || only == &commands[i])
            fprintf(out, "%s racelab %-9s %s   %s\n", i && !only ? "      " : "",
                    commands[i].name, commands[i].run_args ? "         " : "[OPTIONS]",
                    commands[i].summary);
    fputs("\nRuns every case program (cases/<case>/<program>.c) under every tool of tools.json\n"
          "and checks each cell against the case's expectations (cases/<case>/case.ini).\n\n",
          out);
    fputs(options_help, out);
    fputs("\nVerdicts: pass; fail (missed, false alarm, wrong kind or lines, crash, hang);\n"
          "xpass (a known blind spot was detected: update the expectation); skip (tool not\n"
          "available); error (the tool could not run here: see racelab doctor).\n",
          out);
    fputs(exit_help, out);
}

static const command *find_command(const char *name)
{
    for (size_t i = 0; i < N_COMMANDS; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

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
    rl_data_paths paths = rl_default_data_paths();
    o->cases_dir = paths.cases_dir;
    o->build_dir = paths.build_dir;
    o->tools_path = paths.tools_path;
    o->canaries_dir = paths.canaries_dir;
    o->out_dir = "out";
    o->repeat = 1;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    o->jobs = cores > 0 ? (unsigned)cores : 1;
    o->timeout_scale = 1;
    o->canary = true;
}

static const struct option longopts[] = {
    {"case", required_argument, 0, 'c'},      {"tool", required_argument, 0, 't'},
    {"repeat", required_argument, 0, 'r'},    {"jobs", required_argument, 0, 'j'},
    {"out", required_argument, 0, 'o'},       {"timeout-scale", required_argument, 0, 's'},
    {"require-tools", no_argument, 0, 'R'},   {"keep-raw", no_argument, 0, 'k'},
    {"quiet", no_argument, 0, 'q'},           {"cases-dir", required_argument, 0, 'C'},
    {"build-dir", required_argument, 0, 'B'}, {"tools", required_argument, 0, 'T'},
    {"no-canary", no_argument, 0, 'N'},       {"no-cache", no_argument, 0, 'X'},
    {"expectations", no_argument, 0, 'E'},    {"help", no_argument, 0, 'h'},
    {"shard", required_argument, 0, 'S'},     {"rerun-failed", required_argument, 0, 'F'},
    {"with", required_argument, 0, 'W'},      {"family", required_argument, 0, 'y'},
    {0, 0, 0, 0},
};

/* "--tol" -> " (did you mean --tool?)" for getopt's complaint about argv[index]. */
static void hint_option(const char *arg)
{
    enum { N = sizeof longopts / sizeof longopts[0] - 1 };
    const char *names[N];
    for (size_t i = 0; i < N; i++)
        names[i] = longopts[i].name;
    const char *word = arg + strspn(arg, "-");
    char *eq = strchr(word, '=');
    char *bare = eq ? xstrndup(word, (size_t)(eq - word)) : xstrdup(word);
    const char *near = rl_closest_name(bare, names, N);
    if (near)
        fprintf(stderr, "racelab: did you mean --%s?\n", near);
    free(bare);
}

static int apply_option(int ch, rl_options *o)
{
    switch (ch) {
    case 'c': add_name(&o->cases, &o->n_cases, optarg); return 0;
    case 't': add_name(&o->tools, &o->n_tools, optarg); return 0;
    case 'r': return parse_count("--repeat", optarg, &o->repeat);
    case 'j': return parse_count("--jobs", optarg, &o->jobs);
    case 'o': o->out_dir = optarg; return 0;
    case 's': return parse_scale("--timeout-scale", optarg, &o->timeout_scale);
    case 'R': o->require_tools = true; return 0;
    case 'k': o->keep_raw = true; return 0;
    case 'q': o->quiet = true; return 0;
    case 'C': o->cases_dir = optarg; return 0;
    case 'B': o->build_dir = optarg; return 0;
    case 'T': o->tools_path = optarg; return 0;
    case 'N': o->canary = false; return 0;
    case 'X': o->no_cache = true; return 0;
    case 'E': o->expectations = true; return 0;
    case 'S':
        if (rl_parse_shard(optarg, &o->shard_index, &o->shard_count) == 0)
            return 0;
        fprintf(stderr, "racelab: --shard needs K/N with 1 <= K <= N <= 1000, got '%s'\n", optarg);
        return -1;
    case 'F': o->rerun_failed = optarg; return 0;
    case 'W': add_name(&o->with, &o->n_with, optarg); return 0;
    case 'y': add_name(&o->families, &o->n_families, optarg); return 0;
    default: return -1;
    }
}

/* $RACELAB_WITH: optional sets as --with would name them, separated by spaces or commas;
 * `words` keeps the text they point into. */
static void with_from_environment(rl_options *o, char **words)
{
    const char *env = getenv("RACELAB_WITH");
    if (env == NULL || *env == '\0')
        return;
    *words = xstrdup(env);
    char *save = NULL;
    for (char *w = strtok_r(*words, " ,", &save); w; w = strtok_r(NULL, " ,", &save))
        add_name(&o->with, &o->n_with, w);
}

/* Returns 0, -1 on bad usage, 1 after --help. */
static int parse_options(int argc, char **argv, const command *cmd, rl_options *o)
{
    const char *env_scale = getenv("RACELAB_TIMEOUT_SCALE");
    if (env_scale && *env_scale &&
        parse_scale("RACELAB_TIMEOUT_SCALE", env_scale, &o->timeout_scale) != 0)
        return -1;
    int ch;
    opterr = 1;
    while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        if (ch == 'h') {
            print_usage(stdout, cmd);
            return 1;
        }
        if (ch == '?' || ch == ':') {
            hint_option(argv[optind - 1]);
            fprintf(stderr, "racelab: see 'racelab %s --help'\n", cmd->name);
            return -1;
        }
        if (apply_option(ch, o) != 0)
            return -1;
    }
    if (optind < argc) {
        fprintf(stderr, "racelab: unexpected argument '%s' (see 'racelab %s --help')\n",
                argv[optind], cmd->name);
        return -1;
    }
    return 0;
}

static int prepare(rl_matrix *m, const rl_options *opt)
{
    char *error = NULL;
    if (rl_matrix_prepare(m, opt, &error) == 0 && rl_matrix_select(m, &error) == 0)
        return 0;
    fprintf(stderr, "racelab: %s\n", error);
    free(error);
    rl_matrix_free(m);
    return -1;
}

static int command_list(rl_options *opt)
{
    rl_matrix m;
    if (prepare(&m, opt) != 0)
        return EXIT_USAGE;
    if (opt->expectations)
        rl_print_expectations(&m, stdout);
    else
        rl_print_list(&m, stdout);
    rl_matrix_free(&m);
    return 0;
}

/* Writes every output of the registry (outputs.h); *written names them. */
static int write_outputs(const rl_matrix *m, char **written)
{
    char *error = NULL;
    if (rl_write_outputs(m, written, &error) != 0) {
        fprintf(stderr, "racelab: %s\n", error);
        free(error);
        return -1;
    }
    return 0;
}

static void report_to_github(const rl_matrix *m, const char *out_dir)
{
    const char *actions = getenv("GITHUB_ACTIONS");
    if (actions == NULL || strcmp(actions, "true") != 0)
        return;
    rl_github_annotate(m, stdout);
    const char *step_summary = getenv("GITHUB_STEP_SUMMARY");
    if (step_summary == NULL || *step_summary == '\0')
        return;
    char *summary = xasprintf("%s/summary.md", out_dir);
    char *error = NULL;
    if (rl_github_step_summary(summary, step_summary, &error) != 0) {
        fprintf(stderr, "racelab: %s\n", error);
        free(error);
    }
    free(summary);
}

static int exit_status(const rl_matrix *m, int run_rc)
{
    rl_counts n = rl_matrix_count(m);
    if (run_rc != 0)
        return EXIT_INTERRUPTED;
    if (n.of[RL_VERDICT_FAIL] || n.of[RL_VERDICT_XPASS])
        return EXIT_VERDICT_FAIL;
    return n.of[RL_VERDICT_ERROR] ? EXIT_ENVIRONMENT : 0;
}

/* Runs into a staging directory and swaps it in only when the run completed and every
 * output was written (out_dir.h). */
static int run_staged(rl_matrix *m, rl_options *opt, const char *out)
{
    rl_spawn_init();
    rl_supervisor_remove_on_death(opt->out_dir); /* the stage, should racelab be killed */
    int run_rc = rl_matrix_run(m);
    rl_print_table(m, stdout);
    if (opt->compare)
        rl_print_compare(m, stdout);
    fflush(stdout);
    if (run_rc != 0) {
        fprintf(stderr, "racelab: interrupted: the previous results in %s are kept\n", out);
        return EXIT_INTERRUPTED;
    }
    char *error = NULL;
    char *written = NULL;
    if (write_outputs(m, &written) != 0 || rl_out_commit(out, opt->out_dir, &error) != 0) {
        fprintf(stderr, "racelab: %s%sthe previous results in %s are kept\n",
                error ? error : "", error ? "; " : "", out);
        free(error);
        free(written);
        return EXIT_ENVIRONMENT;
    }
    fprintf(stderr, "racelab: wrote %s in %s\n", written, out);
    free(written);
    report_to_github(m, out);
    rl_counts n = rl_matrix_count(m);
    if (n.of[RL_VERDICT_XPASS])
        fprintf(stderr, "racelab: XPASS: %zu known blind spot(s) were detected: the tool now "
                        "sees the bug; update the expectation in case.ini\n",
                n.of[RL_VERDICT_XPASS]);
    return exit_status(m, run_rc);
}

static int command_run(rl_options *opt)
{
    rl_matrix m;
    if (prepare(&m, opt) != 0)
        return EXIT_USAGE;
    const char *out = opt->out_dir;
    char *stage = NULL, *error = NULL;
    int locked = rl_out_lock(out, &error); /* one run at a time per --out */
    if (locked != RL_OUT_LOCKED) {
        fprintf(stderr, "racelab: %s\n", error);
        free(error);
        rl_matrix_free(&m);
        return EXIT_USAGE; /* busy, or not a usable directory: exit 2 at once */
    }
    if (rl_out_stage(out, &stage, &error) != 0) {
        /* no room is the machine's fault (exit 3); an unusable --out is the caller's (2) */
        bool full = errno == ENOSPC || errno == EDQUOT;
        fprintf(stderr, "racelab: %s\n", error);
        free(error);
        rl_matrix_free(&m);
        return full ? EXIT_ENVIRONMENT : EXIT_USAGE;
    }
    opt->out_dir = stage;
    rl_run_meta meta;
    char *root = rl_repository_root(&m);
    rl_run_meta_collect(&meta, root, stage, opt->argc, opt->argv);
    free(root);
    m.meta = &meta;
    int rc = run_staged(&m, opt, out);
    rl_run_meta_free(&meta);
    rl_out_abandon(stage); /* gone already when committed */
    opt->out_dir = out;
    free(stage);
    rl_matrix_free(&m);
    return rc;
}

static int command_observe(rl_options *opt)
{
    rl_matrix m;
    if (prepare(&m, opt) != 0)
        return EXIT_USAGE;
    rl_spawn_init();
    int rc = rl_matrix_run(&m);
    rl_print_observations(&m, stdout);
    rl_matrix_free(&m);
    return rc == 0 ? 0 : EXIT_INTERRUPTED;
}

/* The doctor works on the canary case alone: the user's cases need not even load. */
static int command_doctor(rl_options *opt)
{
    opt->cases_dir = opt->canaries_dir;
    opt->cases = NULL;
    opt->n_cases = 0;
    rl_matrix m;
    if (prepare(&m, opt) != 0)
        return EXIT_USAGE;
    rl_spawn_init();
    rl_matrix_probe_versions(&m);
    char *error = NULL;
    rl_canary_result *res = rl_canaries_check(&m, false, &error);
    if (res == NULL) {
        fprintf(stderr, "racelab: %s\n", error);
        free(error);
        rl_matrix_free(&m);
        return EXIT_ENVIRONMENT;
    }
    size_t broken = 0;
    for (size_t t = 0; t < m.n_tools; t++) {
        const rl_canary_result *r = &res[t];
        broken += !r->ok;
        printf("%-7s %-15s %s", r->ok ? "ok" : "BROKEN", m.tools[t]->name,
               r->ok ? (r->found ? r->found : "works") : r->problem);
        if (r->ok && m.tool_versions[t])
            printf(" [%s]", m.tool_versions[t]);
        putchar('\n');
    }
    printf("%zu of %zu tools work%s\n", m.n_tools - broken, m.n_tools,
           broken ? "; the cells of a broken tool are `error` until it is fixed" : "");
    rl_canary_results_free(res, m.n_tools);
    rl_matrix_free(&m);
    return broken ? EXIT_ENVIRONMENT : 0;
}

static int command_packages(rl_options *opt)
{
    rl_tool_setup setup;
    char *error = NULL;
    if (rl_tool_setup_load(opt->tools_path, &setup, &error) != 0) {
        fprintf(stderr, "racelab: %s\n", error);
        free(error);
        return EXIT_USAGE;
    }
    for (size_t t = 0; t < setup.n_tools; t++) {
        const char *optional = setup.tools[t].optional;
        bool chosen = opt->n_tools == 0 && optional == NULL;
        for (size_t i = 0; i < opt->n_with && !chosen && optional; i++)
            chosen = strcmp(opt->with[i], optional) == 0;
        for (size_t i = 0; i < opt->n_tools && !chosen; i++)
            chosen = strcmp(opt->tools[i], setup.tools[t].tool) == 0;
        for (size_t p = 0; chosen && p < setup.tools[t].n_packages; p++)
            printf("%s\n", setup.tools[t].packages[p]);
    }
    rl_tool_setup_free(&setup);
    return 0;
}

/* A run of the families' tools, then the cells where versions differ, side by side. */
static int command_compare(rl_options *opt)
{
    return command_run(opt);
}

static int command_kinds(rl_options *opt)
{
    (void)opt;
    for (int k = 0; k < RL_KIND_COUNT; k++)
        printf("%-22s %s\n", rl_kind_name((rl_kind)k), rl_kind_about((rl_kind)k)->meaning);
    return 0;
}

static int command_diff(int argc, char **argv)
{
    return rl_diff_command(argc - 1, argv + 1);
}

static int command_merge(int argc, char **argv)
{
    rl_merged merged;
    memset(&merged, 0, sizeof merged);
    default_options(&merged.opt);
    int rc = rl_merge_load(argc, argv, &merged);
    if (rc == 0 && rl_mkdir_p(merged.opt.out_dir) != 0) {
        fprintf(stderr, "racelab: merge: cannot create %s\n", merged.opt.out_dir);
        rc = EXIT_ENVIRONMENT;
    } else if (rc == 0) {
        rl_print_table(&merged.m, stdout);
        fflush(stdout);
        char *written = NULL;
        rc = write_outputs(&merged.m, &written) != 0 ? EXIT_ENVIRONMENT
                                                    : exit_status(&merged.m, 0);
        if (written)
            fprintf(stderr, "racelab: wrote %s in %s\n", written, merged.opt.out_dir);
        free(written);
        report_to_github(&merged.m, merged.opt.out_dir);
    } else if (rc == 1) {
        rc = 0; /* --help */
    }
    rl_merged_free(&merged);
    return rc;
}

static int unknown_command(const char *name)
{
    const char *names[N_COMMANDS];
    for (size_t i = 0; i < N_COMMANDS; i++)
        names[i] = commands[i].name;
    char *hint = rl_name_hint(name, names, N_COMMANDS);
    fprintf(stderr, "racelab: unknown command '%s'%s\n", name, hint);
    free(hint);
    return EXIT_USAGE;
}

int main(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 ||
        strcmp(argv[1], "help") == 0) {
        print_usage(argc < 2 ? stderr : stdout, NULL);
        return argc < 2 ? EXIT_USAGE : 0;
    }
    const command *cmd = find_command(argv[1]);
    if (cmd == NULL)
        return unknown_command(argv[1]);
    if (cmd->run_args)
        return cmd->run_args(argc, argv);
    rl_options opt;
    default_options(&opt);
    opt.argc = argc;
    opt.argv = argv;
    opt.observe = cmd->run == command_observe;
    opt.compare = cmd->run == command_compare;
    char *with_words = NULL;
    with_from_environment(&opt, &with_words);
    int rc = parse_options(argc - 1, argv + 1, cmd, &opt);
    if (rc == 0)
        rc = cmd->run(&opt);
    else
        rc = rc > 0 ? 0 : EXIT_USAGE;
    free(opt.cases);
    free(opt.tools);
    free(opt.with);
    free(opt.families);
    free(with_words);
    return rc;
}
