;; spec: CanonicalABI.md "lift_own" / "lower_own": an own handle made by inner instance A moves through inner instance B (which imports the same resource type) into the host; handle tables are per component instance, the resource type is shared
;; call: $x = make2(5); get($x) => $x; 10
;; call: $x = make2(5); get($x); drop($x) => $x; 10; ()
(component
  (component $A
    (type $r (resource (rep i32)))
    (core func $new (canon resource.new $r))
    (core func $rep (canon resource.rep $r))
    (core module $m
      (import "" "new" (func $new (param i32) (result i32)))
      (import "" "rep" (func $rep (param i32) (result i32)))
      (func (export "make") (param i32) (result i32) (call $new (local.get 0)))
      (func (export "get") (param i32) (result i32) (local.get 0)))
    (core instance $i (instantiate $m (with "" (instance (export "new" (func $new)) (export "rep" (func $rep))))))
    (export $re "r" (type $r))
    (func (export "make") (param "v" u32) (result (own $re)) (canon lift (core func $i "make")))
    (func (export "get") (param "x" (borrow $re)) (result u32) (canon lift (core func $i "get"))))
  (component $B
    (import "r" (type $r (sub resource)))
    (import "make" (func $make (param "v" u32) (result (own $r))))
    (core func $lmake (canon lower (func $make)))
    (core module $m
      (import "" "make" (func $make (param i32) (result i32)))
      (func (export "make2") (param i32) (result i32) (call $make (i32.mul (local.get 0) (i32.const 2)))))
    (core instance $i (instantiate $m (with "" (instance (export "make" (func $lmake))))))
    (func (export "make2") (param "v" u32) (result (own $r)) (canon lift (core func $i "make2"))))
  (instance $a (instantiate $A))
  (alias export $a "r" (type $r))
  (alias export $a "make" (func $make))
  (alias export $a "get" (func $get))
  (instance $b (instantiate $B (with "r" (type $r)) (with "make" (func $make))))
  (alias export $b "make2" (func $make2))
  (export $re "r" (type $r))
  (export "make2" (func $make2) (func (param "v" u32) (result (own $re))))
  (export "get" (func $get) (func (param "x" (borrow $re)) (result u32))))
