;; misbehave: a guest whose functions break the canonical ABI's rules or trap,
;; for the host's trap tests. Each export names what it does wrong; the
;; spec says the host must trap (CanonicalABI.md: load_string, load_list,
;; convert_i32_to_char, case discriminants, alignment checks of pointers
;; and of realloc results). A few lifts that look wrong but must NOT trap are
;; included too (bool 2, extra flag bits).
(component
  (core module $m
    (memory (export "memory") 1)  ;; 64 KiB, no maximum (see memory-bomb)
    (global $next (mut i32) (i32.const 4096))
    (func $realloc (export "realloc")
      (param $old i32) (param $old_size i32) (param $align i32) (param $new_size i32) (result i32)
      (local $p i32)
      (local.set $p (i32.and
        (i32.add (global.get $next) (i32.sub (local.get $align) (i32.const 1)))
        (i32.sub (i32.const 0) (local.get $align))))
      (global.set $next (i32.add (local.get $p) (local.get $new_size)))
      (if (i32.gt_u (global.get $next) (i32.const 65536)) (then unreachable))
      (local.get $p))
    ;; realloc that returns a pointer off by one: misaligned for list<u32>
    (func (export "realloc-misaligned")
      (param i32 i32 i32 i32) (result i32)
      (i32.add (call $realloc (local.get 0) (local.get 1) (local.get 2) (local.get 3)) (i32.const 1)))
    ;; realloc that returns a pointer past the end of memory
    (func (export "realloc-oob") (param i32 i32 i32 i32) (result i32)
      (i32.const 65535))

    ;; "good bytes": valid UTF-8 "hi"; bad bytes: ff fe (never valid UTF-8)
    (data (i32.const 256) "hi")
    (data (i32.const 272) "\ff\fe")

    ;; writes (ptr, len) to the return area at 16 and returns 16
    (func $ret2 (param i32 i32) (result i32)
      (i32.store (i32.const 16) (local.get 0))
      (i32.store (i32.const 20) (local.get 1))
      (i32.const 16))

    ;; string whose length runs past the end of memory
    (func (export "lying-length") (result i32) (call $ret2 (i32.const 256) (i32.const 100000)))
    ;; string whose pointer is far out of bounds
    (func (export "oob-pointer") (result i32) (call $ret2 (i32.const 0xfffffff0) (i32.const 16)))
    ;; string of invalid UTF-8
    (func (export "invalid-utf8") (result i32) (call $ret2 (i32.const 272) (i32.const 2)))
    ;; list<u64> whose byte size (len * 8) wraps to 8 in 32-bit arithmetic
    (func (export "wrapping-list") (result i32) (call $ret2 (i32.const 256) (i32.const 0x20000001)))
    ;; list<u32> at an address that is not 4-aligned
    (func (export "misaligned-list") (result i32) (call $ret2 (i32.const 257) (i32.const 1)))
    ;; a return pointer that is not aligned for a string result (needs 4)
    (func (export "misaligned-retptr") (result i32)
      (drop (call $ret2 (i32.const 256) (i32.const 2)))
      (i32.const 17))
    ;; option<u32> through the return area with discriminant 7
    (func (export "bad-option") (result i32)
      (i32.store8 (i32.const 32) (i32.const 7))
      (i32.const 32))
    ;; result<u32, u32> through the return area with discriminant 5
    (func (export "bad-result") (result i32)
      (i32.store8 (i32.const 32) (i32.const 5))
      (i32.const 32))
    ;; char: a surrogate, and one past U+10FFFF
    (func (export "surrogate-char") (result i32) (i32.const 0xd800))
    (func (export "too-big-char") (result i32) (i32.const 0x110000))
    ;; NOT a trap: bool from any non-zero i32 is true
    (func (export "bool-two") (result i32) (i32.const 2))
    (func (export "unreachable") (result i32) unreachable)
    (func (export "infinite-loop") (result i32) (loop $l (br $l)) (i32.const 0))
    (func $recurse (export "recurse") (param i32) (result i32)
      (i32.add (call $recurse (i32.add (local.get 0) (i32.const 1))) (i32.const 1)))
    ;; grows memory 64 MiB at a time until memory.grow fails, then traps
    (func (export "memory-bomb") (result i32)
      (loop $grow
        (br_if $grow (i32.ne (memory.grow (i32.const 1024)) (i32.const -1))))
      unreachable)
    ;; integer division by zero
    (func (export "div-zero") (param i32) (result i32) (i32.div_u (i32.const 1) (local.get 0)))
    ;; a function whose post-return traps after the result was lifted
    (func (export "post-return-traps") (result i32) (i32.const 42))
    (func (export "cabi_post_post-return-traps") (param i32) unreachable)
    ;; takes list<u32> / string lowered through a misbehaving realloc
    (func (export "take-list") (param i32 i32) (result i32) (local.get 1))
    (func (export "take-string") (param i32 i32) (result i32) (local.get 1))
  )
  (core instance $i (instantiate $m))
  (alias core export $i "memory" (core memory $mem))
  (alias core export $i "realloc" (core func $realloc))

  ;; Functions over named types (enum, variant, flags) live in an interface,
  ;; demo:misbehave/typed (misbehave.wit), made by an inner component that
  ;; exports the types and the functions using them.
  (component $typed
    (core module $t
      (memory (export "memory") 1)
      (func (export "bad-enum") (result i32) (i32.const 3))
      (func (export "bad-variant") (result i32)
        (i32.store8 (i32.const 32) (i32.const 2))
        (i32.const 32))
      (func (export "flags-extra-bits") (result i32) (i32.const 0xff)))
    (core instance $ti (instantiate $t))
    (type $abc-def (enum "a" "b" "c"))
    (type $v-def (variant (case "a" u32) (case "b")))
    (type $two-def (flags "x" "y"))
    ;; exported types get new indices; the functions must use those
    (export $abc "abc" (type $abc-def))
    (export $v "v" (type $v-def))
    (export $two "two" (type $two-def))
    ;; enum with 3 cases given discriminant 3 (one flat i32)
    (func (export "bad-enum") (result $abc)
      (canon lift (core func $ti "bad-enum")))
    ;; variant { a(u32), b } given discriminant 2, through the return area
    (func (export "bad-variant") (result $v)
      (canon lift (core func $ti "bad-variant") (memory (core memory $ti "memory"))))
    ;; NOT a trap: flag bits beyond the declared flags are ignored
    (func (export "flags-extra-bits") (result $two)
      (canon lift (core func $ti "flags-extra-bits"))))
  (instance $typed-inst (instantiate $typed))
  (export "demo:misbehave/typed@0.1.0" (instance $typed-inst))

  (func (export "lying-length") (result string)
    (canon lift (core func $i "lying-length") (memory $mem)))
  (func (export "oob-pointer") (result string)
    (canon lift (core func $i "oob-pointer") (memory $mem)))
  (func (export "invalid-utf8") (result string)
    (canon lift (core func $i "invalid-utf8") (memory $mem)))
  (func (export "wrapping-list") (result (list u64))
    (canon lift (core func $i "wrapping-list") (memory $mem)))
  (func (export "misaligned-list") (result (list u32))
    (canon lift (core func $i "misaligned-list") (memory $mem)))
  (func (export "misaligned-retptr") (result string)
    (canon lift (core func $i "misaligned-retptr") (memory $mem)))
  (func (export "bad-option") (result (option u32))
    (canon lift (core func $i "bad-option") (memory $mem)))
  (func (export "bad-result") (result (result u32 (error u32)))
    (canon lift (core func $i "bad-result") (memory $mem)))
  (func (export "surrogate-char") (result char)
    (canon lift (core func $i "surrogate-char")))
  (func (export "too-big-char") (result char)
    (canon lift (core func $i "too-big-char")))
  (func (export "bool-two") (result bool)
    (canon lift (core func $i "bool-two")))
  (func (export "unreachable") (result u32)
    (canon lift (core func $i "unreachable")))
  (func (export "infinite-loop") (result u32)
    (canon lift (core func $i "infinite-loop")))
  (func (export "recurse") (param "depth" u32) (result u32)
    (canon lift (core func $i "recurse")))
  (func (export "memory-bomb") (result u32)
    (canon lift (core func $i "memory-bomb")))
  (func (export "div-zero") (param "x" u32) (result u32)
    (canon lift (core func $i "div-zero")))
  (func (export "post-return-traps") (result u32)
    (canon lift (core func $i "post-return-traps") (post-return (core func $i "cabi_post_post-return-traps"))))
  (func (export "take-list") (param "xs" (list u32)) (result u32)
    (canon lift (core func $i "take-list") (memory $mem) (realloc (core func $i "realloc-misaligned"))))
  (func (export "take-string") (param "s" string) (result u32)
    (canon lift (core func $i "take-string") (memory $mem) (realloc (core func $i "realloc-oob"))))
)
