/* The driver shared by every double_checked_init program: a configuration object is
 * built lazily by whichever thread first calls get_config(); every thread then reads
 * it. A variant file defines only get_config() (how the lazy initialisation is made
 * safe, or not) and includes this file after it.
 *
 * Timing: the second thread calls get_config() only after the first thread has built
 * and published the object (a timing rail, which orders nothing: see timing_rail.h).
 * So the second thread always takes the fast path (the pointer is already set), the
 * path where double-checked locking goes wrong, and every tool's reports are the same
 * in every run. */
#ifndef RACELAB_LAZY_CONFIG_H
#define RACELAB_LAZY_CONFIG_H

#include "racelab_case.h"
#include "timing_rail.h"

#include <pthread.h>
#include <stdbool.h>

struct config {
    int port;
    int workers;
    int checksum;   /* port * 31 + workers: a reader can tell a half-built object */
};

#define CONFIG_PORT 8080
#define CONFIG_WORKERS 4
#define CONFIG_CHECKSUM (CONFIG_PORT * 31 + CONFIG_WORKERS)

/* Supplied by the variant (defined before this file is included). */
static struct config *get_config(void);

static int config_builds;   /* how often config_build() ran: must be 1 (read after the joins) */
static struct config config_storage; /* where the one object lives (static: see README) */

/* The expensive constructor ("parse the configuration file"). Called with the variant's
 * protection held, at most once. noinline: the tools must name the marked line. */
__attribute__((noinline)) static struct config *config_build(void)
{
    struct config *c = &config_storage;
    *c = (struct config){CONFIG_PORT, CONFIG_WORKERS, CONFIG_CHECKSUM}; /* racelab: config_write */
    config_builds++;
    return c;
}

/* What a user of the object does with it; one line, so every field read is named here. */
__attribute__((noinline)) static bool config_is_whole(const struct config *c)
{
    return c->port == CONFIG_PORT && c->workers == CONFIG_WORKERS && c->checksum == CONFIG_CHECKSUM; /* racelab: config_read */
}

static timing_rail first_user_done; /* scaffolding: the first user has its object */

struct config_user {
    bool second;                /* wait for the first user before calling get_config() */
    const struct config *seen;
    bool whole;
};

static void *config_user_main(void *arg)
{
    struct config_user *user = arg;
    if (user->second)
        rail_wait(&first_user_done);
    user->seen = get_config();
    user->whole = config_is_whole(user->seen);
    if (!user->second)
        rail_pass(&first_user_done);
    return NULL;
}

static int lazy_config_run(void)
{
    struct config_user first = {.second = false}, second = {.second = true};
    pthread_t t1, t2;
    if (pthread_create(&t2, NULL, config_user_main, &second) != 0 ||
        pthread_create(&t1, NULL, config_user_main, &first) != 0)
        rl_die("pthread_create");
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);

    if (config_builds != 1 || first.seen != second.seen)
        return rl_result(false, "the configuration was built %d times (threads got %p and %p)",
                         config_builds, (const void *)first.seen, (const void *)second.seen);
    if (!first.whole || !second.whole)
        return rl_result(false, "a thread read a half-built configuration (first %s, second %s)",
                         first.whole ? "whole" : "half-built", second.whole ? "whole" : "half-built");
    return rl_result(true, "one configuration built, both threads read it whole");
}

#endif
