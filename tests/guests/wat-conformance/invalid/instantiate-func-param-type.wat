;; spec: Explainer.md "Instance definitions": each `with` argument must match the imported type
;; (Binary.md: instantiate validation; subtyping of func types requires equal parameter types)
;; expect: instantiation argument "x"
(component
  (component $c
    (import "x" (func (param "a" u32))))
  (import "f" (func $f (param "a" string)))
  (instance (instantiate $c (with "x" (func $f)))))
