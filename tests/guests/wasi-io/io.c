// WASI-heavy command for the JMH benchmark (WasiIoBenchmark): writes 10 MB to stdout in 4 KB
// write() calls, then reads the 10 MB file /data/big.bin to its end. Exits 0 when both went through,
// 2 when a write fell short, 3 when the file was not read whole.
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#define MB (1024 * 1024)

int main(void) {
  static char out[4096];
  static char in[64 * 1024];
  memset(out, 'x', sizeof out);
  for (int i = 0; i < 10 * MB / (int)sizeof out; i++) {
    if (write(1, out, sizeof out) != (ssize_t)sizeof out) return 2;
  }
  int fd = open("/data/big.bin", O_RDONLY);
  if (fd < 0) return 3;
  long total = 0;
  ssize_t n;
  while ((n = read(fd, in, sizeof in)) > 0) total += n;
  close(fd);
  return total == 10 * MB ? 0 : 3;
}
