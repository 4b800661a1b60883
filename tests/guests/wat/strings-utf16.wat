;; strings-utf16: a component whose lifted functions use string-encoding=utf16.
;; Strings cross the boundary as (ptr, len) with len counted in 16-bit code
;; units, 2-byte aligned. The core module keeps them as it gets them.
(component
  (core module $m
    (memory (export "memory") 1)
    ;; bump allocator; nothing is ever freed (the instance is short-lived)
    (global $next (mut i32) (i32.const 1024))
    (func $realloc (export "realloc")
      (param $old i32) (param $old_size i32) (param $align i32) (param $new_size i32) (result i32)
      (local $p i32) (local $i i32)
      ;; p = align_up(next, align)
      (local.set $p (i32.and
        (i32.add (global.get $next) (i32.sub (local.get $align) (i32.const 1)))
        (i32.sub (i32.const 0) (local.get $align))))
      (global.set $next (i32.add (local.get $p) (local.get $new_size)))
      ;; grow memory when the bump pointer passes its end
      (if (i32.gt_u (global.get $next) (i32.mul (memory.size) (i32.const 65536)))
        (then (if (i32.eq (memory.grow
                  (i32.add (i32.shr_u (i32.sub (global.get $next) (i32.mul (memory.size) (i32.const 65536))) (i32.const 16)) (i32.const 1)))
                  (i32.const -1))
          (then unreachable))))
      ;; copy min(old_size, new_size) bytes from a block being resized
      (block $done (loop $copy
        (br_if $done (i32.ge_u (local.get $i) (local.get $old_size)))
        (br_if $done (i32.ge_u (local.get $i) (local.get $new_size)))
        (i32.store8 (i32.add (local.get $p) (local.get $i)) (i32.load8_u (i32.add (local.get $old) (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $copy)))
      (local.get $p))

    ;; return area for (ptr, len) results
    (func $ret (param $ptr i32) (param $len i32) (result i32)
      (i32.store (i32.const 16) (local.get $ptr))
      (i32.store (i32.const 20) (local.get $len))
      (i32.const 16))

    ;; echo: hands back the very buffer it was given
    (func (export "echo") (param $ptr i32) (param $len i32) (result i32)
      (call $ret (local.get $ptr) (local.get $len)))

    ;; code-units: the length the host passed (UTF-16 code units)
    (func (export "code-units") (param $ptr i32) (param $len i32) (result i32)
      (local.get $len))

    ;; upper: ASCII a-z to A-Z, every other code unit unchanged, in place
    (func (export "upper") (param $ptr i32) (param $len i32) (result i32)
      (local $i i32) (local $a i32) (local $c i32)
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
        (local.set $a (i32.add (local.get $ptr) (i32.shl (local.get $i) (i32.const 1))))
        (local.set $c (i32.load16_u (local.get $a)))
        (if (i32.and (i32.ge_u (local.get $c) (i32.const 97)) (i32.le_u (local.get $c) (i32.const 122)))
          (then (i32.store16 (local.get $a) (i32.sub (local.get $c) (i32.const 32)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
      (call $ret (local.get $ptr) (local.get $len)))

    ;; constant: "hé😀" as UTF-16LE: h, é, surrogate pair D83D DE00 -> 4 code units
    (data (i32.const 256) "h\00\e9\00\3d\d8\00\de")
    (func (export "constant") (result i32)
      (call $ret (i32.const 256) (i32.const 4)))
  )
  (core instance $i (instantiate $m))

  (func (export "echo") (param "s" string) (result string)
    (canon lift (core func $i "echo") (memory (core memory $i "memory")) (realloc (core func $i "realloc")) string-encoding=utf16))
  (func (export "code-units") (param "s" string) (result u32)
    (canon lift (core func $i "code-units") (memory (core memory $i "memory")) (realloc (core func $i "realloc")) string-encoding=utf16))
  (func (export "upper") (param "s" string) (result string)
    (canon lift (core func $i "upper") (memory (core memory $i "memory")) (realloc (core func $i "realloc")) string-encoding=utf16))
  (func (export "constant") (result string)
    (canon lift (core func $i "constant") (memory (core memory $i "memory")) string-encoding=utf16))
)
