// The hostile-guest case "a guest writing 1 GiB to stdout": flood(1024) writes 1 GiB of 'x' lines to
// stdout with write(2) (wasi-libc's fd_write, which the preview1 adapter turns into wasi:io stream
// writes) and keeps going as long as the host accepts the bytes. It stops early at the first write
// that fails or is short (the host refused), so a host that refuses costs it no more time.
// Its export takes and returns numbers only, so the module needs no cabi_realloc of its own.
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#define CHUNK (64 * 1024)

__attribute__((export_name("flood")))
uint64_t flood(uint32_t mib) {
  static char chunk[CHUNK];
  memset(chunk, 'x', sizeof chunk);
  for (int i = 63; i < CHUNK; i += 64) chunk[i] = '\n';  // lines, so a line-based sink sees lines
  uint64_t total = 0;
  uint64_t want = (uint64_t)mib * 1024 * 1024;
  while (total < want) {
    ssize_t n = write(1, chunk, sizeof chunk);
    if (n <= 0) break;
    total += (uint64_t)n;
    if (n < (ssize_t)sizeof chunk) break;
  }
  return total;
}
