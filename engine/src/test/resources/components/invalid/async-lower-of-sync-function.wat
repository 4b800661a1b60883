;; expect: canon lower with the async option requires an async function type
(component
  (import "f" (func $f))
  (core module $m (memory (export "mem") 1))
  (core instance $i (instantiate $m))
  (alias core export $i "mem" (core memory $mem))
  (core func (canon lower (func $f) async (memory $mem)))
)
