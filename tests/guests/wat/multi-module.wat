;; multi-module: two core modules in one component. Module $a defines the
;; memory, a table of functions and the allocator; module $b imports $a's
;; memory and table and implements the exported functions on them.
;;   sum(xs: list<u32>) -> u32         reads the list $a's realloc put in $a's memory
;;   apply(f: u32, x: s32) -> s32      call_indirect through $a's table:
;;                                     0 = x + 1, 1 = -x, anything else traps
;;   stats(xs: list<u32>) -> tuple<u32, u32, u32>   (count, min, max), written
;;                                     to a return area in the shared memory
(component
  (core module $a
    (memory (export "memory") 1)
    (table (export "table") 2 funcref)
    (func $inc (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
    (func $neg (param i32) (result i32) (i32.sub (i32.const 0) (local.get 0)))
    (elem (i32.const 0) func $inc $neg)
    (global $next (mut i32) (i32.const 1024))
    (func (export "realloc")
      (param $old i32) (param $old_size i32) (param $align i32) (param $new_size i32) (result i32)
      (local $p i32)
      (if (local.get $old_size) (then unreachable)) ;; lists are never resized
      (local.set $p (i32.and
        (i32.add (global.get $next) (i32.sub (local.get $align) (i32.const 1)))
        (i32.sub (i32.const 0) (local.get $align))))
      (global.set $next (i32.add (local.get $p) (local.get $new_size)))
      (if (i32.gt_u (global.get $next) (i32.mul (memory.size) (i32.const 65536)))
        (then (if (i32.eq (memory.grow
                  (i32.add (i32.shr_u (i32.sub (global.get $next) (i32.mul (memory.size) (i32.const 65536))) (i32.const 16)) (i32.const 1)))
                  (i32.const -1))
          (then unreachable))))
      (local.get $p)))

  (core module $b
    (import "a" "memory" (memory 1))
    (import "a" "table" (table 2 funcref))
    (type $unary (func (param i32) (result i32)))
    (func (export "sum") (param $p i32) (param $n i32) (result i32)
      (local $s i32)
      (block $done (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $s (i32.add (local.get $s) (i32.load (local.get $p))))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
      (local.get $s))
    (func (export "apply") (param $f i32) (param $x i32) (result i32)
      (call_indirect (type $unary) (local.get $x) (local.get $f)))
    (func (export "stats") (param $p i32) (param $n i32) (result i32)
      (local $min i32) (local $max i32) (local $v i32) (local $i i32)
      (local.set $min (i32.const -1))
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $v (i32.load (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 2)))))
        (if (i32.lt_u (local.get $v) (local.get $min)) (then (local.set $min (local.get $v))))
        (if (i32.gt_u (local.get $v) (local.get $max)) (then (local.set $max (local.get $v))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
      (if (i32.eqz (local.get $n)) (then (local.set $min (i32.const 0))))
      ;; return area at 64 in the shared memory
      (i32.store (i32.const 64) (local.get $n))
      (i32.store (i32.const 68) (local.get $min))
      (i32.store (i32.const 72) (local.get $max))
      (i32.const 64)))

  (core instance $ia (instantiate $a))
  (core instance $ib (instantiate $b (with "a" (instance $ia))))

  (type $u32-list (list u32))
  (type $stats (tuple u32 u32 u32))
  (func (export "sum") (param "xs" $u32-list) (result u32)
    (canon lift (core func $ib "sum") (memory (core memory $ia "memory")) (realloc (core func $ia "realloc"))))
  (func (export "apply") (param "f" u32) (param "x" s32) (result s32)
    (canon lift (core func $ib "apply")))
  (func (export "stats") (param "xs" $u32-list) (result $stats)
    (canon lift (core func $ib "stats") (memory (core memory $ia "memory")) (realloc (core func $ia "realloc"))))
)
