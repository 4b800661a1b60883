// touch: dirties `mb` MiB of linear memory on a call, for the performance
// suite's memory-per-instance and pool reset-cost figures. Linked with a
// 256 MB maximum memory (../build.sh): a plugin that declares far more than it
// touches. The buffer is kept in a global so the writes can't be optimised
// away, and reused across calls of an instance that keeps its state.
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define EXPORT(name) __attribute__((export_name(name)))

static unsigned char *buffer;
static size_t capacity;
static uint32_t calls;

EXPORT("touch")
uint32_t touch(uint32_t mb) {
    size_t size = (size_t)mb << 20;
    if (size > capacity) {
        free(buffer);
        buffer = malloc(size);
        if (!buffer) __builtin_trap();
        capacity = size;
    }
    calls++;
    memset(buffer, (int)(calls & 0xff), size);
    uint32_t sum = 0;
    // read back one byte a page: proves the writes landed without doubling the work
    for (size_t i = 0; i < size; i += 4096) sum += buffer[i];
    return sum * 4096;
}

// Memory the instance holds but never writes: for the figure showing that a
// pool's reset costs what was dirtied, not the size of the memory.
EXPORT("grow")
uint32_t grow(uint32_t mb) {
    return (uint32_t)__builtin_wasm_memory_grow(0, (size_t)mb * 16);
}
