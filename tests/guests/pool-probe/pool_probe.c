// pool-probe: the guest of the instance-pool tests (engine PluginPoolTest),
// written in C with hand-written canonical ABI glue like add-greet. Each export
// makes one pool behaviour observable from the host: state kept between calls
// (remember/recall/count/occurrences), memory dirtied or grown (dirty, grow,
// bomb), and calls that must end as traps (recurse, spin, crash).
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cabi.h"

#define SECRET_MAX 256
static char secret[SECRET_MAX];
static size_t secret_len;
// a heap copy too, so that FRESH isolation must cover the heap, not just statics
static char *heap_copy;

EXPORT("remember")
void remember(char *s, size_t len) {
    if (len > SECRET_MAX) len = SECRET_MAX;
    memcpy(secret, s, len);
    secret_len = len;
    heap_copy = malloc(len + 1);
    if (!heap_copy) __builtin_trap();
    memcpy(heap_copy, s, len);
    cabi_free(s, len);
}

// The (ptr, len) pair a string result is returned through.
static uint32_t ret_pair[2];

EXPORT("recall")
uint32_t *recall(void) {
    char *out = secret_len ? malloc(secret_len) : empty_block;
    if (!out) __builtin_trap();
    memcpy(out, secret, secret_len);
    ret_pair[0] = (uint32_t)(uintptr_t)out;
    ret_pair[1] = (uint32_t)secret_len;
    return ret_pair;
}

EXPORT("cabi_post_recall")
void cabi_post_recall(uint32_t *ret) {
    cabi_free((char *)(uintptr_t)ret[0], ret[1]);
}

EXPORT("occurrences")
uint32_t occurrences(char *needle, size_t len) {
    uint32_t found = 0;
    if (len == 0) return 0;
    size_t size = __builtin_wasm_memory_size(0) * 65536;
    // address 0 is ordinary linear memory; volatile keeps the compiler from
    // treating the scan as undefined behaviour
    const volatile unsigned char *mem = (const volatile unsigned char *)0;
    for (size_t i = 0; i + len <= size; i++) {
        if (mem[i] != (unsigned char)needle[0] || (const char *)(uintptr_t)i == needle) continue;
        size_t k = 1;
        while (k < len && mem[i + k] == (unsigned char)needle[k]) k++;
        if (k == len) found++;
    }
    cabi_free(needle, len);
    return found;
}

static uint32_t counter;

EXPORT("count")
uint32_t count(void) {
    return ++counter;
}

EXPORT("grow")
int32_t grow(uint32_t pages) {
    return (int32_t)__builtin_wasm_memory_grow(0, pages);
}

EXPORT("bomb")
uint32_t bomb(void) {
    uint32_t got = 0;
    while (__builtin_wasm_memory_grow(0, 16) != (size_t)-1) got += 16;
    return got;
}

#define SCRATCH_KIB 16384
static volatile unsigned char scratch[SCRATCH_KIB * 1024];

EXPORT("dirty")
uint32_t dirty(uint32_t kib) {
    if (kib > SCRATCH_KIB) kib = SCRATCH_KIB;
    uint32_t sum = 0;
    for (size_t i = 0; i < (size_t)kib * 1024; i += 64) {
        scratch[i] = (unsigned char)(i >> 6);
        sum += scratch[i];
    }
    return sum;
}

static volatile uint64_t square_slot;

EXPORT("square")
uint64_t square(uint32_t x) {
    square_slot = x;
    uint64_t v = square_slot;
    square_slot = v * v;
    return square_slot;
}

// Not a tail call (the result is used after the call), and no local has its
// address taken, so each level is a wasm call frame and nothing else.
__attribute__((noinline))
static uint32_t descend(uint32_t depth) {
    if (depth == 0) return 0;
    return descend(depth - 1) * 3 + depth;
}

EXPORT("recurse")
uint32_t recurse(uint32_t depth) {
    return descend(depth);
}

static volatile uint32_t spins;

EXPORT("spin")
uint32_t spin(void) {
    for (;;) spins++;
}

EXPORT("crash")
uint32_t crash(void) {
    __builtin_trap();
}
