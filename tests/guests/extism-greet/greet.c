// extism-greet: greet(name) -> "Hello, NAME!" written by hand to Extism's
// plugin ABI (no PDK), for the performance suite's peer figure: the same greet
// as add-greet, called through Extism's pure-Java SDK.
//
// The ABI: an export takes no parameters and returns an i32 status (0 = ok).
// Input and output live in memory the host owns, addressed by 64-bit offsets;
// the plugin reads the input with input_length / input_load_*, asks the host
// for an output block with alloc, fills it with store_*, and hands it back
// with output_set.
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define EXTISM_IMPORT(name) __attribute__((import_module("extism:host/env"), import_name(name)))
#define EXPORT(name) __attribute__((export_name(name)))

EXTISM_IMPORT("input_length") uint64_t extism_input_length(void);
EXTISM_IMPORT("input_load_u8") uint32_t extism_input_load_u8(uint64_t offset);
EXTISM_IMPORT("input_load_u64") uint64_t extism_input_load_u64(uint64_t offset);
EXTISM_IMPORT("alloc") uint64_t extism_alloc(uint64_t length);
EXTISM_IMPORT("store_u8") void extism_store_u8(uint64_t offset, uint32_t value);
EXTISM_IMPORT("store_u64") void extism_store_u64(uint64_t offset, uint64_t value);
EXTISM_IMPORT("output_set") void extism_output_set(uint64_t offset, uint64_t length);

static const char PREFIX[] = "Hello, ";
#define PREFIX_LEN (sizeof(PREFIX) - 1)

// Copies the host's input into `to`: eight bytes at a time, then the tail.
static void read_input(unsigned char *to, uint64_t length) {
    uint64_t i = 0;
    for (; i + 8 <= length; i += 8) {
        uint64_t word = extism_input_load_u64(i);
        memcpy(to + i, &word, 8);
    }
    for (; i < length; i++) to[i] = (unsigned char)extism_input_load_u8(i);
}

// Copies `from` into the host block at `offset`, the same way.
static void write_block(uint64_t offset, const unsigned char *from, uint64_t length) {
    uint64_t i = 0;
    for (; i + 8 <= length; i += 8) {
        uint64_t word;
        memcpy(&word, from + i, 8);
        extism_store_u64(offset + i, word);
    }
    for (; i < length; i++) extism_store_u8(offset + i, from[i]);
}

EXPORT("greet")
int32_t greet(void) {
    uint64_t name_length = extism_input_length();
    uint64_t out_length = PREFIX_LEN + name_length + 1;
    unsigned char *out = malloc(out_length);
    if (!out) return 1;
    memcpy(out, PREFIX, PREFIX_LEN);
    read_input(out + PREFIX_LEN, name_length);
    out[out_length - 1] = '!';
    uint64_t block = extism_alloc(out_length);
    write_block(block, out, out_length);
    free(out);
    extism_output_set(block, out_length);
    return 0;
}
