// WASI preview 1 conformance program (C, wasi-libc): argv[1] names a group of POSIX corner cases
// a C program relies on; each step prints "step: ok" or "step: ERRNO". Runs under a preopen /data
// (an empty read-write folder) next to a folder /data/../outside that must stay out of reach.
// Built as a plain wasip1 command and through the preview1 command adapter; the node:wasi oracle
// (oracle/node-wasi.mjs) runs the same scenarios (wasi-p1.scenarios).
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wasi/api.h>

extern char **environ;

static const char *ename(int e) {
  switch (e) {
    case ENOTDIR: return "ENOTDIR";
    case EISDIR: return "EISDIR";
    case ENOENT: return "ENOENT";
    case EEXIST: return "EEXIST";
    case EPERM: return "EPERM";
    case EROFS: return "EROFS";
    case EACCES: return "EACCES";
    case EBADF: return "EBADF";
    case EINVAL: return "EINVAL";
    case ENOTSUP: return "ENOTSUP";
    case ENOTEMPTY: return "ENOTEMPTY";
    case EBUSY: return "EBUSY";
    case ELOOP: return "ELOOP";
    case ESPIPE: return "ESPIPE";
    case EXDEV: return "EXDEV";
    case ENOTCAPABLE: return "ENOTCAPABLE";
    default: return "E?";
  }
}

static int step(const char *name, int rc) {
  if (rc < 0) printf("%s: %s\n", name, ename(errno));
  else printf("%s: ok\n", name);
  fflush(stdout);
  return rc;
}

static void put(const char *path, const char *text) {
  int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
  if (fd < 0 || write(fd, text, strlen(text)) < 0) printf("put %s: %s\n", path, ename(errno));
  if (fd >= 0) close(fd);
}

static void show(const char *label, const char *path) {
  char buf[256];
  int fd = open(path, O_RDONLY);
  if (fd < 0) { printf("%s: %s\n", label, ename(errno)); return; }
  ssize_t n = read(fd, buf, sizeof buf - 1);
  close(fd);
  if (n < 0) { printf("%s: %s\n", label, ename(errno)); return; }
  buf[n] = 0;
  printf("%s: '%s'\n", label, buf);
}

static void list(const char *label, const char *path) {
  DIR *d = opendir(path);
  if (!d) { printf("%s: %s\n", label, ename(errno)); return; }
  char names[32][64];
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)) && n < 32) {
    if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) snprintf(names[n++], 64, "%s", e->d_name);
  }
  closedir(d);
  qsort(names, n, 64, (int (*)(const void *, const void *))strcmp);
  printf("%s:", label);
  for (int i = 0; i < n; i++) printf(" %s", names[i]);
  printf("\n");
}

static void escaped(const char *s) {
  for (; *s; s++) {
    if (*s == '\n') printf("\\n");
    else if (*s == '\\') printf("\\\\");
    else putchar(*s);
  }
}

// program name, arguments and environment, exactly as received
static void args(int argc, char **argv) {
  printf("argc=%d\n", argc);
  for (int i = 0; i < argc; i++) { printf("argv[%d]=", i); escaped(argv[i]); printf("\n"); }
  int n = 0;
  for (char **e = environ; *e; e++, n++) { printf("env "); escaped(*e); printf("\n"); }
  printf("envc=%d\n", n);
}

// a directory descriptor kept open and used for every change (Rust's test harnesses, openat users)
static void dir_fd(void) {
  int d = step("open /data O_DIRECTORY", open("/data", O_RDONLY | O_DIRECTORY));
  if (d < 0) return;
  step("mkdirat made", mkdirat(d, "made", 0755));
  int f = step("openat made/file O_CREAT", openat(d, "made/file.txt", O_CREAT | O_WRONLY | O_TRUNC, 0644));
  if (f >= 0) { step("write", (int)write(f, "via dirfd", 9)); close(f); }
  int s = step("openat made O_DIRECTORY", openat(d, "made", O_RDONLY | O_DIRECTORY));
  if (s >= 0) {
    step("mkdirat deeper (from a subdirectory fd)", mkdirat(s, "deeper", 0755));
    step("renameat file -> renamed", renameat(s, "file.txt", s, "renamed.txt"));
    step("symlinkat", symlinkat("renamed.txt", s, "lnk"));
    step("linkat", linkat(s, "renamed.txt", d, "hard.txt", 0));
    list("ls made", "/data/made");
    step("unlinkat lnk", unlinkat(s, "lnk", 0));
    step("unlinkat deeper AT_REMOVEDIR", unlinkat(s, "deeper", AT_REMOVEDIR));
    close(s);
  }
  show("hard.txt", "/data/hard.txt");
  int dd = step("dup of the directory via openat .", openat(d, ".", O_RDONLY | O_DIRECTORY));
  if (dd >= 0) { step("mkdirat through it", mkdirat(dd, "again", 0755)); close(dd); }
  list("ls /data", "/data");
  close(d);
}

// a trailing slash names a directory: on a regular file it fails with ENOTDIR, as on Linux
static void slash(void) {
  put("/data/f", "file");
  step("mkdir d", mkdir("/data/d", 0755));
  step("open f/", open("/data/f/", O_RDONLY));
  step("open f/ O_CREAT", open("/data/f/", O_CREAT | O_WRONLY, 0644));
  struct stat st;
  step("stat f/", stat("/data/f/", &st));
  step("unlink f/", unlink("/data/f/"));
  step("rename f -> g/", rename("/data/f", "/data/g/"));
  step("rename f/ -> g", rename("/data/f/", "/data/g"));
  step("symlink f d/", symlink("f", "/data/d/"));
  step("symlink f new/", symlink("f", "/data/new/"));
  step("link f h/", link("/data/f", "/data/h/"));
  step("stat d/", stat("/data/d/", &st));
  step("open d/ O_DIRECTORY", open("/data/d/", O_RDONLY | O_DIRECTORY));
  step("mkdir e/", mkdir("/data/e/", 0755));
  step("rmdir d/", rmdir("/data/d/"));
  list("ls /data", "/data");
}

// a directory cannot be opened for writing
static void isdir(void) {
  step("mkdir d", mkdir("/data/d", 0755));
  step("open d O_WRONLY", open("/data/d", O_WRONLY));
  step("open d O_RDWR", open("/data/d", O_RDWR));
  step("open d O_RDONLY", open("/data/d", O_RDONLY));
  step("open /data O_WRONLY", open("/data", O_WRONLY));
  step("unlink d", unlink("/data/d"));
  step("rmdir of a file", (put("/data/f", "x"), rmdir("/data/f")));
}

// O_APPEND: writes go to the end (pwrite too, as on Linux); fcntl turns it off and on
static void append(void) {
  put("/data/a", "abc");
  int fd = step("open O_RDWR|O_APPEND", open("/data/a", O_RDWR | O_APPEND));
  if (fd < 0) return;
  step("write 1", (int)write(fd, "1", 1));
  step("pwrite X at 0", (int)pwrite(fd, "X", 1, 0));
  show("after pwrite", "/data/a");
  printf("F_GETFL append=%d\n", (fcntl(fd, F_GETFL) & O_APPEND) != 0);
  step("F_SETFL 0", fcntl(fd, F_SETFL, 0));
  printf("F_GETFL append=%d\n", (fcntl(fd, F_GETFL) & O_APPEND) != 0);
  step("pwrite Z at 0", (int)pwrite(fd, "Z", 1, 0));
  step("lseek 1", (int)lseek(fd, 1, SEEK_SET));
  step("write Y at 1", (int)write(fd, "Y", 1));
  show("after append off", "/data/a");
  step("F_SETFL O_APPEND", fcntl(fd, F_SETFL, O_APPEND));
  step("lseek 0", (int)lseek(fd, 0, SEEK_SET));
  step("write W", (int)write(fd, "W", 1));
  step("lseek 0 again", (int)lseek(fd, 0, SEEK_SET));
  char buf[32] = {0};
  ssize_t n = read(fd, buf, sizeof buf - 1);
  printf("read back %d '%s'\n", (int)n, n > 0 ? buf : "");
  close(fd);
  int w = step("open O_WRONLY|O_APPEND", open("/data/a", O_WRONLY | O_APPEND));
  if (w >= 0) { step("write !", (int)write(w, "!", 1)); close(w); }
  show("final", "/data/a");
}

// utimensat with AT_SYMLINK_NOFOLLOW sets the link's own times, not its target's
static void symtimes(void) {
  put("/data/t", "target");
  step("symlink t s", symlink("t", "/data/s"));
  struct timespec ts[2] = {{1000, 0}, {2000, 0}};
  step("utimensat s NOFOLLOW", utimensat(AT_FDCWD, "/data/s", ts, AT_SYMLINK_NOFOLLOW));
  struct stat st;
  if (step("lstat s", lstat("/data/s", &st)) == 0) printf("s mtime=%lld\n", (long long)st.st_mtim.tv_sec);
  if (step("stat t", stat("/data/t", &st)) == 0) printf("t mtime is 2000: %d\n", st.st_mtim.tv_sec == 2000);
  struct timespec ts2[2] = {{3000, 0}, {4000, 0}};
  step("utimensat s follow", utimensat(AT_FDCWD, "/data/s", ts2, 0));
  if (step("stat t", stat("/data/t", &st)) == 0) printf("t mtime=%lld\n", (long long)st.st_mtim.tv_sec);
  if (step("lstat s", lstat("/data/s", &st)) == 0) printf("s mtime=%lld\n", (long long)st.st_mtim.tv_sec);
}

// the preopened directory itself cannot be removed, renamed, or renamed over
static void preopen(void) {
  put("/data/x", "x");
  step("mkdir sub", mkdir("/data/sub", 0755));
  step("rmdir /data", rmdir("/data"));
  step("unlink /data", unlink("/data"));
  step("rename x -> /data", rename("/data/x", "/data"));
  step("rename sub -> /data", rename("/data/sub", "/data"));
  step("rename /data -> sub/in", rename("/data", "/data/sub/in"));
  step("rmdir /data/.", rmdir("/data/."));
  list("ls /data", "/data");
}

// fd_fdstat_set_rights: rights can only be taken away
static void rights(void) {
  put("/data/r", "read me");
  int fd = step("open r", open("/data/r", O_RDONLY));
  if (fd < 0) return;
  __wasi_fdstat_t st;
  __wasi_errno_t e = __wasi_fd_fdstat_get(fd, &st);
  printf("fdstat_get: %d has FD_READ=%d\n", e, (st.fs_rights_base & __WASI_RIGHTS_FD_READ) != 0);
  e = __wasi_fd_fdstat_set_rights(fd, st.fs_rights_base & ~__WASI_RIGHTS_FD_READ, st.fs_rights_inheriting);
  printf("drop FD_READ: %d\n", e);
  if (e == 0) {
    char c;
    step("read without FD_READ", (int)read(fd, &c, 1));
    e = __wasi_fd_fdstat_set_rights(fd, st.fs_rights_base, st.fs_rights_inheriting);
    printf("grow back: %d\n", e);
  }
  close(fd);
}

// hard links with both ends inside the preopen work; none leaves it
static void links(void) {
  put("/data/src", "shared");
  step("link src hard", link("/data/src", "/data/hard"));
  struct stat st;
  if (step("stat src", stat("/data/src", &st)) == 0) printf("nlink=%d\n", (int)st.st_nlink);
  put("/data/hard", "changed");
  show("src", "/data/src");
  step("mkdir sub", mkdir("/data/sub", 0755));
  step("link src sub/h2", link("/data/src", "/data/sub/h2"));
  step("link src src (exists)", link("/data/src", "/data/hard"));
  step("link missing", link("/data/none", "/data/h3"));
  step("link sub (a directory)", link("/data/sub", "/data/h4"));
  step("symlink out -> ../outside", symlink("../outside", "/data/out"));
  step("link out/secret stolen", link("/data/out/secret", "/data/stolen"));
  step("link src out/planted", link("/data/src", "/data/out/planted"));
  step("link ../outside/secret", linkat(AT_FDCWD, "/data/sub/../../outside/secret", AT_FDCWD, "/data/stolen2", 0));
  list("ls /data", "/data");
  unlink("/data/out");
}

// a read-only preopen /ro (holding in.txt and sub/): a directory descriptor opened from it, or from
// a directory under it, changes nothing (witbox's Java test, node:wasi has no read-only preopens)
static void rodirfd(void) {
  int d = step("open /ro O_DIRECTORY", open("/ro", O_RDONLY | O_DIRECTORY));
  if (d < 0) return;
  step("mkdirat", mkdirat(d, "made", 0755));
  step("openat O_CREAT", openat(d, "new.txt", O_CREAT | O_WRONLY, 0644));
  step("openat in.txt O_WRONLY", openat(d, "in.txt", O_WRONLY));
  int s = step("openat sub O_DIRECTORY", openat(d, "sub", O_RDONLY | O_DIRECTORY));
  if (s >= 0) {
    step("mkdirat in sub", mkdirat(s, "deeper", 0755));
    step("renameat from sub", renameat(d, "in.txt", s, "moved.txt"));
    step("linkat into sub", linkat(d, "in.txt", s, "hard.txt", 0));
    step("symlinkat in sub", symlinkat("../in.txt", s, "lnk"));
    step("unlinkat sub AT_REMOVEDIR", unlinkat(d, "sub", AT_REMOVEDIR));
    close(s);
  }
  struct timespec ts[2] = {{1000, 0}, {2000, 0}};
  step("utimensat in.txt", utimensat(d, "in.txt", ts, 0));
  step("unlinkat in.txt", unlinkat(d, "in.txt", 0));
  int f = step("openat in.txt O_RDONLY", openat(d, "in.txt", O_RDONLY));
  if (f >= 0) close(f);
  show("in.txt", "/ro/in.txt");
  list("ls /ro", "/ro");
  close(d);
}

int main(int argc, char **argv) {
  const char *g = argc > 1 ? argv[1] : "args";
  if (!strcmp(g, "args")) args(argc, argv);
  else if (!strcmp(g, "dirfd")) dir_fd();
  else if (!strcmp(g, "slash")) slash();
  else if (!strcmp(g, "isdir")) isdir();
  else if (!strcmp(g, "append")) append();
  else if (!strcmp(g, "symtimes")) symtimes();
  else if (!strcmp(g, "preopen")) preopen();
  else if (!strcmp(g, "rights")) rights();
  else if (!strcmp(g, "links")) links();
  else if (!strcmp(g, "rodirfd")) rodirfd();
  else { printf("unknown group %s\n", g); return 2; }
  return 0;
}
