;; spec: CanonicalABI.md "lift_borrow" / "lift_own" inside lists, tuples and options: handles nested in values are lifted like direct ones (here, in the component that defines the resource, as their representation); witbox call accepts $variables wherever a value of their type fits
;; call: $a = make(3); $b = make(4); total([$a, $b]) => $a; $b; 7
;; call: $a = make(3); $b = make(4); total([$a, $b, $a]) => $a; $b; 10
;; call: $a = make(3); pair-total(($a, 5)) => $a; 8
;; call: $a = make(3); $b = make(4); holder-total({first: $a, rest: [$b, $a]}) => $a; $b; 10
;; call: $a = make(3); opt-total(some($a)); opt-total($a); opt-total(none) => $a; 3; 3; 0
(component
  (type $r (resource (rep i32)))
  (core func $new (canon resource.new $r))
  (core module $mem
    (memory (export "mem") 1)
    (global $next (mut i32) (i32.const 1024))
    (func (export "realloc") (param i32 i32 i32 i32) (result i32)
      (local $at i32)
      (local.set $at (global.get $next))
      (global.set $next (i32.add (global.get $next) (local.get 3)))
      (local.get $at)))
  (core instance $mi (instantiate $mem))
  (core module $impl
    (import "env" "new" (func $new (param i32) (result i32)))
    (import "env" "mem" (memory 1))
    (func (export "make") (param i32) (result i32) (call $new (local.get 0)))
    (func $total (export "total") (param $p i32) (param $n i32) (result i32)
      (local $sum i32)
      (block $done
        (loop $next
          (br_if $done (i32.eqz (local.get $n)))
          (local.set $sum (i32.add (local.get $sum) (i32.load (local.get $p))))
          (local.set $p (i32.add (local.get $p) (i32.const 4)))
          (local.set $n (i32.sub (local.get $n) (i32.const 1)))
          (br $next)))
      (local.get $sum))
    (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
    (func (export "holder") (param i32 i32 i32) (result i32)
      (i32.add (local.get 0) (call $total (local.get 1) (local.get 2))))
    (func (export "opt") (param i32 i32) (result i32) (select (local.get 1) (i32.const 0) (local.get 0))))
  (core instance $li (instantiate $impl
    (with "env" (instance (export "new" (func $new)) (export "mem" (memory $mi "mem"))))))
  (export $re "r" (type $r))
  (func (export "make") (param "v" u32) (result (own $re)) (canon lift (core func $li "make")))
  (func (export "total") (param "l" (list (borrow $re))) (result u32)
    (canon lift (core func $li "total") (memory (core memory $mi "mem")) (realloc (core func $mi "realloc"))))
  (type $holder (record (field "first" (borrow $re)) (field "rest" (list (borrow $re)))))
  (export $he "holder" (type $holder))
  (func (export "holder-total") (param "h" $he) (result u32) (canon lift (core func $li "holder")
    (memory (core memory $mi "mem")) (realloc (core func $mi "realloc"))))
  (func (export "pair-total") (param "p" (tuple (borrow $re) u32)) (result u32) (canon lift (core func $li "add")))
  (func (export "opt-total") (param "o" (option (borrow $re))) (result u32) (canon lift (core func $li "opt"))))
