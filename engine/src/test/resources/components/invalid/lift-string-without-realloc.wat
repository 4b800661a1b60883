;; expect: canon lift: parameters contain strings or lists, so the realloc option is required
(component
  (core module $m (memory (export "mem") 1) (func (export "f") (param i32 i32)))
  (core instance $i (instantiate $m))
  (alias core export $i "mem" (core memory $mem))
  (alias core export $i "f" (core func $f))
  (func (param "s" string) (canon lift (core func $f) (memory $mem)))
)
