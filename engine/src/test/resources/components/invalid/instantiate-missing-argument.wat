;; expect: instantiation of component 0 is missing argument "f"
(component
  (component $c (import "f" (func)))
  (instance (instantiate $c))
)
