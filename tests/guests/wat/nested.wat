;; nested: a component that contains and instantiates another component.
;;   inner exports  double: func(x: u32) -> u32
;;                  count-bytes: func(s: string) -> u32   (UTF-8 byte length)
;;   outer re-exports `double`, and exports functions of its own core module
;;   that call the inner component's functions through `canon lower`:
;;                  quad(x) = double(double(x))
;;                  count-twice(s) = 2 * count-bytes(s), the string going from
;;                  the outer module's memory to the inner one's (a
;;                  component-to-component copy through the canonical ABI).
(component
  (component $inner
    (core module $m
      (memory (export "memory") 1)
      (global $next (mut i32) (i32.const 1024))
      (func (export "realloc")
        (param $old i32) (param $old_size i32) (param $align i32) (param $new_size i32) (result i32)
        (local $p i32)
        (if (local.get $old_size) (then unreachable)) ;; never resized here
        (local.set $p (i32.and
          (i32.add (global.get $next) (i32.sub (local.get $align) (i32.const 1)))
          (i32.sub (i32.const 0) (local.get $align))))
        (global.set $next (i32.add (local.get $p) (local.get $new_size)))
        (if (i32.gt_u (global.get $next) (i32.const 65536)) (then unreachable))
        (local.get $p))
      (func (export "double") (param i32) (result i32)
        (i32.add (local.get 0) (local.get 0)))
      (func (export "count-bytes") (param $ptr i32) (param $len i32) (result i32)
        (local.get $len)))
    (core instance $i (instantiate $m))
    (func (export "double") (param "x" u32) (result u32)
      (canon lift (core func $i "double")))
    (func (export "count-bytes") (param "s" string) (result u32)
      (canon lift (core func $i "count-bytes") (memory (core memory $i "memory")) (realloc (core func $i "realloc"))))
  )
  (instance $in (instantiate $inner))
  (alias export $in "double" (func $double))
  (alias export $in "count-bytes" (func $count-bytes))

  ;; `canon lower` of count-bytes needs the memory the outer module's strings
  ;; live in before that module is instantiated, so the memory comes from a
  ;; module of its own, instantiated first, and the outer module imports it.
  (core module $mem
    (memory (export "memory") 1))
  (core instance $mi (instantiate $mem))
  (core func $double-lowered (canon lower (func $double)))
  (core func $count-lowered (canon lower (func $count-bytes) (memory (core memory $mi "memory"))))

  ;; the outer core module: the inner functions and the memory as imports
  (core module $outer
    (import "inner" "double" (func $double (param i32) (result i32)))
    (import "inner" "count-bytes" (func $count-bytes (param i32 i32) (result i32)))
    (import "env" "memory" (memory 1))
    (global $next (mut i32) (i32.const 1024))
    (func (export "realloc")
      (param $old i32) (param $old_size i32) (param $align i32) (param $new_size i32) (result i32)
      (local $p i32)
      (if (local.get $old_size) (then unreachable))
      (local.set $p (i32.and
        (i32.add (global.get $next) (i32.sub (local.get $align) (i32.const 1)))
        (i32.sub (i32.const 0) (local.get $align))))
      (global.set $next (i32.add (local.get $p) (local.get $new_size)))
      (if (i32.gt_u (global.get $next) (i32.const 65536)) (then unreachable))
      (local.get $p))
    (func (export "quad") (param i32) (result i32)
      (call $double (call $double (local.get 0))))
    (func (export "count-twice") (param $ptr i32) (param $len i32) (result i32)
      (i32.mul (call $count-bytes (local.get $ptr) (local.get $len)) (i32.const 2))))

  (core instance $imports
    (export "double" (func $double-lowered))
    (export "count-bytes" (func $count-lowered)))
  (core instance $o (instantiate $outer
    (with "inner" (instance $imports))
    (with "env" (instance $mi))))

  (export "double" (func $double))
  (func (export "quad") (param "x" u32) (result u32)
    (canon lift (core func $o "quad")))
  (func (export "count-twice") (param "s" string) (result u32)
    (canon lift (core func $o "count-twice") (memory (core memory $mi "memory")) (realloc (core func $o "realloc"))))
)
