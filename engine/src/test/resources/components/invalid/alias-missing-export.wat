;; expect: instance 0 has no export named "missing"
(component
  (import "i" (instance $i (export "f" (func))))
  (alias export $i "missing" (func))
)
