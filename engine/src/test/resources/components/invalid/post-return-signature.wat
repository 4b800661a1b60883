;; expect: canon lift: post-return core func 1 has type (func) but (func (param i32)) is required
(component
  (core module $m (func (export "f") (result i32) i32.const 0) (func (export "pr")))
  (core instance $i (instantiate $m))
  (alias core export $i "f" (core func $f))
  (alias core export $i "pr" (core func $pr))
  (func (result u32) (canon lift (core func $f) (post-return $pr)))
)
