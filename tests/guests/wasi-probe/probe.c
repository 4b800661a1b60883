// WASI probe, built twice from this file:
// - a C reactor (wasi-libc through the preview1 adapter) exporting
//   run: func(name: string) -> s32, hand-written canonical ABI (no wit-bindgen);
// - with -DPROBE_COMMAND, a plain wasip1 command whose last argument names the probe (hidden from the
//   args probe) and whose exit code is the number of failed steps.
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <wasi/api.h>

extern char **environ;
// arguments at the end of argv that are the harness's, not the program's (the command form's probe name)
static size_t hidden_args;

static int failures;
#define CHECK(cond, what) do { if (!(cond)) { failures++; printf("FAIL %s (errno %d)\n", what, errno); } } while (0)

static void probe_args(void) {
  size_t argc = 0, size = 0;
  if (__wasi_args_sizes_get(&argc, &size) != 0) { printf("args_sizes_get failed\n"); failures++; return; }
  char **argv = calloc(argc + 1, sizeof(char *));
  char *buf = malloc(size + 1);
  if (__wasi_args_get((uint8_t **)argv, (uint8_t *)buf) != 0) { printf("args_get failed\n"); failures++; }
  argc -= hidden_args;
  printf("argc=%zu\n", argc);
  for (size_t i = 0; i < argc; i++) printf("arg[%zu]=%s\n", i, argv[i]);
  free(argv); free(buf);
}

static void probe_env(void) {
  (void)getenv("PATH"); // makes wasi-libc read the environment
  int n = 0;
  for (char **e = environ; e && *e; e++) { printf("env %s\n", *e); n++; }
  printf("envc=%d\n", n);
}

static void probe_stdio(void) {
  printf("to stdout\n");
  fflush(stdout);
  fprintf(stderr, "to stderr\n");
}

static void probe_stdin(void) {
  char buf[256];
  size_t total = 0;
  ssize_t n;
  while ((n = read(0, buf, sizeof buf)) > 0) {
    fwrite(buf, 1, (size_t)n, stdout);
    total += (size_t)n;
  }
  printf("\nstdin bytes=%zu\n", total);
}

static void probe_clocks(void) {
  struct timespec wall, t0, t1;
  clock_gettime(CLOCK_REALTIME, &wall);
  clock_gettime(CLOCK_MONOTONIC, &t0);
  struct timespec d = {0, 20 * 1000 * 1000};
  nanosleep(&d, NULL);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  long long slept = (long long)(t1.tv_sec - t0.tv_sec) * 1000000000LL + (t1.tv_nsec - t0.tv_nsec);
  printf("wall=%lld\n", (long long)wall.tv_sec);
  printf("slept>=20ms %s\n", slept >= 20000000LL ? "yes" : "no");
  CHECK(slept >= 20000000LL, "sleep");
}

static void probe_random(void) {
  unsigned char b[16];
  CHECK(getentropy(b, sizeof b) == 0, "getentropy");
  printf("random=");
  for (size_t i = 0; i < sizeof b; i++) printf("%02x", b[i]);
  printf("\n");
}

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void list_dir(const char *path) {
  DIR *d = opendir(path);
  CHECK(d != NULL, "opendir");
  if (!d) return;
  char *names[64];
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL && n < 64) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
    names[n++] = strdup(e->d_name);
  }
  closedir(d);
  qsort(names, (size_t)n, sizeof names[0], cmp);
  printf("ls %s:", path);
  for (int i = 0; i < n; i++) { printf(" %s", names[i]); free(names[i]); }
  printf("\n");
}

static void probe_files(void) {
  CHECK(mkdir("/data/d", 0755) == 0, "mkdir");
  int fd = open("/data/d/a.txt", O_CREAT | O_WRONLY | O_TRUNC, 0644);
  CHECK(fd >= 0, "open for write");
  CHECK(write(fd, "hello world", 11) == 11, "write");
  CHECK(pwrite(fd, "W", 1, 6) == 1, "pwrite");
  CHECK(close(fd) == 0, "close");
  struct stat st;
  CHECK(stat("/data/d/a.txt", &st) == 0, "stat");
  printf("size=%lld regular=%d\n", (long long)st.st_size, S_ISREG(st.st_mode) ? 1 : 0);
  fd = open("/data/d/a.txt", O_RDONLY);
  CHECK(fd >= 0, "open for read");
  char buf[64] = {0};
  ssize_t n = read(fd, buf, sizeof buf - 1);
  printf("read=%zd '%s'\n", n, buf);
  memset(buf, 0, sizeof buf);
  n = pread(fd, buf, 5, 6);
  printf("pread=%zd '%s'\n", n, buf);
  CHECK(lseek(fd, 2, SEEK_SET) == 2, "lseek");
  memset(buf, 0, sizeof buf);
  n = read(fd, buf, 3);
  printf("after seek '%s'\n", buf);
  close(fd);
  fd = open("/data/d/a.txt", O_WRONLY | O_APPEND);
  CHECK(fd >= 0, "open for append");
  CHECK(write(fd, "!", 1) == 1, "append");
  CHECK(ftruncate(fd, 8) == 0, "ftruncate");
  close(fd);
  CHECK(stat("/data/d/a.txt", &st) == 0, "stat after truncate");
  printf("truncated size=%lld\n", (long long)st.st_size);
  fd = open("/data/d/a.txt", O_RDONLY);
  struct timespec times[2] = {{1000000000, 0}, {1234567890, 500}};
  CHECK(futimens(fd, times) == 0, "futimens");
  close(fd);
  CHECK(stat("/data/d/a.txt", &st) == 0, "stat after futimens");
  printf("mtime=%lld\n", (long long)st.st_mtim.tv_sec);
  struct timespec later[2] = {{0, UTIME_OMIT}, {1500000000, 0}};
  CHECK(utimensat(AT_FDCWD, "/data/d/a.txt", later, 0) == 0, "utimensat");
  CHECK(stat("/data/d/a.txt", &st) == 0, "stat after utimensat");
  printf("mtime=%lld\n", (long long)st.st_mtim.tv_sec);
  CHECK(mkdir("/data/d/sub", 0755) == 0, "mkdir sub");
  list_dir("/data/d");
  CHECK(rename("/data/d/a.txt", "/data/d/b.txt") == 0, "rename");
  list_dir("/data/d");
  errno = 0;
  CHECK(open("/data/d/a.txt", O_RDONLY) < 0 && errno == ENOENT, "old name gone");
  CHECK(rmdir("/data/d") != 0 && errno == ENOTEMPTY, "rmdir non-empty fails");
  CHECK(unlink("/data/d/b.txt") == 0, "unlink");
  CHECK(rmdir("/data/d/sub") == 0, "rmdir sub");
  CHECK(rmdir("/data/d") == 0, "rmdir");
  errno = 0;
  CHECK(stat("/data/d", &st) != 0 && errno == ENOENT, "dir gone");
  CHECK(symlink("inside.txt", "/data/ln") == 0, "symlink inside");
  char target[64] = {0};
  CHECK(readlink("/data/ln", target, sizeof target - 1) > 0, "readlink");
  printf("readlink=%s\n", target);
  CHECK(unlink("/data/ln") == 0, "unlink symlink");
  printf("files done\n");
}

// Each attempt must fail; prints the errno it failed with. "escape" runs them all; "escape=N" only
// the Nth (so that a host can check its file system after each one).
static int attempt_no, only_attempt;
#define ATTEMPT(what, expr) do { if (++attempt_no == only_attempt || only_attempt == 0) { errno = 0; attempt(what, (expr)); } } while (0)
static void attempt(const char *what, int result) {
  printf("%s: %s errno=%d\n", what, result < 0 ? "denied" : "ALLOWED", result < 0 ? errno : 0);
  if (result >= 0) failures++;
}

static void probe_escape(void) {
  attempt_no = 0;
  ATTEMPT("open ../outside.txt", open("/data/../outside.txt", O_RDONLY));
  ATTEMPT("create ../created.txt", open("/data/../created.txt", O_CREAT | O_WRONLY, 0644));
  ATTEMPT("create sub/../../created.txt", open("/data/sub/../../created.txt", O_CREAT | O_WRONLY, 0644));
  ATTEMPT("open /etc/passwd", open("/etc/passwd", O_RDONLY));
  ATTEMPT("open link-out/outside.txt", open("/data/link-out/outside.txt", O_RDONLY));
  ATTEMPT("create link-out/created.txt", open("/data/link-out/created.txt", O_CREAT | O_WRONLY, 0644));
  ATTEMPT("open abs-link", open("/data/abs-link", O_RDONLY));
  ATTEMPT("mkdir ../evil", mkdir("/data/../evil", 0755));
  ATTEMPT("unlink ../outside.txt", unlink("/data/../outside.txt"));
  ATTEMPT("rename inside.txt ../moved.txt", rename("/data/inside.txt", "/data/../moved.txt"));
  ATTEMPT("symlink /etc", symlink("/etc", "/data/etc-link"));
  ATTEMPT("symlink ../..", symlink("../..", "/data/up-link"));
  struct stat st;
  ATTEMPT("stat ../outside.txt", stat("/data/../outside.txt", &st));
  ATTEMPT("stat link-out/outside.txt", stat("/data/link-out/outside.txt", &st));
  ATTEMPT("opendir ..", opendir("/data/..") ? 0 : -1);
  ATTEMPT("open /secret/x", open("/secret/x", O_RDONLY));
  ATTEMPT("link link-out/outside.txt hard", link("/data/link-out/outside.txt", "/data/hard"));
  ATTEMPT("utimes ../outside.txt", utimensat(AT_FDCWD, "/data/../outside.txt", NULL, 0));
  ATTEMPT("truncate link-out/outside.txt", truncate("/data/link-out/outside.txt", 0));
  ATTEMPT("readlink ../outside.txt", readlink("/data/../outside.txt", (char[8]){0}, 8) < 0 ? -1 : 0);
  printf("escape done\n");
}

static void probe_readonly(void) {
  attempt_no = 0;
  only_attempt = 0;
  ATTEMPT("create in ro", open("/ro/new.txt", O_CREAT | O_WRONLY, 0644));
  ATTEMPT("write in ro", open("/ro/inside.txt", O_WRONLY));
  ATTEMPT("mkdir in ro", mkdir("/ro/d", 0755));
  ATTEMPT("unlink in ro", unlink("/ro/inside.txt"));
  int fd = open("/ro/inside.txt", O_RDONLY);
  char buf[32] = {0};
  printf("read ro: %zd '%s'\n", fd >= 0 ? read(fd, buf, sizeof buf - 1) : (ssize_t)-1, buf);
  if (fd >= 0) close(fd);
  list_dir("/ro");
  printf("readonly done\n");
}

static void probe_leak(void) {
  // opens without closing: the instance's handles must go with it
  for (int i = 0; i < 5; i++) CHECK(open("/data/inside.txt", O_RDONLY) >= 0, "open");
  printf("leaked 5\n");
}

static int32_t run_probe(const char *which) {
  failures = 0;
  if (strcmp(which, "args") == 0) probe_args();
  else if (strcmp(which, "env") == 0) probe_env();
  else if (strcmp(which, "stdio") == 0) probe_stdio();
  else if (strcmp(which, "stdin") == 0) probe_stdin();
  else if (strcmp(which, "clocks") == 0) probe_clocks();
  else if (strcmp(which, "random") == 0) probe_random();
  else if (strcmp(which, "files") == 0) probe_files();
  else if (strcmp(which, "escape") == 0) { only_attempt = 0; probe_escape(); }
  else if (strncmp(which, "escape=", 7) == 0) { only_attempt = atoi(which + 7); probe_escape(); }
  else if (strcmp(which, "readonly") == 0) probe_readonly();
  else if (strcmp(which, "leak") == 0) probe_leak();
  else { printf("unknown probe %s\n", which); return -1; }
  fflush(stdout);
  fflush(stderr);
  return failures;
}

#ifdef PROBE_COMMAND
int main(int argc, char **argv) {
  if (argc < 1) { printf("no probe named\n"); return 255; }
  hidden_args = 1;
  return run_probe(argv[argc - 1]);
}
#else
extern void __wasm_call_ctors(void);
static int ctors_ran;
__attribute__((constructor)) static void mark_ctors(void) { ctors_ran = 1; }

__attribute__((export_name("cabi_realloc")))
void *cabi_realloc(void *old, size_t old_size, size_t align, size_t new_size) {
  (void)old_size; (void)align;
  return realloc(old, new_size);
}

__attribute__((export_name("run")))
int32_t run(char *name, size_t len) {
  if (!ctors_ran) __wasm_call_ctors();
  char which[32] = {0};
  memcpy(which, name, len < sizeof which - 1 ? len : sizeof which - 1);
  free(name);
  return run_probe(which);
}
#endif
