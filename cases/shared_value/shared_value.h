/* The driver shared by the shared_value programs: Python's Value('d', 0.0) and
 * Array('i', range(10)) handed to a child, which sets the value to 3.1415927 and negates
 * every element; the parent reads both after join(). A negative control: the programs
 * are correct, so any report a tool makes is a false alarm. */
#ifndef RACELAB_SHARED_VALUE_H
#define RACELAB_SHARED_VALUE_H

#include "racelab_case.h"

#include <stdbool.h>

#define VALUE_ARRAY_LEN 10
#define VALUE_SET_BY_CHILD 3.1415927

typedef struct shared_values {
    double num;                         /* Value('d', 0.0) */
    int arr[VALUE_ARRAY_LEN];           /* Array('i', range(10)) */
} shared_values;

static inline void values_init(shared_values *v)
{
    v->num = 0.0;
    for (int i = 0; i < VALUE_ARRAY_LEN; i++)
        v->arr[i] = i;
}

/* The child's work (the tutorial's f(n, a)). */
static inline void values_update(shared_values *v)
{
    v->num = VALUE_SET_BY_CHILD;
    for (int i = 0; i < VALUE_ARRAY_LEN; i++)
        v->arr[i] = -v->arr[i];
}

static inline int values_verdict(const shared_values *v, const char *how)
{
    bool negated = true;
    for (int i = 0; i < VALUE_ARRAY_LEN; i++)
        negated = negated && v->arr[i] == -i;
    if (v->num != VALUE_SET_BY_CHILD || !negated)
        return rl_result(false, "the parent sees num = %.7f, arr[9] = %d after the child set %.7f "
                         "and negated the array (%s)", v->num, v->arr[9], VALUE_SET_BY_CHILD, how);
    return rl_result(true, "num = %.7f, arr = [0, -1, ..., %d] %s", v->num, v->arr[9], how);
}

#endif
