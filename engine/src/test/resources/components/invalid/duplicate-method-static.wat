;; expect: duplicate import name "[static]r.m" (not strongly-unique from "[method]r.m")
(component
  (import "r" (type $r (sub resource)))
  (import "[method]r.m" (func (param "self" (borrow $r))))
  (import "[static]r.m" (func))
)
