/* --shard K/N on real cases (five of them, every tool): the N shards split the cells
 * without overlap or loss, keep whole program rows, come out the same every time, and the
 * most loaded shard stays within the longest-processing-time bound, 4/3 of the best split
 * possible (which is at least the average load and at least the costliest row). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "shard.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SOURCE RACELAB_SOURCE_DIR

static char *cases[] = {"atomic_publish", "counter", "double_checked_init", "fork_global",
                        "lock_not_released"};

static double prepare(rl_matrix *m, rl_options *o, unsigned k, unsigned n)
{
    memset(o, 0, sizeof *o);
    o->cases = cases;
    o->n_cases = sizeof cases / sizeof cases[0];
    o->cases_dir = SOURCE "/cases";
    o->tools_path = SOURCE "/harness/tools.json";
    o->build_dir = ".";
    o->repeat = 1;
    o->shard_index = k;
    o->shard_count = n;
    char *error = NULL;
    assert_int_equal(rl_matrix_prepare(m, o, &error), 0);
    assert_int_equal(rl_matrix_select(m, &error), 0);
    double cost = 0;
    for (size_t i = 0; i < m->n_cells; i++)
        cost += rl_cell_cost(&m->cells[i]);
    return cost;
}

/* The index of the cell of `whole` with the same case, program and tool (n_cells: none). */
static size_t find_cell(const rl_matrix *whole, const rl_cell *cell)
{
    for (size_t w = 0; w < whole->n_cells; w++) {
        const rl_cell *x = &whole->cells[w];
        if (strcmp(x->c->name, cell->c->name) == 0 &&
            strcmp(x->program->name, cell->program->name) == 0 &&
            strcmp(x->tool->name, cell->tool->name) == 0)
            return w;
    }
    return whole->n_cells;
}

static void test_parse(void **state)
{
    (void)state;
    unsigned k, n;
    assert_int_equal(rl_parse_shard("2/4", &k, &n), 0);
    assert_int_equal(k, 2);
    assert_int_equal(n, 4);
    const char *bad[] = {"0/4", "5/4", "1/0", "1", "1/", "/4", "a/b", "1/4x", "1/1001"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(rl_parse_shard(bad[i], &k, &n), -1);
}

static void test_four_shards(void **state)
{
    (void)state;
    rl_options o;
    rl_matrix whole;
    double total = prepare(&whole, &o, 0, 0), costliest_row = 0;
    for (size_t i = 0; i < whole.n_cells; i += whole.n_tools) {
        double row = 0;
        for (size_t t = 0; t < whole.n_tools; t++)
            row += rl_cell_cost(&whole.cells[i + t]);
        costliest_row = row > costliest_row ? row : costliest_row;
    }
    char *seen = calloc(whole.n_cells, 1);
    double max_load = 0;
    for (unsigned k = 1; k <= 4; k++) {
        rl_options ko, again_o;
        rl_matrix shard, again;
        double load = prepare(&shard, &ko, k, 4);
        assert_int_equal(prepare(&again, &again_o, k, 4), load); /* deterministic */
        assert_int_equal(shard.n_cells, again.n_cells);
        assert_int_equal(shard.n_tools, whole.n_tools);           /* whole rows */
        assert_int_equal(shard.n_cells % whole.n_tools, 0);
        for (size_t i = 0; i < shard.n_cells; i++) {
            size_t w = find_cell(&whole, &shard.cells[i]);
            assert_true(w < whole.n_cells);
            assert_false(seen[w]); /* in no other shard */
            seen[w] = 1;
        }
        printf("shard %u/4: %zu cells, expected cost %.0f of %.0f\n", k, shard.n_cells, load, total);
        max_load = load > max_load ? load : max_load;
        rl_matrix_free(&shard);
        rl_matrix_free(&again);
    }
    for (size_t w = 0; w < whole.n_cells; w++)
        assert_true(seen[w]); /* nothing lost */
    double best_bound = total / 4 > costliest_row ? total / 4 : costliest_row;
    assert_true(max_load <= best_bound * 4 / 3);
    free(seen);
    rl_matrix_free(&whole);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_four_shards),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
