;; spec: the GC proposal: arrays used inside one module (Chicory runs them)
;; call: f() => 11
(component
  (core module $m
    (type $a (array (mut i32)))
    (func (export "f") (result i32)
      (local $x (ref $a))
      (local.set $x (array.new $a (i32.const 3) (i32.const 4)))
      (array.set $a (local.get $x) (i32.const 1) (i32.const 7))
      (i32.add (array.len (local.get $x)) (array.get $a (local.get $x) (i32.const 1)))))
  (core instance $i (instantiate $m))
  (func (export "f") (result u32) (canon lift (core func $i "f")))
)
