// catalog: a guest that imports an interface the host implements (catalog:
// records, lists, options, a result, strings) and exports functions that call
// it (shop), with hand-written canonical ABI glue. Built by ../build.sh into
// out/catalog.wasm (the component) and out/catalog.core.wasm (this module as
// is, for the benchmark floor, which stubs the imports).
//
// Layouts (CanonicalABI.md):
//   item          { id u32 @0, name (ptr,len) @4, price-cents u64 @16, tags (ptr,len) @24 }  size 32, align 8
//   option<item>  { disc u8 @0, item @8 }                                                   size 40, align 8
//   result<u64, string> { disc u8 @0, u64 or (ptr,len) @8 }                                 size 16, align 8
//   option<string>      { disc u8 @0, (ptr,len) @4 }                                        size 12, align 4
//   line          { item-id u32 @0, quantity u32 @4 }                                       size 8, align 4
//   order (flat)  customer (ptr,len), lines (ptr,len)
// A lowered import whose result flattens to more than one value takes a
// pointer to where the host writes it; the host allocates the strings and
// lists in it with cabi_realloc, and they are ours to free.
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cabi.h"

#define CATALOG "host:app/catalog@0.1.0"
#define SHOP "host:app/shop@0.1.0"

typedef struct { char *ptr; uint32_t len; } str_t;
typedef struct { uint32_t id; str_t name; uint64_t price_cents; struct { str_t *ptr; uint32_t len; } tags; } item_t;
typedef struct { uint8_t is_some; item_t item; } option_item_t;
typedef struct { uint8_t is_err; union { uint64_t ok; str_t err; } val; } result_u64_string_t;
typedef struct { uint32_t item_id; uint32_t quantity; } line_t;

_Static_assert(sizeof(item_t) == 32, "item layout");
_Static_assert(sizeof(option_item_t) == 40, "option<item> layout");
_Static_assert(sizeof(result_u64_string_t) == 16, "result layout");

IMPORT(CATALOG, "lookup") extern void catalog_lookup(uint32_t id, option_item_t *ret);
IMPORT(CATALOG, "reserve") extern void catalog_reserve(uint32_t id, uint32_t quantity, result_u64_string_t *ret);

static void free_item(item_t *item) {
    cabi_free(item->name.ptr, item->name.len);
    for (uint32_t i = 0; i < item->tags.len; i++) cabi_free(item->tags.ptr[i].ptr, item->tags.ptr[i].len);
    cabi_free(item->tags.ptr, item->tags.len * sizeof(str_t));
}

static char *copy_of(const char *s, size_t len) {
    char *out = malloc(len ? len : 1);
    if (!out) __builtin_trap();
    memcpy(out, s, len);
    return out;
}

// ---------------------------------------------------------------- describe

static _Alignas(4) uint32_t describe_ret[3];

EXPORT(SHOP "#describe")
uint32_t *describe(uint32_t id) {
    option_item_t found;
    catalog_lookup(id, &found);
    describe_ret[0] = found.is_some;
    describe_ret[1] = 0;
    describe_ret[2] = 0;
    if (!found.is_some) return describe_ret;
    item_t *item = &found.item;
    size_t len = item->name.len + 3; // "name [" ... "]"
    for (uint32_t i = 0; i < item->tags.len; i++) len += item->tags.ptr[i].len + (i ? 1 : 0);
    char *out = malloc(len), *at = out;
    if (!out) __builtin_trap();
    memcpy(at, item->name.ptr, item->name.len); at += item->name.len;
    *at++ = ' '; *at++ = '[';
    for (uint32_t i = 0; i < item->tags.len; i++) {
        if (i) *at++ = ',';
        memcpy(at, item->tags.ptr[i].ptr, item->tags.ptr[i].len); at += item->tags.ptr[i].len;
    }
    *at++ = ']';
    free_item(item);
    describe_ret[1] = (uint32_t)(uintptr_t)out;
    describe_ret[2] = (uint32_t)len;
    return describe_ret;
}

EXPORT("cabi_post_" SHOP "#describe")
void post_describe(uint32_t *ret) {
    if (ret[0]) free((void *)(uintptr_t)ret[1]);
}

// ---------------------------------------------------------------- fetch

static option_item_t fetch_ret;

EXPORT(SHOP "#fetch")
option_item_t *fetch(uint32_t id) {
    catalog_lookup(id, &fetch_ret); // the host's allocations go back to it as they are
    return &fetch_ret;
}

EXPORT("cabi_post_" SHOP "#fetch")
void post_fetch(option_item_t *ret) {
    if (ret->is_some) free_item(&ret->item);
}

// ---------------------------------------------------------------- total, checkout

static result_u64_string_t result_ret;

static void free_order(char *customer, size_t customer_len, line_t *lines, size_t count) {
    cabi_free(customer, customer_len);
    cabi_free(lines, count * sizeof(line_t));
}

EXPORT(SHOP "#total")
result_u64_string_t *total(char *customer, size_t customer_len, line_t *lines, size_t count) {
    uint64_t sum = 0;
    result_ret.is_err = 0;
    for (size_t i = 0; i < count; i++) {
        option_item_t found;
        catalog_lookup(lines[i].item_id, &found);
        if (!found.is_some) {
            char buf[32];
            uint32_t id = lines[i].item_id;
            char digits[12];
            int n = 0;
            do { digits[n++] = (char)('0' + id % 10); id /= 10; } while (id);
            memcpy(buf, "unknown item ", 13);
            for (int k = 0; k < n; k++) buf[13 + k] = digits[n - 1 - k];
            result_ret.is_err = 1;
            result_ret.val.err.ptr = copy_of(buf, 13 + n);
            result_ret.val.err.len = 13 + n;
            free_order(customer, customer_len, lines, count);
            return &result_ret;
        }
        sum += found.item.price_cents * lines[i].quantity;
        free_item(&found.item);
    }
    result_ret.val.ok = sum;
    free_order(customer, customer_len, lines, count);
    return &result_ret;
}

EXPORT("cabi_post_" SHOP "#total")
void post_total(result_u64_string_t *ret) {
    if (ret->is_err) free(ret->val.err.ptr);
}

EXPORT(SHOP "#checkout")
result_u64_string_t *checkout(uint32_t id, uint32_t quantity) {
    result_u64_string_t reserved;
    catalog_reserve(id, quantity, &reserved);
    result_ret = reserved;
    if (reserved.is_err) {
        static const char PREFIX[] = "catalog: ";
        size_t len = sizeof(PREFIX) - 1 + reserved.val.err.len;
        char *out = malloc(len);
        if (!out) __builtin_trap();
        memcpy(out, PREFIX, sizeof(PREFIX) - 1);
        memcpy(out + sizeof(PREFIX) - 1, reserved.val.err.ptr, reserved.val.err.len);
        cabi_free(reserved.val.err.ptr, reserved.val.err.len);
        result_ret.val.err.ptr = out;
        result_ret.val.err.len = (uint32_t)len;
    }
    return &result_ret;
}

EXPORT("cabi_post_" SHOP "#checkout")
void post_checkout(result_u64_string_t *ret) {
    if (ret->is_err) free(ret->val.err.ptr);
}

// ---------------------------------------------------------------- tally

EXPORT(SHOP "#tally")
uint64_t tally(char *customer, size_t customer_len, line_t *lines, size_t count) {
    uint64_t sum = customer_len;
    for (size_t i = 0; i < count; i++) sum += lines[i].quantity;
    free_order(customer, customer_len, lines, count);
    return sum;
}
