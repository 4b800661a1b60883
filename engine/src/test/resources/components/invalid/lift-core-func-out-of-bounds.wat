;; expect: core func index 5 out of bounds (0 defined)
(component
  (func (canon lift (core func 5)))
)
