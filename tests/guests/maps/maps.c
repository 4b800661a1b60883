// maps: a guest passing map<K, V> both ways, with hand-written canonical ABI
// glue. A map is, to the ABI, list<tuple<K, V>> (CanonicalABI.md,
// despecialize): a (ptr, len) pair of entries laid out as tuples, every pair
// kept in order, duplicates included. Built by ../build.sh twice: world maps-only
// into out/maps.wasm (exports only, for the jco oracle) and, with -DWITH_TALLY,
// world maps-app into out/imports/maps-app.wasm (also imports tally, a host
// interface taking a map, and exports relay.host-sum, which calls it).
//
// Entry layouts (tuple = record of its elements):
//   tuple<string, u32>        { key (ptr,len) @0, value u32 @8 }                  size 12, align 4
//   tuple<u32, string>        { key u32 @0, value (ptr,len) @4 }                  size 12, align 4
//   tuple<string, list<u8>>   { key (ptr,len) @0, value (ptr,len) @8 }            size 16, align 4
//   tuple<string, s64>        { key (ptr,len) @0, value s64 @8 }                  size 16, align 8
//   tuple<u32, option<map<string, s64>>>
//                             { key u32 @0, is-some u8 @4, inner (ptr,len) @8 }   size 16, align 4
//   tuple<char, string>       { key u32 @0, value (ptr,len) @4 }                  size 12, align 4
//   option<string>            { disc u8 @0, (ptr,len) @4 }                        size 12, align 4
// Arguments the host lowers into our memory are ours to free; results we
// return are freed by the post-return functions once the host has read them.
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cabi.h"

#define MAPS "demo:maps/maps@0.1.0"
#define TALLY "demo:maps/tally@0.1.0"
#define RELAY "demo:maps/relay@0.1.0"

typedef struct { char *ptr; uint32_t len; } str_t;
typedef struct { uint8_t *ptr; uint32_t len; } bytes_t;
typedef struct { str_t key; uint32_t value; } su_entry;
typedef struct { uint32_t key; str_t value; } us_entry;
typedef struct { str_t key; bytes_t value; } sb_entry;
typedef struct { str_t key; int64_t value; } sl_entry;
typedef struct { uint32_t key; uint8_t is_some; struct { sl_entry *ptr; uint32_t len; } inner; } nested_entry;
typedef struct { uint32_t key; str_t value; } cs_entry;
typedef struct { void *ptr; uint32_t len; } list_t;
typedef struct { uint8_t is_some; str_t value; } option_string_t;

_Static_assert(sizeof(su_entry) == 12, "tuple<string, u32>");
_Static_assert(sizeof(us_entry) == 12, "tuple<u32, string>");
_Static_assert(sizeof(sb_entry) == 16, "tuple<string, list<u8>>");
_Static_assert(sizeof(sl_entry) == 16 && _Alignof(sl_entry) == 8, "tuple<string, s64>");
_Static_assert(sizeof(nested_entry) == 16, "tuple<u32, option<map<string, s64>>>");
_Static_assert(sizeof(cs_entry) == 12, "tuple<char, string>");
_Static_assert(sizeof(option_string_t) == 12, "option<string>");

static void free_su(su_entry *m, uint32_t n) {
    for (uint32_t i = 0; i < n; i++) cabi_free(m[i].key.ptr, m[i].key.len);
    cabi_free(m, n * sizeof(su_entry));
}

static list_t list_ret;

// ---------------------------------------------------------------- count

EXPORT(MAPS "#count")
uint32_t count(su_entry *m, uint32_t n) {
    uint32_t sum = 0;
    for (uint32_t i = 0; i < n; i++) sum += m[i].value;
    free_su(m, n);
    return sum;
}

// ---------------------------------------------------------------- invert

EXPORT(MAPS "#invert")
list_t *invert(su_entry *m, uint32_t n) {
    us_entry *out = n ? malloc(n * sizeof(us_entry)) : NULL;
    if (n && !out) __builtin_trap();
    for (uint32_t i = 0; i < n; i++) {
        out[i].key = m[i].value;
        out[i].value = m[i].key; // the string moves to the result
    }
    cabi_free(m, n * sizeof(su_entry));
    list_ret.ptr = out;
    list_ret.len = n;
    return &list_ret;
}

EXPORT("cabi_post_" MAPS "#invert")
void post_invert(list_t *ret) {
    us_entry *m = ret->ptr;
    for (uint32_t i = 0; i < ret->len; i++) cabi_free(m[i].value.ptr, m[i].value.len);
    cabi_free(m, ret->len * sizeof(us_entry));
}

// ---------------------------------------------------------------- echo

EXPORT(MAPS "#echo")
list_t *echo(sb_entry *m, uint32_t n) {
    list_ret.ptr = m; // the host's allocations go back to it as they are
    list_ret.len = n;
    return &list_ret;
}

EXPORT("cabi_post_" MAPS "#echo")
void post_echo(list_t *ret) {
    sb_entry *m = ret->ptr;
    for (uint32_t i = 0; i < ret->len; i++) {
        cabi_free(m[i].key.ptr, m[i].key.len);
        cabi_free(m[i].value.ptr, m[i].value.len);
    }
    cabi_free(m, ret->len * sizeof(sb_entry));
}

// ---------------------------------------------------------------- nested

EXPORT(MAPS "#nested")
int64_t nested(nested_entry *m, uint32_t n) {
    int64_t sum = 0;
    for (uint32_t i = 0; i < n; i++) {
        sum += m[i].key;
        if (!m[i].is_some) continue;
        sl_entry *inner = m[i].inner.ptr;
        for (uint32_t j = 0; j < m[i].inner.len; j++) {
            sum += inner[j].value + (int64_t)inner[j].key.len;
            cabi_free(inner[j].key.ptr, inner[j].key.len);
        }
        cabi_free(inner, m[i].inner.len * sizeof(sl_entry));
    }
    cabi_free(m, n * sizeof(nested_entry));
    return sum;
}

// ---------------------------------------------------------------- lookup

static option_string_t option_ret;

EXPORT(MAPS "#lookup")
option_string_t *lookup(cs_entry *m, uint32_t n, uint32_t k) {
    option_ret.is_some = 0;
    option_ret.value.ptr = NULL;
    option_ret.value.len = 0;
    for (uint32_t i = 0; i < n; i++) {
        if (!option_ret.is_some && m[i].key == k) {
            option_ret.is_some = 1;
            option_ret.value = m[i].value; // moves to the result
        } else {
            cabi_free(m[i].value.ptr, m[i].value.len);
        }
    }
    cabi_free(m, n * sizeof(cs_entry));
    return &option_ret;
}

EXPORT("cabi_post_" MAPS "#lookup")
void post_lookup(option_string_t *ret) {
    if (ret->is_some) cabi_free(ret->value.ptr, ret->value.len);
}

// ---------------------------------------------------------------- dupes

static su_entry dupes_entries[3] = {
    {{"a", 1}, 1},
    {{"b", 1}, 7},
    {{"a", 1}, 2},
};

EXPORT(MAPS "#dupes")
list_t *dupes(void) {
    list_ret.ptr = dupes_entries; // static: nothing to free after the call
    list_ret.len = 3;
    return &list_ret;
}

// ---------------------------------------------------------------- host-sum

#ifdef WITH_TALLY
IMPORT(TALLY, "sum") extern uint64_t tally_sum(su_entry *entries, uint32_t count);

EXPORT(RELAY "#host-sum")
uint64_t host_sum(su_entry *m, uint32_t n) {
    uint64_t sum = tally_sum(m, n) + 1;
    free_su(m, n);
    return sum;
}
#endif
