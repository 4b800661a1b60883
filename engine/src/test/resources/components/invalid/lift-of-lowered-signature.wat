;; expect: canon lift: callee core func 0 has type (func (param f32)) but (func (param i32)) is required
(component
  (import "f" (func $f (param "x" f32)))
  (core func $lowered (canon lower (func $f)))
  (func (param "x" u32) (canon lift (core func $lowered)))
)
