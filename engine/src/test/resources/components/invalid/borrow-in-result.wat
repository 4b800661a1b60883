;; expect: function results may not contain borrow handles
(component
  (type $r (resource (rep i32)))
  (type $b (borrow $r))
  (type (func (result $b)))
)
