// A WASI command: wasi-libc's _start through the preview1 command adapter (wasi:cli/run).
// Echoes its arguments and GREETING, copies stdin to stdout, exits with argv[1] as its code.
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv) {
  const char *g = getenv("GREETING");
  printf("%s from wasi-hello, %d args\n", g ? g : "(no greeting)", argc);
  for (int i = 0; i < argc; i++) printf("arg %s\n", argv[i]);
  char buf[256];
  ssize_t n;
  while ((n = read(0, buf, sizeof buf)) > 0) fwrite(buf, 1, (size_t)n, stdout);
  fprintf(stderr, "bye\n");
  return argc > 1 ? atoi(argv[1]) : 0;
}
