;; expect: canon lift: callee core func 0 has type (func (result i64)) but (func (result i32)) is required
(component
  (core module $m (func (export "f") (result i64) i64.const 0))
  (core instance $i (instantiate $m))
  (alias core export $i "f" (core func $f))
  (func (result u32) (canon lift (core func $f)))
)
