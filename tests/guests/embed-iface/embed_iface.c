// embed-iface: a core module whose world (world.wit) imports an interface and
// a world-level function and exports an interface and a world-level function,
// with hand-written canonical ABI glue. Built by ../build.sh into
// out/embed-iface.embed.wasm: the core module with its world embedded in a
// `component-type` custom section (`wasm-tools component embed`), NOT a
// component. Names follow the canonical core module conventions
// (CanonicalABI.md): imports "<iface>" "<func>" and "$root" "<func>", exports
// "<iface>#<func>" and "<func>", plus cabi_realloc, cabi_post_*, memory.
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cabi.h"

#define HOST "demo:embed/host@0.1.0"
#define API "demo:embed/api@0.1.0"

IMPORT(HOST, "log") extern void host_log(const char *msg, size_t len);
IMPORT(HOST, "base") extern uint32_t host_base(void);
IMPORT("$root", "now") extern uint64_t root_now(void);

static uint32_t shout_ret[2];

EXPORT(API "#shout")
uint32_t *shout(char *msg, size_t len) {
    host_log(msg, len); // the host lifts the string out of our memory
    char *out = malloc(len + 1);
    if (!out) __builtin_trap();
    for (size_t i = 0; i < len; i++) {
        char c = msg[i];
        out[i] = (c >= 'a' && c <= 'z') ? (char)(c - 32) : c;
    }
    out[len] = '!';
    if (len) free(msg);
    shout_ret[0] = (uint32_t)(uintptr_t)out;
    shout_ret[1] = (uint32_t)(len + 1);
    return shout_ret;
}

EXPORT("cabi_post_" API "#shout")
void cabi_post_shout(uint32_t *ret) {
    free((void *)(uintptr_t)ret[0]);
}

EXPORT(API "#offset")
uint32_t offset(uint32_t x) {
    return host_base() + x;
}

EXPORT("stamp")
uint64_t stamp(void) {
    return root_now() + 1;
}
