;; expect: resource destructor core func 0 has type (func (param i32) (result i32)) but (func (param i32)) is required
(component
  (core module $m (func (export "d") (param i32) (result i32) i32.const 0))
  (core instance $i (instantiate $m))
  (alias core export $i "d" (core func $d))
  (type (resource (rep i32) (dtor (core func $d))))
)
