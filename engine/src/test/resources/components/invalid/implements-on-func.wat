;; expect: implements attribute on "f" requires an instance, not a func
(component
  (import "f" (implements "a:b/c") (func))
)
