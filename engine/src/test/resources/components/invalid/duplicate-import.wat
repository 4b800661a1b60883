;; expect: duplicate import name "a"
(component
  (import "a" (func))
  (import "a" (func))
)
