// add-greet: the smallest guest, written in C with hand-written canonical ABI
// glue (no wit-bindgen). Built twice by ../build.sh:
//   * out/add-greet.core.wasm  - this module as is: the benchmark "floor",
//                                called directly as core wasm (no component).
//   * out/add-greet.wasm       - the same module wrapped as a component of
//                                world `add-greet` (world.wit).
//
// Canonical ABI shapes (CanonicalABI.md, "Flattening"):
//   add:   (i32, i32) -> i32
//   greet: (ptr: i32, len: i32) -> i32   ; string param is 2 flat values,
//          the string result is 2 values > MAX_FLAT_RESULTS=1, so it is
//          returned through a pointer to a (ptr, len) pair in linear memory.
//   cabi_post_greet(retptr) frees the returned string after the host copied it.
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cabi.h"

EXPORT("add")
uint32_t add(uint32_t a, uint32_t b) {
    return a + b; // wraps mod 2^32, as u32 arithmetic in the component model
}

static const char PREFIX[] = "Hello, ";
#define PREFIX_LEN (sizeof(PREFIX) - 1)

// The (ptr, len) pair the string result is returned through.
static uint32_t greet_ret[2];

EXPORT("greet")
uint32_t *greet(char *name, size_t len) {
    size_t out_len = PREFIX_LEN + len + 1;
    char *out = malloc(out_len);
    if (!out) __builtin_trap();
    memcpy(out, PREFIX, PREFIX_LEN);
    memcpy(out + PREFIX_LEN, name, len);
    out[out_len - 1] = '!';
    // The argument was allocated by the host through cabi_realloc; an empty
    // one may not have been allocated at all (see cabi_realloc).
    if (len) free(name);
    greet_ret[0] = (uint32_t)(uintptr_t)out;
    greet_ret[1] = (uint32_t)out_len;
    return greet_ret;
}

EXPORT("cabi_post_greet")
void cabi_post_greet(uint32_t *ret) {
    free((void *)(uintptr_t)ret[0]);
}
