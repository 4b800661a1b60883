// resources: exports resource `counter` of demo:res/api (world.wit), in C with
// hand-written canonical ABI glue.
//
// For a resource defined by this component (CanonicalABI.md, "Handle types"):
//   * the guest picks the representation (rep, an i32): here a pointer to a
//     malloc'd struct;
//   * `[resource-new]counter(rep) -> handle` (imported from the module
//     "[export]demo:res/api@0.1.0") makes an owned handle to return;
//   * a borrow<counter> argument arrives as the rep itself (the callee owns
//     the resource type), an own<counter> argument as a handle in our table,
//     turned into the rep with `[resource-rep]counter` and dropped with
//     `[resource-drop]counter`, which runs our destructor;
//   * the destructor is exported as `demo:res/api@0.1.0#[dtor]counter(rep)`.
#include <stdint.h>
#include <stdlib.h>

#define IFACE "demo:res/api@0.1.0"
#define EXPORT(name) __attribute__((export_name(IFACE "#" name)))
#define RESOURCE_IMPORT(name) \
    __attribute__((import_module("[export]" IFACE), import_name(name)))

RESOURCE_IMPORT("[resource-new]counter") extern int32_t counter_resource_new(int32_t rep);
RESOURCE_IMPORT("[resource-rep]counter") extern int32_t counter_resource_rep(int32_t handle);
RESOURCE_IMPORT("[resource-drop]counter") extern void counter_resource_drop(int32_t handle);

struct counter {
    uint32_t value;
    uint32_t magic; // catches a host passing something that isn't our rep
};
#define MAGIC 0xC0C0A5A5u

static uint32_t live;
static uint32_t destroyed_count;

static struct counter *rep_to_counter(int32_t rep) {
    struct counter *c = (struct counter *)(uintptr_t)(uint32_t)rep;
    if (!c || c->magic != MAGIC) __builtin_trap();
    return c;
}

static int32_t new_counter(uint32_t start) {
    struct counter *c = malloc(sizeof *c);
    if (!c) __builtin_trap();
    c->value = start;
    c->magic = MAGIC;
    live++;
    return counter_resource_new((int32_t)(uintptr_t)c);
}

EXPORT("[constructor]counter")
int32_t counter_constructor(uint32_t start) {
    return new_counter(start);
}

EXPORT("[method]counter.increment")
uint32_t counter_increment(int32_t self, uint32_t by) {
    struct counter *c = rep_to_counter(self);
    c->value += by;
    return c->value;
}

EXPORT("[method]counter.get")
uint32_t counter_get(int32_t self) {
    return rep_to_counter(self)->value;
}

EXPORT("[static]counter.make")
int32_t counter_make(uint32_t start) {
    return new_counter(start);
}

EXPORT("[static]counter.merge")
int32_t counter_merge(int32_t a, int32_t b) {
    return new_counter(rep_to_counter(a)->value + rep_to_counter(b)->value);
}

EXPORT("[dtor]counter")
void counter_dtor(int32_t rep) {
    struct counter *c = rep_to_counter(rep);
    c->magic = 0;
    free(c);
    live--;
    destroyed_count++;
}

EXPORT("live-counters")
uint32_t live_counters(void) {
    return live;
}

EXPORT("destroyed")
uint32_t destroyed(void) {
    return destroyed_count;
}

EXPORT("peek")
uint32_t peek(int32_t borrowed_rep) {
    return rep_to_counter(borrowed_rep)->value;
}

EXPORT("consume")
uint32_t consume(int32_t handle) {
    uint32_t v = rep_to_counter(counter_resource_rep(handle))->value;
    counter_resource_drop(handle); // runs counter_dtor
    return v;
}
