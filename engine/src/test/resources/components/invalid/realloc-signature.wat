;; expect: realloc core func 1 has type (func (param i32)) but (func (param i32 i32 i32 i32) (result i32)) is required
(component
  (import "f" (func $f (param "s" string)))
  (core module $m (memory (export "mem") 1) (func (export "r") (param i32)))
  (core instance $i (instantiate $m))
  (alias core export $i "mem" (core memory $mem))
  (core func $dummy (canon lower (func $f) (memory $mem)))
  (alias core export $i "r" (core func $r))
  (core func (canon lower (func $f) (memory $mem) (realloc $r)))
)
