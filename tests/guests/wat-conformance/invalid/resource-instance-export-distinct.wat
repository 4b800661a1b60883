;; spec: Explainer.md "Type imports and exports" / "Subtyping": an instance argument's resource export binds the
;; import type's abstract resource; its functions must then use that very resource, not another one
;; expect: instantiation argument "i"
(component
  (import "r1" (type $r1 (sub resource)))
  (import "r2" (type $r2 (sub resource)))
  (import "take-r2" (func $take (param "x" (own $r2))))
  (component $c
    (import "i" (instance
      (export "r" (type $r (sub resource)))
      (export "f" (func (param "x" (own $r)))))))
  (instance $arg (export "r" (type $r1)) (export "f" (func $take)))
  (instance (instantiate $c (with "i" (instance $arg)))))
