;; expect: method "[method]r.m" must take (param "self" (borrow r)) first
(component
  (import "r" (type $r (sub resource)))
  (import "[method]r.m" (func (param "self" (own $r))))
)
