;; expect: duplicate memory option
(component
  (import "f" (func $f))
  (core module $m (memory (export "mem") 1))
  (core instance $i (instantiate $m))
  (alias core export $i "mem" (core memory $mem))
  (core func (canon lower (func $f) (memory $mem) (memory $mem)))
)
