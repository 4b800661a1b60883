;; expect: export "f" of core instance 0 is a core func, not a core memory
(component
  (core module $m (func (export "f")))
  (core instance $i (instantiate $m))
  (alias core export $i "f" (core memory))
)
