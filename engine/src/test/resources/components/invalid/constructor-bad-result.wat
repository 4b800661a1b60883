;; expect: constructor "[constructor]r" must return (own r)
(component
  (import "r" (type $r (sub resource)))
  (import "other" (type $o (sub resource)))
  (import "[constructor]r" (func (result (own $o))))
)
