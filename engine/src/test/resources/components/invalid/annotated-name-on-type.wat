;; expect: annotated names are only allowed on functions
(component
  (import "r" (type $r (sub resource)))
  (import "[static]r.t" (type (sub resource)))
)
