;; expect: canon lower: result contains strings or lists, so the realloc option is required
(component
  (import "env" (instance $env (export "args" (func (result (list string))))))
  (alias export $env "args" (func $args))
  (core module $m (memory (export "mem") 1))
  (core instance $i (instantiate $m))
  (alias core export $i "mem" (core memory $mem))
  (core func (canon lower (func $args) (memory $mem)))
)
