;; spec: Explainer.md "Subtyping": an instance argument whose function uses the resource it exports fills an
;; instance import declaring an abstract resource and a function over it
(component
  (import "r1" (type $r1 (sub resource)))
  (import "take-r1" (func $take (param "x" (own $r1))))
  (component $c
    (import "i" (instance
      (export "r" (type $r (sub resource)))
      (export "f" (func (param "x" (own $r)))))))
  (instance $arg (export "r" (type $r1)) (export "f" (func $take)))
  (instance (instantiate $c (with "i" (instance $arg)))))
