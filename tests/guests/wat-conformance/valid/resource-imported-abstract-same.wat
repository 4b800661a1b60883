;; spec: Explainer.md "Type imports and exports": the argument for a `(sub resource)` import may be any
;; resource, and a function over that same resource fills an import over it
(component
  (import "r1" (type $r1 (sub resource)))
  (import "r2" (type $r2 (sub resource)))
  (import "take-r2" (func $take (param "x" (own $r2))))
  (component $c
    (import "r" (type $r (sub resource)))
    (import "f" (func (param "x" (own $r)))))
  (instance (instantiate $c (with "r" (type $r2)) (with "f" (func $take)))))
