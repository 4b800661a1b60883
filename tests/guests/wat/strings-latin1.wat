;; strings-latin1: lifted with string-encoding=latin1+utf16 ("compact UTF-16").
;; A string arrives as (ptr, tagged_len): if bit 31 of tagged_len is clear,
;; it is Latin-1, one byte per char, len bytes; if set, it is UTF-16LE with
;; (tagged_len & 0x7fffffff) code units, 2-byte aligned. Results use the same
;; tagging.
(component
  (core module $m
    (memory (export "memory") 1)
    (global $next (mut i32) (i32.const 1024))
    ;; bump allocator with copy-on-resize (hosts may shrink/grow a string buffer)
    (func (export "realloc")
      (param $old i32) (param $old_size i32) (param $align i32) (param $new_size i32) (result i32)
      (local $p i32) (local $i i32)
      (local.set $p (i32.and
        (i32.add (global.get $next) (i32.sub (local.get $align) (i32.const 1)))
        (i32.sub (i32.const 0) (local.get $align))))
      (global.set $next (i32.add (local.get $p) (local.get $new_size)))
      (if (i32.gt_u (global.get $next) (i32.mul (memory.size) (i32.const 65536)))
        (then (if (i32.eq (memory.grow
                  (i32.add (i32.shr_u (i32.sub (global.get $next) (i32.mul (memory.size) (i32.const 65536))) (i32.const 16)) (i32.const 1)))
                  (i32.const -1))
          (then unreachable))))
      (block $done (loop $copy
        (br_if $done (i32.ge_u (local.get $i) (local.get $old_size)))
        (br_if $done (i32.ge_u (local.get $i) (local.get $new_size)))
        (i32.store8 (i32.add (local.get $p) (local.get $i)) (i32.load8_u (i32.add (local.get $old) (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $copy)))
      (local.get $p))

    (func $ret (param $ptr i32) (param $len i32) (result i32)
      (i32.store (i32.const 16) (local.get $ptr))
      (i32.store (i32.const 20) (local.get $len))
      (i32.const 16))

    ;; echo: the same buffer and tagged length back
    (func (export "echo") (param $ptr i32) (param $len i32) (result i32)
      (call $ret (local.get $ptr) (local.get $len)))

    ;; is-utf16: whether the host chose UTF-16 (tag bit set)
    (func (export "is-utf16") (param $ptr i32) (param $len i32) (result i32)
      (i32.shr_u (local.get $len) (i32.const 31)))

    ;; units: the untagged length (bytes for Latin-1, code units for UTF-16)
    (func (export "units") (param $ptr i32) (param $len i32) (result i32)
      (i32.and (local.get $len) (i32.const 0x7fffffff)))

    ;; "café" in Latin-1: 4 bytes, tag clear
    (data (i32.const 256) "caf\e9")
    (func (export "make-latin1") (result i32)
      (call $ret (i32.const 256) (i32.const 4)))

    ;; "€uro" in UTF-16LE: 4 code units, tag set
    (data (i32.const 272) "\ac\20u\00r\00o\00")
    (func (export "make-utf16") (result i32)
      (call $ret (i32.const 272) (i32.or (i32.const 4) (i32.const 0x80000000))))
  )
  (core instance $i (instantiate $m))

  (func (export "echo") (param "s" string) (result string)
    (canon lift (core func $i "echo") (memory (core memory $i "memory")) (realloc (core func $i "realloc")) string-encoding=latin1+utf16))
  (func (export "is-utf16") (param "s" string) (result bool)
    (canon lift (core func $i "is-utf16") (memory (core memory $i "memory")) (realloc (core func $i "realloc")) string-encoding=latin1+utf16))
  (func (export "units") (param "s" string) (result u32)
    (canon lift (core func $i "units") (memory (core memory $i "memory")) (realloc (core func $i "realloc")) string-encoding=latin1+utf16))
  (func (export "make-latin1") (result string)
    (canon lift (core func $i "make-latin1") (memory (core memory $i "memory")) string-encoding=latin1+utf16))
  (func (export "make-utf16") (result string)
    (canon lift (core func $i "make-utf16") (memory (core memory $i "memory")) string-encoding=latin1+utf16))
)
