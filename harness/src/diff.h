/* `racelab diff OLD.json NEW.json`: the cells whose outcome changed between two runs'
 * results.json, grouped by tool, as text or (--markdown) for a pull-request comment. */
#ifndef RACELAB_DIFF_H
#define RACELAB_DIFF_H

/* argv[0] is "diff". Returns the exit status: 0 no regression, 1 regressions, 2 bad usage
 * or input (the message names the file and line). */
int rl_diff_command(int argc, char **argv);

/* The Wilson score interval of k successes in n trials at 95 % (z = 1.96). */
void rl_wilson_interval(double k, double n, double *low, double *high);

#endif
