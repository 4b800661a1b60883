// cabi.h: the canonical-ABI glue every C guest needs, written once (no
// wit-bindgen here: each guest spells out its own lifting and lowering).
// Include it in exactly one translation unit: it defines the exported
// cabi_realloc.
//
//   EXPORT("name")          export a function under its component-level name
//   IMPORT("module", "f")   import a function the component links in
//   cabi_realloc            realloc as the canonical ABI calls it to lower
//                           arguments into this module's memory
//   cabi_free(p, len)       frees what the host lowered into cabi_realloc
//                           memory (a string or list argument), if anything
#ifndef WITBOX_GUEST_CABI_H
#define WITBOX_GUEST_CABI_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#define EXPORT(name) __attribute__((export_name(name)))
#define IMPORT(module, name) __attribute__((import_module(module), import_name(name)))

// Where zero-length allocations point: aligned for any ABI type, never freed.
static _Alignas(8) char empty_block[8];

// realloc(old_ptr, old_size, align, new_size). malloc's 16-byte alignment
// covers every alignment the ABI asks for (at most 8). A zero-size request
// (the spec lowers "" with realloc(0, 0, 1, 0)) gets empty_block. Hosts may
// also skip realloc for empty strings and lists and pass any aligned pointer
// with length 0 (jco 1.35 passes 1), so a zero-length argument is never freed.
EXPORT("cabi_realloc")
void *cabi_realloc(void *old_ptr, size_t old_size, size_t align, size_t new_size) {
    (void)align;
    if (new_size == 0) {
        if (old_ptr && old_ptr != empty_block && old_size) free(old_ptr);
        return empty_block;
    }
    if (old_ptr == empty_block || old_size == 0) old_ptr = NULL;
    void *p = realloc(old_ptr, new_size);
    if (!p) __builtin_trap();
    return p;
}

// Frees a string or list argument of `len` elements the host lowered.
static inline void cabi_free(void *p, size_t len) {
    if (p && p != empty_block && len) free(p);
}

#endif
