;; expect: invalid import name "B_c": not a kebab-case label
(component
  (import "B_c" (func))
)
