;; spec: Explainer.md "Type imports and exports": each `(sub resource)` import is a fresh abstract type,
;; so `own<r1>` and `own<r2>` are different types and a function over one does not fill an import over the other
;; expect: instantiation argument "f"
(component
  (import "r1" (type $r1 (sub resource)))
  (import "r2" (type $r2 (sub resource)))
  (import "take-r1" (func $take (param "x" (own $r1))))
  (component $c
    (import "r" (type $r (sub resource)))
    (import "f" (func (param "x" (own $r)))))
  (instance (instantiate $c (with "r" (type $r2)) (with "f" (func $take)))))
