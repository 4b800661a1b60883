;; expect: canon lift: callee core func 0 has type (func (param i32)) but (func (param i32 i32)) is required
(component
  (core module $m (func (export "f") (param i32)))
  (core instance $i (instantiate $m))
  (alias core export $i "f" (core func $f))
  (func (param "a" u32) (param "b" u32) (canon lift (core func $f)))
)
