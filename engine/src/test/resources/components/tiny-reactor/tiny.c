// A hand-written canonical-ABI reactor: no wit-bindgen, so the fixture stays tiny.
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

__attribute__((import_module("$root"), import_name("log")))
extern void host_log(const char *ptr, size_t len);

__attribute__((export_name("cabi_realloc")))
void *cabi_realloc(void *old, size_t old_size, size_t align, size_t new_size) {
  (void)old_size; (void)align;
  return realloc(old, new_size);
}

static uint32_t ret_area[2];

__attribute__((export_name("greet")))
uint32_t *greet(const char *name, size_t len) {
  static const char hello[] = "hello, ";
  char *out = malloc(sizeof hello - 1 + len);
  memcpy(out, hello, sizeof hello - 1);
  memcpy(out + sizeof hello - 1, name, len);
  host_log(out, sizeof hello - 1 + len);
  write(2, out, sizeof hello - 1 + len);
  ret_area[0] = (uint32_t)(uintptr_t)out;
  ret_area[1] = (uint32_t)(sizeof hello - 1 + len);
  free((void *)name);
  return ret_area;
}

__attribute__((export_name("cabi_post_greet")))
void cabi_post_greet(uint32_t *ret) {
  free((void *)(uintptr_t)ret[0]);
}
