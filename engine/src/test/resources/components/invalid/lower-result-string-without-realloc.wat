;; expect: canon lower: result contains strings or lists, so the realloc option is required
(component
  (import "f" (func $f (result string)))
  (core module $m (memory (export "mem") 1))
  (core instance $i (instantiate $m))
  (alias core export $i "mem" (core memory $mem))
  (core func (canon lower (func $f) (memory $mem)))
)
