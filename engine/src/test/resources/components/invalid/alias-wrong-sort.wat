;; expect: export "f" of instance 0 is a func, not a type
(component
  (import "i" (instance $i (export "f" (func))))
  (alias export $i "f" (type))
)
