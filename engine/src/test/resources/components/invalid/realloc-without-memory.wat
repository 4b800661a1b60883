;; expect: the realloc option requires the memory option
(component
  (import "f" (func $f))
  (core module $m (func (export "r") (param i32 i32 i32 i32) (result i32) i32.const 0))
  (core instance $i (instantiate $m))
  (alias core export $i "r" (core func $r))
  (core func (canon lower (func $f) (realloc $r)))
)
