/*
 * test_rng.h - the unit tests' deterministic random numbers: xorshift64
 * over a state each test seeds (rng_state = ...) for repeatable runs.
 */
#ifndef LOOPLAB_TESTS_UNIT_TEST_RNG_H
#define LOOPLAB_TESTS_UNIT_TEST_RNG_H

#include <stdint.h>

static uint64_t rng_state;

static uint64_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

#endif
