// blobstore: a guest that imports a resource the host implements (store.blob:
// constructor, methods, a static function, a result carrying a handle) and
// exports functions that create, merge, borrow, take and hand back blobs
// (api), and a resource of the world itself (tag, imported at world level,
// module "$root") used by world-level exports, with hand-written canonical
// ABI glue. Built by ../build.sh into
// out/imports/blobstore.wasm; TypedHostResourcesTest drives it.
//
// Handles of the imported blob are i32 indices into this instance's handle
// table. Layouts (CanonicalABI.md):
//   result<blob, string>   { disc u8 @0, handle i32 @4 | (ptr,len) @4 }  size 12, align 4
//   result<string, string> { disc u8 @0, (ptr,len) @4 }                 size 12, align 4
//   list<u8> result        (ptr,len) written at the return pointer
//   list<string>           (ptr,len) of (ptr,len) pairs
// Strings and lists the host passes in are allocated with cabi_realloc and
// are ours to free; a borrow<blob> we are lent must be dropped before the
// export returns.
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cabi.h"

#define STORE "host:store/store@0.1.0"
#define API "host:store/api@0.1.0"

typedef struct { char *ptr; uint32_t len; } str_t;
typedef struct { uint8_t is_err; union { int32_t ok; str_t err; } val; } result_blob_string_t;
typedef struct { uint8_t is_err; str_t val; } result_string_string_t;

_Static_assert(sizeof(result_blob_string_t) == 12, "result<blob, string> layout");
_Static_assert(sizeof(result_string_string_t) == 12, "result<string, string> layout");

IMPORT(STORE, "[constructor]blob") extern int32_t blob_new(const uint8_t *ptr, uint32_t len);
IMPORT(STORE, "[method]blob.read") extern void blob_read(int32_t self, uint64_t offset, uint32_t len, str_t *ret);
IMPORT(STORE, "[method]blob.append") extern void blob_append(int32_t self, const uint8_t *ptr, uint32_t len);
IMPORT(STORE, "[method]blob.size") extern uint64_t blob_size(int32_t self);
IMPORT(STORE, "[static]blob.merge") extern int32_t blob_merge(int32_t a, int32_t b);
IMPORT(STORE, "open") extern void store_open(const char *ptr, uint32_t len, result_blob_string_t *ret);
IMPORT(STORE, "[resource-drop]blob") extern void blob_drop(int32_t handle);
IMPORT("$root", "[constructor]tag") extern int32_t tag_new(const char *ptr, uint32_t len);
IMPORT("$root", "[method]tag.label") extern void tag_label(int32_t self, str_t *ret);
IMPORT("$root", "[resource-drop]tag") extern void tag_drop(int32_t handle);

// ---------------------------------------------------------------- make, hold

// an empty blob with `text` appended: the constructor, then a method
static int32_t blob_of(char *text, size_t len) {
    int32_t blob = blob_new(NULL, 0);
    blob_append(blob, (const uint8_t *)text, (uint32_t)len);
    cabi_free(text, len);
    return blob;
}

EXPORT(API "#make")
int32_t make(char *text, size_t len) {
    return blob_of(text, len); // the own handle moves to the host
}

static int32_t held[64];
static uint32_t held_count;

EXPORT(API "#hold")
uint32_t hold(char *text, size_t len) {
    int32_t blob = blob_of(text, len);
    if (held_count == sizeof(held) / sizeof(held[0])) __builtin_trap();
    held[held_count++] = blob;
    return held_count;
}

// ---------------------------------------------------------------- concat

EXPORT(API "#concat")
uint64_t concat(str_t *parts, size_t count) {
    int32_t acc = blob_new(NULL, 0);
    for (size_t i = 0; i < count; i++) {
        int32_t part = blob_new((const uint8_t *)parts[i].ptr, parts[i].len);
        int32_t merged = blob_merge(acc, part); // lends both
        blob_drop(acc);
        blob_drop(part);
        acc = merged;
        cabi_free(parts[i].ptr, parts[i].len);
    }
    cabi_free(parts, count * sizeof(str_t));
    uint64_t size = blob_size(acc);
    blob_drop(acc);
    return size;
}

// ---------------------------------------------------------------- consume, measure, forge

EXPORT(API "#consume")
uint64_t consume(int32_t blob) {
    uint64_t size = blob_size(blob);
    blob_drop(blob); // ours now: dropping it destroys it
    return size;
}

EXPORT(API "#measure")
uint64_t measure(int32_t blob) {
    uint64_t size = blob_size(blob);
    blob_drop(blob); // a borrow we were lent ends before we return
    return size;
}

EXPORT(API "#forge")
uint64_t forge(uint32_t index) {
    return blob_size((int32_t)index);
}

// ---------------------------------------------------------------- open-and-read

static result_string_string_t read_ret;

EXPORT(API "#open-and-read")
result_string_string_t *open_and_read(char *name, size_t len) {
    result_blob_string_t opened;
    store_open(name, (uint32_t)len, &opened);
    cabi_free(name, len);
    if (opened.is_err) {
        read_ret.is_err = 1;
        read_ret.val = opened.val.err; // the host's allocation goes back to it as is
        return &read_ret;
    }
    int32_t blob = opened.val.ok;
    uint64_t size = blob_size(blob);
    blob_read(blob, 0, (uint32_t)size, &read_ret.val);
    blob_drop(blob);
    read_ret.is_err = 0;
    return &read_ret;
}

EXPORT("cabi_post_" API "#open-and-read")
void post_open_and_read(result_string_string_t *ret) {
    cabi_free(ret->val.ptr, ret->val.len);
}

// ---------------------------------------------------------------- describe, label-of (world level)

static str_t string_ret;

EXPORT("describe")
str_t *describe(char *label, size_t len, int32_t blob) {
    int32_t tag = tag_new(label, (uint32_t)len);
    cabi_free(label, len);
    str_t read_back;
    tag_label(tag, &read_back);
    tag_drop(tag);
    uint64_t size = blob_size(blob);
    blob_drop(blob); // a borrow we were lent
    char digits[24];
    int n = 0;
    do { digits[n++] = (char)('0' + size % 10); size /= 10; } while (size);
    size_t out_len = read_back.len + 2 + n + 1; // "<label> (<size>)"
    char *out = malloc(out_len), *at = out;
    if (!out) __builtin_trap();
    memcpy(at, read_back.ptr, read_back.len); at += read_back.len;
    *at++ = ' '; *at++ = '(';
    for (int k = n - 1; k >= 0; k--) *at++ = digits[k];
    *at++ = ')';
    cabi_free(read_back.ptr, read_back.len);
    string_ret.ptr = out;
    string_ret.len = (uint32_t)out_len;
    return &string_ret;
}

EXPORT("cabi_post_describe")
void post_describe(str_t *ret) {
    cabi_free(ret->ptr, ret->len);
}

EXPORT("label-of")
str_t *label_of(int32_t tag) {
    tag_label(tag, &string_ret); // the host's allocation goes back to it as is
    tag_drop(tag); // a borrow we were lent
    return &string_ret;
}

EXPORT("cabi_post_label-of")
void post_label_of(str_t *ret) {
    cabi_free(ret->ptr, ret->len);
}
